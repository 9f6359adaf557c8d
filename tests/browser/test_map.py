"""The map of the partnerships: local SVG, keyboard-reachable markers, distances."""

import re

from playwright.sync_api import Page, expect

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
