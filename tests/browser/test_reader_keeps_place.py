"""The reader keeps their place: filtering never scrolls the page or drops focus, a run of
tab changes is one history entry, and a lost connection is said and survived."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import open_page

COUNT = "#result-count"
ARCHIVE = "section[aria-labelledby='pressearchiv']"


def _scroll_archive_into_middle(page: Page) -> float:
    """Scroll so the filters sit in the middle of the screen; return the scroll position."""
    page.locator(ARCHIVE).scroll_into_view_if_needed()
    page.evaluate("document.querySelector('[role=search]').scrollIntoView({block: 'center'})")
    position = page.evaluate("window.scrollY")
    assert position > 500, "the archive must be far enough down for a jump to show"
    return position


def _pick_year(page: Page) -> None:
    page.get_by_label("Jahr").focus()
    page.get_by_label("Jahr").select_option("2024")


def _pick_topic(page: Page) -> None:
    page.get_by_label("Thema").focus()
    page.get_by_label("Thema").select_option("kultur")


def _pick_city(page: Page) -> None:
    page.get_by_label("Partnerstadt").focus()
    page.get_by_label("Partnerstadt").select_option("venlo")


def _type_search(page: Page) -> None:
    page.get_by_label("Suche").focus()
    page.keyboard.type("fest")


@pytest.mark.parametrize(
    ("change", "url", "focused_id"),
    [
        (_pick_year, "/?jahr=2024", "filter-jahr"),
        (_pick_topic, "/?thema=kultur", "filter-thema"),
        (_pick_city, "/?stadt=venlo", "filter-stadt"),
        (_type_search, "/?q=fest", "filter-suche"),
    ],
    ids=["year", "topic", "city", "search"],
)
def test_a_filter_change_keeps_scroll_position_and_focus(
    app_page: Page, change: Callable[[Page], None], url: str, focused_id: str
) -> None:
    open_page(app_page)
    before = _scroll_archive_into_middle(app_page)
    change(app_page)
    expect(app_page).to_have_url(url)
    assert app_page.evaluate("window.scrollY") == before
    expect(app_page.locator(f"#{focused_id}")).to_be_focused()
    # The new count is announced by the status region that holds it.
    expect(app_page.locator(COUNT)).to_have_attribute("role", "status")


def test_a_tab_click_and_the_reset_keep_scroll_position_and_focus(app_page: Page) -> None:
    open_page(app_page)
    venlo = app_page.get_by_role("tab", name="Venlo")
    venlo.scroll_into_view_if_needed()
    app_page.evaluate("window.scrollBy(0, 300)")
    before = app_page.evaluate("window.scrollY")
    venlo.click()
    expect(app_page).to_have_url("/?stadt=venlo")
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")
    assert app_page.evaluate("window.scrollY") == before
    expect(venlo).to_be_focused()

    before = _scroll_archive_into_middle(app_page)
    reset = app_page.get_by_role("search").get_by_role("button", name="Filter zurücksetzen")
    reset.click()
    expect(app_page).to_have_url("/")
    expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")
    assert app_page.evaluate("window.scrollY") == before
    expect(reset).to_be_focused()
    expect(reset).to_have_attribute("aria-disabled", "true")


def test_arrowing_across_the_tabs_is_one_history_entry(app_page: Page) -> None:
    open_page(app_page)
    tabs = app_page.get_by_role("tab")
    tabs.first.focus()
    for index in range(1, 9):
        app_page.keyboard.press("ArrowRight")
        expect(tabs.nth(index)).to_have_attribute("aria-selected", "true")
        expect(tabs.nth(index)).to_be_focused()
    eighth = app_page.get_by_role("tab", name="Kayseri")
    expect(eighth).to_be_focused()
    # The server has answered the last step once the URL names it (earlier steps name
    # earlier cities); going back before that would race the page's own URL change.
    expect(app_page).to_have_url("/?stadt=kayseri")
    expect(app_page.locator(COUNT)).to_have_text("Keine Meldung gefunden.")

    app_page.go_back()
    expect(app_page).to_have_url("/")
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")
    app_page.go_forward()
    expect(app_page).to_have_url("/?stadt=kayseri")
    expect(eighth).to_have_attribute("aria-selected", "true")


def test_separate_choices_are_separate_history_entries(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_role("tab", name="Venlo").click()
    expect(app_page).to_have_url("/?stadt=venlo")
    app_page.get_by_label("Jahr").select_option("2024")
    expect(app_page).to_have_url("/?stadt=venlo&jahr=2024")
    app_page.go_back()
    expect(app_page).to_have_url("/?stadt=venlo")
    expect(app_page.get_by_label("Jahr")).to_have_value("")
    app_page.go_back()
    expect(app_page).to_have_url("/")
    expect(app_page.get_by_label("Partnerstadt")).to_have_value("alle")


def test_a_lost_connection_is_announced_and_the_choice_applied_after_it(
    app_page: Page, context: BrowserContext
) -> None:
    open_page(app_page)
    notice = app_page.locator("#connection-notice")
    expect(notice).to_have_text("")
    expect(app_page.get_by_role("alert")).to_have_count(0)

    context.set_offline(True)
    alert = app_page.get_by_role("alert")
    expect(alert).to_contain_text("Keine Verbindung zum Server.")
    expect(alert).to_be_visible()
    city = app_page.get_by_label("Partnerstadt")
    city.select_option("venlo")
    # The pick stays on screen (no silent snap back) while nothing can be sent.
    expect(city).to_have_value("venlo")
    expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")

    context.set_offline(False)
    expect(app_page.get_by_role("alert")).to_have_count(0, timeout=20_000)
    expect(app_page).to_have_url("/?stadt=venlo")
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")
    expect(city).to_have_value("venlo")
    expect(app_page.get_by_role("tab", name="Venlo")).to_have_attribute("aria-selected", "true")
