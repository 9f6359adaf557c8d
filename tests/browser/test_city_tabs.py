"""Partner-city tabs: WAI-ARIA roles and states, mouse and keyboard."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlmodel import Session

from partner_app.services.anniversaries import upcoming_anniversaries
from partner_app.services.clock import today_in_krefeld
from tests.browser.conftest import open_page

TAB_NAMES = [
    "Alle Partnerstädte",
    "Venlo",
    "Leicester",
    "Dünkirchen",
    "Leiden",
    "Charlotte",
    "Landkreis Oder-Spree",
    "Uljanowsk",
    "Kayseri",
    "Kropyvnytskyi",
]


def test_tabs_follow_the_aria_pattern_in_order_of_since(app_page: Page) -> None:
    open_page(app_page)
    tablist = app_page.get_by_role("tablist", name="Partnerstädte")
    tabs = tablist.get_by_role("tab")
    expect(tabs).to_have_count(len(TAB_NAMES))
    for index, name in enumerate(TAB_NAMES):
        expect(tabs.nth(index)).to_have_accessible_name(name)
    overview = tablist.get_by_role("tab", name="Alle Partnerstädte")
    expect(overview).to_have_attribute("aria-selected", "true")
    panel = app_page.get_by_role("tabpanel")
    expect(panel).to_have_count(1)
    expect(panel).to_have_attribute("aria-labelledby", overview.get_attribute("id") or "")


def test_overview_lists_every_partnership_with_country_since_and_status(app_page: Page) -> None:
    open_page(app_page)
    rows = app_page.get_by_role("tabpanel").locator("tbody tr")
    expect(rows).to_have_count(9)
    expect(rows.nth(0)).to_contain_text("Venlo")
    expect(rows.nth(0)).to_contain_text("Niederlande")
    expect(rows.nth(0)).to_contain_text("21.11.1964")
    expect(rows.nth(0)).to_contain_text("aktiv")
    expect(rows.nth(6)).to_contain_text("Uljanowsk")
    expect(rows.nth(6)).to_contain_text("ausgesetzt")
    expect(rows.nth(8)).to_contain_text("Projektpartnerschaft")


def test_clicking_a_city_tab_shows_its_panel_and_filters_the_news(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_role("tab", name="Charlotte").click()
    tab = app_page.get_by_role("tab", name="Charlotte")
    expect(tab).to_have_attribute("aria-selected", "true")
    panel = app_page.get_by_role("tabpanel")
    expect(panel.get_by_role("heading", name="Charlotte", exact=True)).to_be_visible()
    expect(panel.locator("[lang='en']")).to_have_text("Charlotte, North Carolina")
    expect(panel).to_contain_text("Vereinigte Staaten")
    expect(panel).to_contain_text("Mai 1986")
    expect(panel).to_contain_text("23. Mai 1986")
    expect(panel).to_contain_text("Städtepartnerschaft")
    expect(app_page.locator("#result-count")).to_have_text("Keine Meldung gefunden.")
    app_page.get_by_role("tab", name="Dünkirchen").click()
    expect(app_page.get_by_role("tabpanel").locator("[lang='fr']")).to_have_text("Dunkerque")
    expect(app_page.locator("#result-count")).to_have_text("1 Meldung gefunden.")
    expect(app_page.locator(".news-card h3")).to_have_text(
        ["Kunstmuseen Krefeld zeigen Werke aus Dünkirchen"]
    )
    # The document's title names the city, so do a bookmark and the browser's history.
    expect(app_page).to_have_title("Krefeld und Dünkirchen – Städtepartnerschaften – Stadt Krefeld")
    app_page.get_by_role("tab", name="Alle Partnerstädte").click()
    expect(app_page).to_have_title("Städtepartnerschaften – Stadt Krefeld")


def test_suspended_dormant_and_project_partnerships_are_marked_with_their_note(
    app_page: Page,
) -> None:
    open_page(app_page)
    expected = {
        "Uljanowsk": ("ausgesetzt", "4. Mai 2022"),
        "Leiden": ("ruhend", "1980er-Jahren"),
        "Kropyvnytskyi": ("Projektpartnerschaft", "Kooperationsvertrag"),
    }
    for name, (mark, note) in expected.items():
        app_page.get_by_role("tab", name=name).click()
        status_note = app_page.get_by_role("tabpanel").locator(".status-note")
        expect(status_note).to_contain_text(mark)
        expect(status_note).to_contain_text(note)
    app_page.get_by_role("tab", name="Venlo").click()
    expect(app_page.get_by_role("tabpanel").locator(".status-note")).to_have_count(0)
    expect(app_page.get_by_role("tabpanel").locator("li")).to_contain_text(
        ["Krefelds erste Städtepartnerschaft."]
    )


def test_arrow_keys_home_and_end_move_between_tabs(app_page: Page) -> None:
    open_page(app_page)
    overview = app_page.get_by_role("tab", name="Alle Partnerstädte")
    overview.focus()
    app_page.keyboard.press("ArrowRight")
    venlo = app_page.get_by_role("tab", name="Venlo")
    expect(venlo).to_be_focused()
    expect(venlo).to_have_attribute("aria-selected", "true")
    expect(app_page.locator("#result-count")).to_have_text("1 Meldung gefunden.")
    app_page.keyboard.press("End")
    last = app_page.get_by_role("tab", name="Kropyvnytskyi")
    expect(last).to_be_focused()
    expect(last).to_have_attribute("aria-selected", "true")
    expect(app_page.locator("#result-count")).to_have_text("2 Meldungen gefunden.")
    app_page.keyboard.press("ArrowLeft")
    expect(app_page.get_by_role("tab", name="Kayseri")).to_have_attribute("aria-selected", "true")
    app_page.keyboard.press("Home")
    expect(overview).to_be_focused()
    expect(overview).to_have_attribute("aria-selected", "true")
    expect(app_page.locator("#result-count")).to_have_text("5 Meldungen gefunden.")


def test_only_the_selected_tab_is_in_the_tab_order(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_role("tab", name="Leicester").click()
    app_page.get_by_role("tab", name="Leicester").focus()
    app_page.keyboard.press("Tab")
    # The next Tab leaves the tab list for the panel, not for another tab.
    focused_role = app_page.evaluate("document.activeElement.getAttribute('role')")
    assert focused_role != "tab"


def test_overview_lists_round_anniversaries_that_link_to_their_tab(
    app_page: Page, app_database: Engine | None
) -> None:
    if app_database is None:
        pytest.skip("compares with the started app's database")
    today = today_in_krefeld()
    with Session(app_database) as session:
        expected = upcoming_anniversaries(session, today=today)
    open_page(app_page)
    block = app_page.locator(".anniversaries")
    if not expected:
        expect(block).to_have_count(0)
        return
    expect(block.get_by_role("heading")).to_have_text(
        f"Runde Jubiläen {today.year} und {today.year + 1}"
    )
    expect(block.get_by_role("link")).to_have_text([item.label for item in expected])
    expect(block.locator("li").first).to_contain_text(f"({expected[0].when})")
    block.get_by_role("link").first.click()
    tab = app_page.get_by_role("tab", selected=True)
    expect(tab).to_have_accessible_name(expected[0].label.split(" Jahre ", 1)[1])
