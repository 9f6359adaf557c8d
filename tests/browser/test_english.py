"""The English page: switcher, translated UI, language kept in the URL, German content marked."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, select

from partner_app.models import Partnership
from tests.browser.conftest import expect_path, open_page


def test_switcher_turns_the_page_english_and_keeps_the_language_in_the_url(app_page: Page) -> None:
    open_page(app_page, "/?stadt=venlo")
    expect(app_page.locator("html")).to_have_attribute("lang", "de")
    switch = app_page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English")
    expect(switch).to_have_attribute("lang", "en")
    switch.click()

    expect_path(app_page, "/?stadt=venlo&lang=en")
    expect(app_page.locator("html")).to_have_attribute("lang", "en")
    expect(app_page).to_have_title("Krefeld and Venlo – Partner cities – City of Krefeld")
    expect(app_page.get_by_role("heading", level=1)).to_have_text("Partner cities")
    intro = app_page.locator(".intro-paragraph").first
    expect(intro).to_have_attribute("lang", "en")
    expect(intro).to_contain_text("The idea of town twinning arose")
    # A journalist finds whom to ask: every contact says what they are reached for.
    expect(app_page.locator(".contact-role")).to_have_text(["Partnership office"] * 2)
    expect(app_page.get_by_role("tablist", name="Partner cities")).to_be_visible()
    expect(app_page.get_by_role("heading", name="News from the press archive")).to_be_visible()
    expect(app_page.locator("#result-count")).to_have_text("1 news item found.")
    panel = app_page.get_by_role("tabpanel")
    expect(panel).to_contain_text("Partnership since")
    expect(panel).to_contain_text("21 November 1964")
    expect(panel.locator(".fact-distance")).to_have_text(
        re.compile(r"^Distance from Krefeld \(as the crow flies\): about \d+ km$")
    )
    # German content stays German and says so; the English description is English.
    expect(app_page.locator(".news-card h3").first).to_have_attribute("lang", "de")
    expect(panel.get_by_text("Venlo on the Maas is Krefeld's oldest partner city")).to_be_visible()
    expect(panel.locator("[lang='en']", has_text="Venlo on the Maas")).to_have_count(1)
    # Venlo's facts are written in German only, and the page says so after them.
    expect(panel.locator(".only-in-german")).to_have_text("(only in German)")

    # The language travels with filters, links and the way back.
    app_page.get_by_label("Year").select_option("2024")
    expect_path(app_page, "/?stadt=venlo&jahr=2024&lang=en")
    app_page.locator(".news-card h3 a").first.click()
    expect(app_page).to_have_url(re.compile(r"/nachrichten/[a-z0-9-]+\?lang=en$"))
    expect(app_page.get_by_role("link", name="Back to the list of news").first).to_have_attribute(
        "href", "/?stadt=venlo&jahr=2024&lang=en"
    )
    app_page.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").click()
    expect(app_page.locator("html")).to_have_attribute("lang", "de")
    expect(
        app_page.get_by_role("link", name="Zurück zur Übersicht der Meldungen").first
    ).to_be_visible()


@pytest.fixture
def leiden_without_english(own_app_database: Engine) -> Iterator[None]:
    """Leiden's English description removed for the test, then put back."""
    with Session(own_app_database) as session:
        leiden = session.exec(select(Partnership).where(Partnership.slug == "leiden")).one()
        english, leiden.description_en = leiden.description_en, ""
        session.add(leiden)
        session.commit()
    yield
    with Session(own_app_database) as session:
        leiden = session.exec(select(Partnership).where(Partnership.slug == "leiden")).one()
        leiden.description_en = english
        session.add(leiden)
        session.commit()


@pytest.mark.usefixtures("leiden_without_english")
def test_without_an_english_description_the_german_one_is_shown_marked_german(
    app_page: Page,
) -> None:
    open_page(app_page, "/?stadt=leiden&lang=en")
    description = app_page.get_by_role("tabpanel").locator(
        "[lang='de']", has_text="Universitätsstadt"
    )
    expect(description).to_have_count(1)
    expect(app_page.get_by_role("tabpanel")).to_contain_text("Partnership since")
    # After the German description (Leiden has no facts, which are written in German only).
    expect(app_page.get_by_role("tabpanel").locator(".only-in-german")).to_have_text(
        "(only in German)"
    )


def test_message_form_answers_in_english(app_page: Page) -> None:
    open_page(app_page, "/?lang=en")
    form = app_page.get_by_role("form", name="Write to the partnership office")
    form.get_by_label("Your e-mail address").fill("no-at-sign")
    form.get_by_role("button", name="Send message").click()

    expect(form.get_by_role("status")).to_have_text(
        "The message was not sent. Please check the marked fields."
    )
    expect(form.get_by_label("Your e-mail address")).to_have_accessible_description(
        re.compile("valid e-mail address")
    )
    expect(form.get_by_text("Please agree to the processing of your details")).to_be_visible()


def test_english_detail_page_head_and_not_found_page(app_page: Page, base_url: str) -> None:
    open_page(app_page, "/nachrichten/spende-20000-euro-kropyvnytskyi?lang=en")
    expect(app_page).to_have_title(re.compile(r" – Partner cities – City of Krefeld$"))
    expect(app_page.locator("head link[rel='canonical']")).to_have_attribute(
        "href", f"{base_url}/nachrichten/spende-20000-euro-kropyvnytskyi?lang=en"
    )
    expect(app_page.locator(".news-date")).to_have_text("March 2024")


def test_english_page_names_countries_and_cities_in_english(app_page: Page) -> None:
    open_page(app_page, "/?lang=en")
    rows = app_page.get_by_role("tabpanel").locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("Netherlands")
    expect(rows.nth(4)).to_contain_text("United States")
    expect(app_page.get_by_role("tabpanel")).not_to_contain_text("Niederlande")
    # Dunkirk has an English name: the tab says it and is marked English; Venlo has none,
    # so it keeps the German page's name, marked German.
    dunkirk = app_page.get_by_role("tab", name="Dunkirk")
    expect(dunkirk).to_have_attribute("lang", "en")
    expect(app_page.get_by_role("tab", name="Venlo")).to_have_attribute("lang", "de")
    # The map says the same, in the same language.
    expect(app_page.locator(".map-name", has_text="Dunkirk")).to_have_attribute("lang", "en")
    expect(app_page.locator(".map-name", has_text="Venlo")).to_have_attribute("lang", "de")
    dunkirk.click()
    panel = app_page.get_by_role("tabpanel")
    expect(panel.get_by_role("heading", name="Dunkirk", exact=True)).to_be_visible()
    expect(panel).to_contain_text("France")
    # The head's feed link names the city as the page does.
    feed = app_page.locator("head link[rel='alternate'][type='application/rss+xml']").first
    expect(feed).to_have_attribute("title", re.compile("Dunkirk"))
    # The German page keeps the German names.
    open_page(app_page, "/?stadt=duenkirchen")
    expect(app_page.get_by_role("tab", name="Dünkirchen")).to_have_attribute("lang", "de")
    expect(app_page.get_by_role("tabpanel")).to_contain_text("Frankreich")
