import pytest
from sqlmodel import Session

from partner_app.services.news_feeds import (
    FeedFormat,
    UnknownCityError,
    feed_city,
    feed_url,
    news_feed,
)
from tests.support.feeds import parse_feed
from tests.unit.conftest import TODAY

ORIGIN = "https://example.org"


@pytest.mark.parametrize("feed_format", list(FeedFormat))
def test_feed_lists_public_news_newest_first(archive: Session, feed_format: FeedFormat) -> None:
    parsed = parse_feed(news_feed(archive, feed_format, origin=ORIGIN, today=TODAY))

    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if feed_format == FeedFormat.rss else "atom10")
    assert [entry.link for entry in parsed.entries] == [
        f"{ORIGIN}/nachrichten/{slug}" for slug in ("fest", "museum", "spende", "ohne-stadt")
    ]
    assert parsed.feed.language == "de" if feed_format == FeedFormat.rss else True
    assert parsed.entries[0].title == "Stadtfest mit Gästen"
    # Midnight of the publication day in Krefeld, in either format's date syntax.
    assert parsed.entries[0].published in (
        "Sat, 01 Jun 2024 00:00:00 +0200",
        "2024-06-01T00:00:00+02:00",
    )


@pytest.mark.parametrize("feed_format", list(FeedFormat))
def test_city_feed_has_only_that_citys_news(archive: Session, feed_format: FeedFormat) -> None:
    city = feed_city(archive, "duenkirchen")
    parsed = parse_feed(news_feed(archive, feed_format, origin=ORIGIN, today=TODAY, city=city))

    assert not parsed.bozo
    assert "Dünkirchen" in parsed.feed.title
    assert [entry.link.rsplit("/", 1)[1] for entry in parsed.entries] == ["museum", "spende"]
    assert {tag.term for tag in parsed.entries[1].tags} == {"Venlo", "Dünkirchen"}


def test_feed_body_is_rendered_markdown(archive: Session) -> None:
    parsed = parse_feed(news_feed(archive, FeedFormat.atom, origin=ORIGIN, today=TODAY))
    spende = next(entry for entry in parsed.entries if entry.link.endswith("/spende"))

    assert spende.content[0].value == "<p>100% der Erlöse, Konto_Nr 7</p>"


def test_unknown_city_is_refused_and_no_city_means_all(archive: Session) -> None:
    with pytest.raises(UnknownCityError):
        feed_city(archive, "atlantis")
    assert feed_city(archive, "") is None


def test_feed_url_escapes_the_city() -> None:
    assert feed_url(ORIGIN, FeedFormat.rss) == f"{ORIGIN}/feeds/nachrichten.rss"
    assert feed_url(ORIGIN, FeedFormat.atom, "a b") == f"{ORIGIN}/feeds/nachrichten.atom?stadt=a+b"


def test_empty_feed_is_still_valid(session: Session) -> None:
    parsed = parse_feed(news_feed(session, FeedFormat.rss, origin=ORIGIN, today=TODAY))

    assert not parsed.bozo
    assert parsed.entries == []
