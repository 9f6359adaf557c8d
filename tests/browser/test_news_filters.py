"""Filtering the press archive: each filter, combinations, count, empty state, paging."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, col, delete, select

from partner_app.models import NewsItem, NewsStatus, Topic
from partner_app.services.news_search import refresh_search_text
from tests.browser.conftest import open_page

COUNT = "#result-count"


def card_titles(page: Page):
    return page.locator(".news-card h3")


def test_all_seed_news_newest_first_with_german_dates(app_page: Page) -> None:
    open_page(app_page)
    expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")
    expect(app_page.locator(COUNT)).to_have_attribute("aria-live", "polite")
    expect(app_page.locator(".news-card time")).to_have_text(
        ["28.08.2024", "2024", "02.05.2024", "2024", "März 2024"]
    )
    expect(app_page.locator(".news-card time").first).to_have_attribute("datetime", "2024-08-28")
    expect(app_page.locator(".news-card").nth(2).locator(".city-badge")).to_have_text(
        ["Uljanowsk", "Kropyvnytskyi"]
    )


def test_year_filter(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_label("Jahr").select_option("2024")
    expect(app_page).to_have_url("/?jahr=2024")
    expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")


def test_topic_filter(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_label("Thema").select_option("kultur")
    expect(app_page.locator(COUNT)).to_have_text("2 Meldungen gefunden.")
    expect(card_titles(app_page)).to_have_text(
        [
            "„Kultur findet Stadt“ feiert die Freundschaft mit Venlo",
            "Kunstmuseen Krefeld zeigen Werke aus Dünkirchen",
        ]
    )


def test_city_select_and_tab_are_one_filter(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_label("Partnerstadt").select_option("kropyvnytskyi")
    expect(app_page.locator(COUNT)).to_have_text("2 Meldungen gefunden.")
    expect(app_page.get_by_role("tab", name="Kropyvnytskyi")).to_have_attribute(
        "aria-selected", "true"
    )


@pytest.mark.parametrize("query", ["dunkirchen", "DÜNKIRCHEN", "Dünkirchen"])
def test_search_ignores_case_and_umlauts(app_page: Page, query: str) -> None:
    open_page(app_page)
    app_page.get_by_label("Suche").fill(query)
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")
    expect(card_titles(app_page)).to_have_text(["Kunstmuseen Krefeld zeigen Werke aus Dünkirchen"])


def test_results_update_while_typing(app_page: Page) -> None:
    open_page(app_page)
    search = app_page.get_by_label("Suche")
    search.press_sequentially("kropy", delay=20)
    expect(app_page.locator(COUNT)).to_have_text("2 Meldungen gefunden.")
    search.press_sequentially("vnytskyi spende", delay=20)
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")
    expect(search).to_have_value("kropyvnytskyi spende")


def test_filters_combine(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_role("tab", name="Kropyvnytskyi").click()
    expect(app_page.locator(COUNT)).to_have_text("2 Meldungen gefunden.")
    app_page.get_by_label("Thema").select_option("hilfe")
    expect(app_page.locator(COUNT)).to_have_text("2 Meldungen gefunden.")
    app_page.get_by_label("Suche").fill("kanal")
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")
    expect(card_titles(app_page)).to_have_text(["Ein Kanalreinigungsfahrzeug für Kropyvnytskyi"])
    app_page.get_by_label("Thema").select_option("kultur")
    expect(app_page.locator(COUNT)).to_have_text("Keine Meldung gefunden.")
    expect(app_page).to_have_url("/?stadt=kropyvnytskyi&thema=kultur&q=kanal")


def test_empty_state_and_reset(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_label("Suche").fill("gibt es nicht")
    expect(app_page.locator(COUNT)).to_have_text("Keine Meldung gefunden.")
    expect(app_page.locator(".news-card")).to_have_count(0)
    empty = app_page.locator(".empty-state")
    expect(empty).to_contain_text("Zu diesen Filtern gibt es keine Meldungen.")
    empty.get_by_role("button", name="Filter zurücksetzen").click()
    expect(app_page.locator(COUNT)).to_have_text("5 Meldungen gefunden.")
    expect(app_page.get_by_label("Suche")).to_have_value("")
    expect(app_page).to_have_url("/")
    # The empty state's button is gone with it: focus went to the filters' reset button,
    # which stays, marked as having nothing to reset.
    filters_reset = app_page.get_by_role("search").get_by_role("button", name="Filter zurücksetzen")
    expect(filters_reset).to_be_focused()
    expect(filters_reset).to_have_attribute("aria-disabled", "true")


@pytest.fixture
def many_news(app_database: Engine | None) -> Iterator[int]:
    """Thirty extra public items of one test topic in the self-started app's database."""
    if app_database is None:
        pytest.skip("needs the app this suite starts (it adds news to its database)")
    with Session(app_database) as session:
        topic = Topic(slug="testthema", name="Testthema", sort_order=99)
        for number in range(30):
            news = NewsItem(
                slug=f"test-meldung-{number:02d}",
                title=f"Testmeldung {number:02d}",
                teaser="Für den Blättern-Test.",
                published_on=date(2019, 1, 1) + timedelta(days=number),
                status=NewsStatus.published,
                topics=[topic],
            )
            refresh_search_text(news)
            session.add(news)
        session.commit()
    yield 30
    with Session(app_database) as session:
        session.exec(delete(NewsItem).where(col(NewsItem.slug).startswith("test-meldung-")))
        session.exec(delete(Topic).where(col(Topic.slug) == "testthema"))
        session.commit()
        assert session.exec(select(Topic).where(Topic.slug == "testthema")).first() is None


def test_mehr_laden_pages_twelve_at_a_time(app_page: Page, many_news: int) -> None:
    open_page(app_page, "/?thema=testthema")
    expect(app_page.locator(COUNT)).to_have_text("30 Meldungen gefunden. 12 von 30 angezeigt.")
    expect(app_page.locator(".news-card")).to_have_count(12)
    expect(card_titles(app_page).first).to_have_text("Testmeldung 29")
    load_more = app_page.get_by_role("button", name="Mehr laden")
    load_more.click()
    expect(app_page.locator(".news-card")).to_have_count(24)
    expect(app_page.locator("#news-test-meldung-17")).to_be_focused()
    load_more.click()
    expect(app_page.locator(".news-card")).to_have_count(30)
    expect(app_page.locator(COUNT)).to_have_text("30 Meldungen gefunden.")
    expect(load_more).to_have_count(0)
    expect(card_titles(app_page).last).to_have_text("Testmeldung 00")
