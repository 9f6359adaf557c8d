"""Language, landmarks, headings, keyboard access, small screens, contacts, privacy."""

import itertools

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserProblems, open_page


def test_page_is_german_with_one_h1_and_a_title(app_page: Page) -> None:
    open_page(app_page)
    expect(app_page.locator("html")).to_have_attribute("lang", "de")
    expect(app_page).to_have_title("Städtepartnerschaften – Stadt Krefeld")
    expect(app_page.locator("h1")).to_have_count(1)
    expect(app_page.locator("h1")).to_have_text("Städtepartnerschaften")
    expect(app_page.locator("main")).to_have_count(1)


def test_headings_never_skip_a_level(app_page: Page) -> None:
    open_page(app_page)
    levels = app_page.locator("h1, h2, h3, h4, h5, h6").evaluate_all(
        "nodes => nodes.map(node => Number(node.tagName[1]))"
    )
    assert levels[0] == 1
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert jumps == []


def test_skip_link_is_first_and_moves_focus_to_main(app_page: Page) -> None:
    open_page(app_page)
    app_page.keyboard.press("Tab")
    skip_link = app_page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    app_page.keyboard.press("Enter")
    expect(app_page.locator("main")).to_be_focused()


def test_focus_is_visible_on_controls(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_label("Jahr").focus()
    app_page.keyboard.press("Shift+Tab")
    app_page.keyboard.press("Tab")
    outline = app_page.get_by_label("Jahr").evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline == "solid"


def test_usable_at_320_px_without_horizontal_scrolling(app_page: Page) -> None:
    app_page.set_viewport_size({"width": 320, "height": 800})
    open_page(app_page)
    expect(app_page.locator(".news-card").first).to_be_visible()
    overflow = app_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # The tabs are one row that scrolls sideways (not four rows of tabs): each tab the
    # keyboard moves to is scrolled fully into view.
    tabs = app_page.get_by_role("tab")
    row_top = tabs.first.evaluate("tab => tab.offsetTop")
    tabs.first.evaluate("tab => tab.scrollIntoView({block: 'center'})")
    tabs.first.focus()
    for index in range(tabs.count()):
        if index:
            app_page.keyboard.press("ArrowRight")
        tab = tabs.nth(index)
        expect(tab).to_be_focused()
        expect(tab).to_be_in_viewport(ratio=1)
        box = tab.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 320
        assert tab.evaluate("tab => tab.offsetTop") == row_top, "all tabs in one row"


def test_contact_panel_links_phone_and_email(app_page: Page) -> None:
    open_page(app_page)
    contact = app_page.locator("#kontakt").locator("..")
    expect(contact.get_by_role("link", name="0 21 51 / 86-1554")).to_have_attribute(
        "href", "tel:+492151861554"
    )
    expect(contact.get_by_role("link", name="r.fries@krefeld.de")).to_have_attribute(
        "href", "mailto:r.fries@krefeld.de"
    )
    expect(contact.get_by_role("link", name="0 21 51 / 86-1562")).to_have_attribute(
        "href", "tel:+492151861562"
    )
    expect(contact.get_by_role("link", name="martina.heffels@krefeld.de")).to_have_attribute(
        "href", "mailto:martina.heffels@krefeld.de"
    )
    expect(contact.get_by_role("heading", name="Ricarda-Marie Fries")).to_be_visible()
    expect(contact).to_contain_text("B 209")
    expect(contact.locator("address")).to_contain_text("Von-der-Leyen-Platz 1")
    expect(contact.locator("address")).to_contain_text("47798 Krefeld")


@pytest.mark.parametrize(
    ("query", "caption"),
    [("", "Symbolbild, kein Pressefoto"), ("?lang=en", "Illustration, no press photo")],
)
def test_placeholder_images_say_once_and_briefly_that_they_are_no_photo(
    app_page: Page, query: str, caption: str
) -> None:
    open_page(app_page, "/" + query)
    card = app_page.locator(".news-card").first
    image = card.get_by_role("img")
    expect(image).to_have_attribute("alt", "Platzhaltergrafik mit dem Schriftzug „Leicester“")
    # One short caption, no credit line repeating it.
    expect(card.locator("figcaption")).to_have_text(caption)
    expect(card.locator("figcaption .credit")).to_have_count(0)
    expect(app_page.locator("figcaption", has_text="Platzhalter")).to_have_count(0)
    # Lazy images load once near the viewport.
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("node => node.naturalWidth") > 0


def test_page_requests_only_its_own_host(app_page: Page, browser_problems: BrowserProblems) -> None:
    open_page(app_page)
    expect(app_page.locator(".news-card")).to_have_count(5)
    app_page.locator(".news-card img").last.scroll_into_view_if_needed()
    expect(app_page.locator(".news-card img").last).to_be_visible()
    # The recorder saw the page's own traffic (so the check can fail) and nothing else.
    assert any(url.endswith(".js") for url in browser_problems.requests)
    assert any("/_event" in url for url in browser_problems.requests)
    assert browser_problems.foreign_requests == []
