"""The filter lives in the URL: links restore it, back/forward work, bad input is survived."""

import re
from urllib.parse import quote

from playwright.sync_api import Page, expect

from partner_app.services.news_archive import MAX_QUERY_LENGTH
from tests.browser.conftest import open_page

COUNT = "#result-count"


def test_opening_a_link_restores_every_filter(app_page: Page) -> None:
    open_page(app_page, "/?stadt=kropyvnytskyi&jahr=2024&thema=hilfe&q=spende")
    expect(app_page.get_by_role("tab", name="Kropyvnytskyi")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(app_page.get_by_label("Partnerstadt")).to_have_value("kropyvnytskyi")
    expect(app_page.get_by_label("Jahr")).to_have_value("2024")
    expect(app_page.get_by_label("Thema")).to_have_value("hilfe")
    expect(app_page.get_by_label("Suche")).to_have_value("spende")
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")
    expect(app_page.locator(".news-card h3")).to_have_text(["20.000 Euro Spende für Kropyvnytskyi"])
    expect(app_page.locator("#url-notices")).to_have_count(0)


def test_changing_filters_updates_the_url_and_back_forward_restore_them(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_role("tab", name="Venlo").click()
    expect(app_page).to_have_url("/?stadt=venlo")
    app_page.get_by_label("Jahr").select_option("2024")
    expect(app_page).to_have_url("/?stadt=venlo&jahr=2024")
    app_page.get_by_label("Suche").fill("fest")
    expect(app_page).to_have_url("/?stadt=venlo&jahr=2024&q=fest")
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")

    app_page.go_back()
    expect(app_page).to_have_url("/?stadt=venlo&jahr=2024")
    expect(app_page.get_by_label("Suche")).to_have_value("")
    expect(app_page.get_by_label("Jahr")).to_have_value("2024")
    app_page.go_back()
    expect(app_page).to_have_url("/?stadt=venlo")
    expect(app_page.get_by_label("Jahr")).to_have_value("")
    expect(app_page.get_by_role("tab", name="Venlo")).to_have_attribute("aria-selected", "true")
    app_page.go_back()
    expect(app_page).to_have_url("/")
    expect(app_page.get_by_role("tab", name="Alle Partnerstädte")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")

    app_page.go_forward()
    expect(app_page.get_by_role("tab", name="Venlo")).to_have_attribute("aria-selected", "true")
    app_page.go_forward()
    app_page.go_forward()
    expect(app_page).to_have_url("/?stadt=venlo&jahr=2024&q=fest")
    expect(app_page.get_by_label("Suche")).to_have_value("fest")
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")


def test_unknown_and_malformed_parameters_are_ignored_with_a_notice(app_page: Page) -> None:
    open_page(app_page, "/?stadt=atlantis&jahr=20x4&thema=mode&seite=2&q=venlo")
    notices = app_page.locator("#url-notices")
    expect(notices).to_be_visible()
    expect(notices.locator("li")).to_have_count(4)
    expect(notices).to_contain_text("„atlantis“ ist keine Partnerstadt")
    expect(notices).to_contain_text("„20x4“ ist kein gültiges Jahr")
    expect(notices).to_contain_text("Das Thema „mode“ gibt es nicht")
    expect(notices).to_contain_text("„seite“ ist unbekannt")
    # The valid part of the link still applies.
    expect(app_page.get_by_label("Suche")).to_have_value("venlo")
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")
    # The next filter change writes a clean URL and the notice goes away.
    app_page.get_by_label("Thema").select_option("kultur")
    expect(app_page).to_have_url("/?thema=kultur&q=venlo")
    expect(notices).to_have_count(0)


def test_over_long_query_is_cut_with_a_notice(app_page: Page) -> None:
    open_page(app_page, "/?q=" + "d" * 5000)
    expect(app_page.locator("#url-notices")).to_contain_text(
        f"auf {MAX_QUERY_LENGTH} Zeichen gekürzt"
    )
    expect(app_page.get_by_label("Suche")).to_have_value("d" * MAX_QUERY_LENGTH)
    expect(app_page.locator(COUNT)).to_have_text("Keine Meldung gefunden.")


def test_punctuation_alone_is_no_search(app_page: Page) -> None:
    # The search looks for words: %, _ and the like separate them and find nothing alone.
    for raw in ("%", "_", "%_"):
        open_page(app_page, "/?q=" + quote(raw))
        expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")
        expect(app_page.get_by_label("Suche")).to_have_value(raw)


def test_garbage_query_string_does_not_break_the_page(app_page: Page) -> None:
    open_page(app_page, "/?%E0%A4%A=1&&=&stadt=%00&jahr=%F0%9F%98%80")
    expect(app_page.locator("h1")).to_have_text("Städtepartnerschaften")
    expect(app_page.locator("#url-notices")).to_be_visible()
    expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")


# Picks a city, and the next one as soon as the first one's cards show: before the
# server's URL change for the first one has arrived (it comes after the cards).
PICK_THE_NEXT_CITY_AT_ONCE = """([first, firstName, second]) => {
  const archive = document.querySelector("section[aria-labelledby='pressearchiv']");
  const select = document.getElementById("filter-stadt");
  // React ignores a plain .value assignment: set it through the native setter.
  const setValue = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
  const pick = (value) => {
    setValue.call(select, value);
    select.dispatchEvent(new Event("change", {bubbles: true}));
  };
  const observer = new MutationObserver(() => {
    const badge = archive.querySelector(".news-card .city-badge");
    if (badge?.textContent === firstName) {
      observer.disconnect();
      pick(second);
    }
  });
  observer.observe(archive, {childList: true, subtree: true, characterData: true});
  pick(first);
}"""
CITY_IN_UPDATE = re.compile(r'"city_rx_state_":"([^"]*)"')


def test_fast_changes_never_fall_back_to_an_earlier_filter(app_page: Page) -> None:
    # The cities the server shows, in the order its updates arrive.
    shown: list[str] = []
    app_page.on(
        "websocket",
        lambda socket: socket.on(
            "framereceived",
            lambda frame: shown.extend(CITY_IN_UPDATE.findall(str(frame))),
        ),
    )
    open_page(app_page)
    app_page.evaluate(PICK_THE_NEXT_CITY_AT_ONCE, ["venlo", "Venlo", "leicester"])
    expect(app_page).to_have_url("/?stadt=leicester")
    expect(app_page.locator(".news-card .city-badge")).to_have_text(["Leicester"])
    # A later change is handled after both URL echoes: once it shows, they are done.
    app_page.get_by_label("Partnerstadt").select_option(index=0)
    expect(app_page).to_have_url("/")

    # Venlo may show for a moment before Leicester, never again after it.
    assert "leicester" in shown, shown
    assert "venlo" not in shown[shown.index("leicester") :], shown
