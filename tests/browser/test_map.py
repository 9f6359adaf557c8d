"""The map of the partnerships: local SVG, keyboard-reachable markers, distances."""

import itertools
import re

import pytest
from playwright.sync_api import Page, expect

from partner_app.services.map_markers import home_marker
from tests.browser.conftest import BrowserProblems, expect_path, open_page
from tests.browser.test_city_tabs import TAB_NAMES


def test_map_is_local_and_every_city_is_a_marker_link(
    app_page: Page, browser_problems: BrowserProblems
) -> None:
    open_page(app_page)
    figure = app_page.get_by_role("figure").filter(has_text="Kartengrundlage: Natural Earth")
    image = figure.locator("img.map-image")
    expect(image).to_have_attribute("alt", "")
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("image => image.naturalWidth") > 0
    markers = figure.locator("ul.map-markers").get_by_role("link")
    expect(markers).to_have_count(len(TAB_NAMES) - 1)
    for name in TAB_NAMES[1:]:
        expect(figure.get_by_role("link", name=re.compile("^" + re.escape(name)))).to_have_count(1)
    # The outline is served by the app itself; nothing comes from a tile server.
    assert any(url.endswith("/map/partnerschaften.svg") for url in browser_problems.requests)


def test_marker_is_reached_by_keyboard_shows_its_label_and_opens_the_tab(app_page: Page) -> None:
    open_page(app_page)
    marker = app_page.locator(".map-link", has_text="Charlotte")
    marker.focus()
    expect(marker).to_be_focused()
    expect(marker.locator(".map-name")).to_be_visible()
    expect(marker).to_have_accessible_name(re.compile(r"^Charlotte ?, Entfernung von Krefeld"))
    app_page.keyboard.press("Enter")

    expect_path(app_page, "/?stadt=charlotte")
    expect(app_page.get_by_role("tab", name="Charlotte")).to_have_attribute("aria-selected", "true")


def test_city_facts_give_the_great_circle_distance(app_page: Page) -> None:
    open_page(app_page, "/?stadt=charlotte")
    facts = app_page.get_by_role("tabpanel").locator(".fact-distance")
    expect(facts).to_have_text("Entfernung von Krefeld (Luftlinie): rund 6.870 km")
    open_page(app_page, "/?stadt=venlo")
    expect(app_page.get_by_role("tabpanel").locator(".fact-distance")).to_have_text(
        re.compile(r"^Entfernung von Krefeld \(Luftlinie\): rund \d\d km$")
    )


def _marker_boxes(page: Page) -> list[dict]:
    return page.locator(".map-link").evaluate_all(
        """links => links.map(link => {
          const box = link.getBoundingClientRect();
          return {name: link.querySelector('.map-name').textContent,
                  left: box.left, top: box.top, right: box.right, bottom: box.bottom};
        })"""
    )


@pytest.mark.parametrize("width", [320, 390, 768, 1366])
def test_markers_are_separate_24_px_targets(app_page: Page, width: int) -> None:
    app_page.set_viewport_size({"width": width, "height": 900})
    open_page(app_page)
    expect(app_page.locator(".map-link")).to_have_count(len(TAB_NAMES) - 1)
    boxes = _marker_boxes(app_page)
    for box in boxes:
        assert box["right"] - box["left"] >= 24, box
        assert box["bottom"] - box["top"] >= 24, box
        assert box["left"] >= 0, box
        assert box["right"] <= width, box
    for first, second in itertools.combinations(boxes, 2):
        apart = (
            first["right"] <= second["left"]
            or second["right"] <= first["left"]
            or first["bottom"] <= second["top"]
            or second["bottom"] <= first["top"]
        )
        assert apart, (first["name"], second["name"])


@pytest.mark.parametrize("width", [390, 1366])
def test_krefeld_sits_at_its_place_on_the_map(app_page: Page, width: int) -> None:
    app_page.set_viewport_size({"width": width, "height": 900})
    open_page(app_page)
    home = home_marker()
    canvas = app_page.locator(".map-canvas").bounding_box()
    symbol = app_page.locator(".map-home-symbol").bounding_box()
    assert canvas is not None
    assert symbol is not None
    # The diamond's centre, in percent of the image the markers are placed on.
    left = (symbol["x"] + symbol["width"] / 2 - canvas["x"]) / canvas["width"] * 100
    top = (symbol["y"] + symbol["height"] / 2 - canvas["y"]) / canvas["height"] * 100
    assert left == pytest.approx(home.left_percent, abs=0.5)
    assert top == pytest.approx(home.top_percent, abs=0.5)
    expect(app_page.locator(".map-home-label")).to_have_text("Krefeld")


