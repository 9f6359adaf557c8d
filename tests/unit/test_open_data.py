"""The open data the API serves: the public content, filtered as the archive filters it."""

import pytest
from sqlmodel import Session

from partner_app.models import DatePrecision
from partner_app.services import open_data
from partner_app.services.news_archive import NewsFilter
from tests.unit.conftest import TODAY

ORIGIN = "https://www.krefeld.de"


def _slugs(session: Session, news_filter: NewsFilter, **paging: int) -> list[str]:
    found = open_data.news_list(
        session,
        news_filter,
        today=TODAY,
        page=paging.get("page", 1),
        per_page=paging.get("per_page", 12),
        origin=ORIGIN,
    )
    return [item.slug for item in found.items]


def test_news_are_the_public_ones_newest_first(archive: Session) -> None:
    # Neither the draft nor the item scheduled for tomorrow.
    assert _slugs(archive, NewsFilter()) == ["fest", "museum", "spende", "ohne-stadt"]


@pytest.mark.parametrize(
    ("news_filter", "expected"),
    [
        (NewsFilter(city="venlo"), ["fest", "spende"]),
        (NewsFilter(year=2024), ["fest", "museum"]),
        (NewsFilter(topic="kultur", city="duenkirchen"), ["museum"]),
        (NewsFilter(text="stadtfest"), ["fest"]),
    ],
)
def test_news_filters_are_the_archives(
    archive: Session, news_filter: NewsFilter, expected: list[str]
) -> None:
    assert _slugs(archive, news_filter) == expected


def test_pages_link_to_the_next_one_keeping_the_filters(archive: Session) -> None:
    first = open_data.news_list(
        archive,
        NewsFilter(),
        today=TODAY,
        page=1,
        per_page=3,
        origin=ORIGIN,
        query_string="pro_seite=3&lang=en",
    )
    assert (first.total, first.page, len(first.items)) == (4, 1, 3)
    assert first.next_url == f"{ORIGIN}/api/v1/nachrichten?pro_seite=3&lang=en&seite=2"
    assert _slugs(archive, NewsFilter(), page=2, per_page=3) == ["ohne-stadt"]
    last = open_data.news_list(
        archive, NewsFilter(), today=TODAY, page=2, per_page=3, origin=ORIGIN
    )
    assert last.next_url is None


def test_a_news_item_has_its_text_links_and_honest_date(archive: Session) -> None:
    item = open_data.news_item(archive, "spende", today=TODAY, origin=ORIGIN)
    assert item is not None
    assert item.url == f"{ORIGIN}/nachrichten/spende"
    assert [city.slug for city in item.cities] == ["venlo", "duenkirchen"]
    assert [topic.slug for topic in item.topics] == ["hilfe"]
    assert item.body_markdown == "100% der Erlöse, Konto_Nr 7"
    assert item.body_html.startswith("<p>100% der Erlöse")
    assert item.published.model_dump() == {"date": "2023-03-25", "precision": "day"}


@pytest.mark.parametrize("slug", ["entwurf", "geplant", "gibt-es-nicht"])
def test_drafts_scheduled_and_unknown_items_are_not_served(archive: Session, slug: str) -> None:
    assert open_data.news_item(archive, slug, today=TODAY, origin=ORIGIN) is None


def test_partnerships_with_facts_coordinates_and_links(seeded_session: Session) -> None:
    found = open_data.partnerships(seeded_session, origin=ORIGIN)
    assert len(found) == 9
    venlo = found[0]
    assert (venlo.slug, venlo.since.date, venlo.since.precision) == (
        "venlo",
        "1964-11-21",
        DatePrecision.day,
    )
    assert venlo.location.latitude == pytest.approx(51.37, abs=0.05)
    assert venlo.facts
    assert venlo.url == f"{ORIGIN}/?stadt=venlo"
    assert venlo.news_url == f"{ORIGIN}/api/v1/nachrichten?stadt=venlo"
    assert venlo.feed_url.startswith(f"{ORIGIN}/feeds/")
    assert venlo.description_language == "de"


def test_english_texts_where_they_exist(seeded_session: Session) -> None:
    venlo = open_data.partnership(seeded_session, "venlo", origin=ORIGIN, lang="en")
    assert venlo is not None
    assert venlo.description_language == "en"
    assert venlo.description.startswith("Venlo on the Maas")
    assert venlo.url == f"{ORIGIN}/?stadt=venlo&lang=en"
    assert open_data.partnership(seeded_session, "atlantis", origin=ORIGIN) is None


def test_topics_in_their_order(seeded_session: Session) -> None:
    assert [topic.slug for topic in open_data.topics(seeded_session)][:2] == ["kultur", "jugend"]
