from datetime import date, timedelta

import pytest
from sqlmodel import Session

from partner_app.models import DatePrecision
from partner_app.services.news_archive import (
    MAX_QUERY_LENGTH,
    PAGE_SIZE,
    NewsFilter,
    published_news_page,
    published_news_years,
)
from tests.unit.conftest import TODAY
from tests.unit.factories import add_news


def slugs(session: Session, news_filter: NewsFilter) -> list[str]:
    page = published_news_page(session, news_filter, today=TODAY)
    return [card.slug for card in page.cards]


def test_all_public_news_newest_first_without_drafts_or_scheduled(archive: Session) -> None:
    assert slugs(archive, NewsFilter()) == ["fest", "museum", "spende", "ohne-stadt"]


def test_scheduled_item_appears_on_its_day(archive: Session) -> None:
    page = published_news_page(archive, NewsFilter(), today=TODAY + timedelta(days=1))
    assert page.cards[0].slug == "geplant"
    assert page.total == 5


def test_city_filter(archive: Session) -> None:
    assert slugs(archive, NewsFilter(city="venlo")) == ["fest", "spende"]
    assert slugs(archive, NewsFilter(city="duenkirchen")) == ["museum", "spende"]
    assert slugs(archive, NewsFilter(city="unbekannt")) == []


def test_year_filter_uses_whole_calendar_year(archive: Session) -> None:
    assert slugs(archive, NewsFilter(year=2024)) == ["fest", "museum"]
    assert slugs(archive, NewsFilter(year=2023)) == ["spende"]
    assert slugs(archive, NewsFilter(year=1999)) == []


def test_topic_filter(archive: Session) -> None:
    assert slugs(archive, NewsFilter(topic="kultur")) == ["fest", "museum"]
    assert slugs(archive, NewsFilter(topic="hilfe")) == ["spende"]


def test_filters_combine(archive: Session) -> None:
    assert slugs(archive, NewsFilter(city="venlo", topic="kultur")) == ["fest"]
    assert slugs(archive, NewsFilter(city="duenkirchen", year=2023)) == ["spende"]
    assert slugs(archive, NewsFilter(city="venlo", year=2024, topic="hilfe")) == []
    assert slugs(archive, NewsFilter(city="duenkirchen", text="museum", year=2024)) == ["museum"]


@pytest.mark.parametrize("text", ["dunkirchen", "DÜNKIRCHEN", "Dünkirchen", "Duenkirchen"])
def test_text_search_is_case_and_umlaut_insensitive_and_covers_city_names(
    archive: Session, text: str
) -> None:
    assert slugs(archive, NewsFilter(text=text)) == ["museum", "spende"]


def test_text_search_covers_teaser_and_body(archive: Session) -> None:
    assert slugs(archive, NewsFilter(text="AUSSTELLUNG")) == ["museum"]
    assert slugs(archive, NewsFilter(text="erlöse")) == ["spende"]
    assert slugs(archive, NewsFilter(text="uberwiesen")) == ["spende"]


def test_every_search_word_must_match(archive: Session) -> None:
    assert slugs(archive, NewsFilter(text="stadtfest gästen")) == ["fest"]
    assert slugs(archive, NewsFilter(text="stadtfest museum")) == []


def test_search_never_finds_drafts_or_scheduled_items(archive: Session) -> None:
    assert slugs(archive, NewsFilter(text="stadtfest")) == ["fest"]


def test_percent_is_no_word(archive: Session) -> None:
    assert slugs(archive, NewsFilter(text="100%")) == ["spende"]
    # Punctuation alone is no word to search for: like an empty search.
    assert len(slugs(archive, NewsFilter(text="%"))) == 4


def test_underscore_separates_words(archive: Session) -> None:
    assert slugs(archive, NewsFilter(text="konto_nr")) == ["spende"]
    assert slugs(archive, NewsFilter(text="stadt_est")) == []


def test_whitespace_only_search_is_no_filter(archive: Session) -> None:
    assert len(slugs(archive, NewsFilter(text="   "))) == 4


def test_over_long_search_is_cut(archive: Session) -> None:
    text = "museum" + "x" * (MAX_QUERY_LENGTH * 10)
    # Cut to MAX_QUERY_LENGTH characters: still one word that matches nothing, and no error.
    assert slugs(archive, NewsFilter(text=text)) == []


def test_quotes_and_sql_like_input_are_plain_text(archive: Session) -> None:
    assert slugs(archive, NewsFilter(text="' OR 1=1 --")) == []


def test_paging_returns_one_page_and_the_full_count(session: Session) -> None:
    for number in range(PAGE_SIZE * 2 + 3):
        add_news(session, f"n{number:02d}", published_on=date(2020, 1, 1) + timedelta(number))
    session.commit()
    first = published_news_page(session, NewsFilter(), today=TODAY)
    assert len(first.cards) == PAGE_SIZE
    assert first.total == PAGE_SIZE * 2 + 3
    third = published_news_page(session, NewsFilter(), today=TODAY, offset=PAGE_SIZE * 2)
    assert [card.slug for card in third.cards] == ["n02", "n01", "n00"]
    assert third.total == first.total


def test_same_day_items_have_a_stable_order(session: Session) -> None:
    for slug in ("a", "b", "c"):
        add_news(session, slug, published_on=date(2024, 1, 1))
    session.commit()
    assert slugs(session, NewsFilter()) == ["c", "b", "a"]


def test_card_view_model(archive: Session) -> None:
    (card,) = published_news_page(archive, NewsFilter(text="spende"), today=TODAY).cards
    assert card.date_label == "25.03.2023"
    assert card.date_iso == "2023-03-25"
    assert [city.name for city in card.cities] == ["Venlo", "Dünkirchen"]
    assert card.topics == ["Hilfe"]


def test_card_date_honours_precision(session: Session) -> None:
    add_news(session, "x", published_on=date(2024, 6, 1), precision=DatePrecision.year)
    session.commit()
    (card,) = published_news_page(session, NewsFilter(), today=TODAY).cards
    assert card.date_label == "2024"


def test_years_of_public_news(archive: Session) -> None:
    assert published_news_years(archive, today=TODAY) == [2024, 2023, 2022]