def test_a_marker_moved_off_its_place_has_a_leader_line(app_page: Page) -> None:
    app_page.set_viewport_size({"width": 390, "height": 900})
    open_page(app_page)
    # Venlo lies 27 km from Krefeld: its target sits aside, joined to the place.
    expect(app_page.locator(".map-leader-phone").first).to_be_visible()
    expect(app_page.locator(".map-leader-wide").first).to_be_hidden()


def _wait_until_no_label_is_shown(page: Page) -> None:
    """Every marker's name is either not rendered or in its 1 px screen-reader form."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.map-label')].every(label => {
          const box = label.getBoundingClientRect();
          return getComputedStyle(label).display === 'none' || box.width <= 1;
        })""",
        timeout=5000,
    )


def test_escape_hides_a_shown_name_until_a_marker_is_focused_again(app_page: Page) -> None:
    open_page(app_page)
    marker = app_page.locator(".map-link", has_text="Leiden")
    label = marker.locator(".map-label")
    marker.focus()
    expect(label).to_have_css("clip-path", "none")
    app_page.keyboard.press("Escape")
    expect(label).to_be_hidden()
    # The focus stays where it was.
    expect(marker).to_be_focused()
    app_page.keyboard.press("Tab")
    expect(app_page.locator(".map-link").nth(4)).to_be_focused()
    expect(app_page.locator(".map-link").nth(4).locator(".map-label")).to_have_css(
        "clip-path", "none"
    )


def test_hovered_name_stays_while_the_pointer_moves_onto_it_and_escape_hides_it(
    app_page: Page,
) -> None:
    app_page.set_viewport_size({"width": 390, "height": 900})
    open_page(app_page)
    marker = app_page.locator(".map-link", has_text="Kropyvnytskyi")
    label = marker.locator(".map-label")
    marker.scroll_into_view_if_needed()
    marker.hover()
    expect(label).to_have_css("clip-path", "none")
    box = label.bounding_box()
    dot = marker.bounding_box()
    assert box is not None
    assert dot is not None
    # Up over the gap onto the name, then across it to its middle, in small steps.
    app_page.mouse.move(dot["x"] + dot["width"] / 2, box["y"] + box["height"] - 4, steps=6)
    expect(label).to_have_css("clip-path", "none")
    app_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=6)
    expect(label).to_have_css("clip-path", "none")
    expect(label).to_be_visible()
    app_page.keyboard.press("Escape")
    # No name is shown, whether the pointer still rests on this marker or hiding the name
    # uncovered another marker's dot (then this label is back to its screen-reader form).
    _wait_until_no_label_is_shown(app_page)
    # Pointing at a marker again shows its name again.
    app_page.mouse.move(0, 0)
    marker.hover()
    expect(label).to_be_visible()
    expect(label).to_have_css("clip-path", "none")


def test_numbered_dots_are_named_by_the_key_below_the_map(app_page: Page) -> None:
    app_page.set_viewport_size({"width": 390, "height": 900})
    open_page(app_page)
    links = app_page.locator(".map-link")
    expect(links).to_have_count(len(TAB_NAMES) - 1)
    key = app_page.locator(".map-key")
    # For the eye: the links already carry every name for screen readers.
    expect(key).to_have_attribute("aria-hidden", "true")
    entries = key.locator("li")
    expect(entries).to_have_count(len(TAB_NAMES) - 1)
    for index, name in enumerate(TAB_NAMES[1:]):
        link = links.nth(index)
        expect(link.locator(".map-dot")).to_have_text(str(index + 1))
        expect(link).to_have_accessible_name(re.compile("^" + re.escape(name)))
        expect(entries.nth(index)).to_have_text(f"{index + 1}{name}")


def test_english_page_shows_the_outline_with_an_english_inset_caption(app_page: Page) -> None:
    open_page(app_page, "/?lang=en")
    image = app_page.locator("img.map-image")
    expect(image).to_have_attribute("src", "/map/partnerschaften.en.svg")
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("image => image.naturalWidth") > 0
