"""The feeds as a feed reader reads them: feedparser, and the RSS 2.0 and Atom rules."""

import html
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session, select

from partner_app.models import AuditAction, AuditEntity, DatePrecision, NewsItem, NewsStatus
from partner_app.services import audit_log
from partner_app.services.clock import CITY_TIMEZONE
from partner_app.services.image_uploads import store_image
from partner_app.services.news_admin import set_news_status
from partner_app.services.news_feeds import (
    FeedCity,
    FeedFormat,
    UnknownCityError,
    feed_city,
    feed_url,
    news_feed,
)
from tests.support.feeds import atom_problems, feed_problems, parse_feed, rss_problems
from tests.unit.conftest import TODAY
from tests.unit.factories import add_news

ORIGIN = "https://example.org"
FORMATS = list(FeedFormat)


def feed(
    session: Session,
    feed_format: FeedFormat,
    city: FeedCity | None = None,
    upload_dir: Path | None = None,
) -> bytes:
    return news_feed(
        session, feed_format, origin=ORIGIN, today=TODAY, city=city, upload_dir=upload_dir
    ).body


@pytest.mark.parametrize("feed_format", FORMATS)
def test_feed_lists_public_news_newest_first(archive: Session, feed_format: FeedFormat) -> None:
    parsed = parse_feed(feed(archive, feed_format))

    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if feed_format == FeedFormat.rss else "atom10")
    assert [entry.link for entry in parsed.entries] == [
        f"{ORIGIN}/nachrichten/{slug}" for slug in ("fest", "museum", "spende", "ohne-stadt")
    ]
    assert parsed.feed.language == "de" if feed_format == FeedFormat.rss else True
    assert parsed.entries[0].title == "Stadtfest mit Gästen"
    # The day is known, its time is not: midnight in Krefeld, in either format's syntax.
    assert parsed.entries[0].get("published") in (
        "Sat, 01 Jun 2024 00:00:00 +0200",
        "2024-06-01T00:00:00+02:00",
    )


@pytest.mark.parametrize("feed_format", FORMATS)
def test_feeds_keep_the_rules_of_their_format(
    archive: Session, tmp_path: Path, feed_format: FeedFormat
) -> None:
    with_images(archive, tmp_path)
    document = feed(archive, feed_format, upload_dir=tmp_path)

    checked = rss_problems if feed_format == FeedFormat.rss else atom_problems
    assert checked(document) == []
    # The checks do find what breaks the rules.
    broken = document.replace(b"https://example.org/nachrichten/fest", b"/nachrichten/fest")
    assert any("not an absolute URL" in problem for problem in feed_problems(broken))


@pytest.mark.parametrize("feed_format", FORMATS)
def test_city_feed_has_only_that_citys_news(archive: Session, feed_format: FeedFormat) -> None:
    city = feed_city(archive, "duenkirchen")
    parsed = parse_feed(feed(archive, feed_format, city=city))

    assert not parsed.bozo
    assert "Dünkirchen" in parsed.feed.title
    assert [entry.link.rsplit("/", 1)[1] for entry in parsed.entries] == ["museum", "spende"]


@pytest.mark.parametrize("feed_format", FORMATS)
def test_cities_and_topics_are_categories(archive: Session, feed_format: FeedFormat) -> None:
    parsed = parse_feed(feed(archive, feed_format))
    spende = next(entry for entry in parsed.entries if entry.link.endswith("/spende"))

    assert [tag.term for tag in spende.tags] == ["Venlo", "Dünkirchen", "Hilfe"]


@pytest.mark.parametrize("feed_format", FORMATS)
def test_the_lead_opens_the_full_content(archive: Session, feed_format: FeedFormat) -> None:
    add_news(
        archive,
        "mit-link",
        published_on=date(2021, 5, 1),
        teaser="Vorspann <mit> Zeichen",
        body="Mehr im [Archiv](/?jahr=2021) und [dort](https://example.com/x).",
    )
    archive.commit()
    parsed = parse_feed(feed(archive, feed_format))
    entry = next(entry for entry in parsed.entries if entry.link.endswith("/mit-link"))
    spende = next(entry for entry in parsed.entries if entry.link.endswith("/spende"))

    # feedparser hands the summary on as HTML, as a reader shows it.
    assert html.unescape(entry.summary) == "Vorspann <mit> Zeichen"
    assert entry.content[0].value == (
        "<p>Vorspann &lt;mit&gt; Zeichen</p>\n"
        f'<p>Mehr im <a href="{ORIGIN}/?jahr=2021">Archiv</a> und '
        '<a href="https://example.com/x">dort</a>.</p>'
    )
    # An item without a body: the lead alone.
    assert spende.content[0].value.startswith("<p>Kurztext</p>\n<p>100% der Erlöse")


def with_images(session: Session, upload_dir: Path) -> dict[str, str]:
    """A placeholder on "fest", an upload on "museum", an upload without its JPEG on "spende"."""
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), (20, 60, 120)).save(buffer, format="JPEG")
    uploaded = store_image(buffer.getvalue(), upload_dir=upload_dir, folder="news")
    older = store_image(buffer.getvalue(), upload_dir=upload_dir, folder="news")
    (upload_dir / older.share).unlink()
    paths = {
        "fest": "placeholders/kultur-findet-stadt.svg",
        "museum": f"_upload/{uploaded.card}",
        "spende": f"_upload/{older.card}",
    }
    for item in _items(session):
        if item.slug in paths:
            item.image_path = paths[item.slug]
            session.add(item)
    session.commit()
    return {"museum": uploaded.share}


def _items(session: Session) -> list[NewsItem]:
    return list(session.exec(select(NewsItem)).all())


@pytest.mark.parametrize("feed_format", FORMATS)
def test_images_are_raster_enclosures_with_length_and_type(
    archive: Session, tmp_path: Path, feed_format: FeedFormat
) -> None:
    shares = with_images(archive, tmp_path)
    parsed = parse_feed(feed(archive, feed_format, upload_dir=tmp_path))
    by_slug = {entry.link.rsplit("/", 1)[1]: entry for entry in parsed.entries}
    placeholder_png = Path("assets/placeholders/kultur-findet-stadt.png")

    expected = {
        "fest": (f"{ORIGIN}/placeholders/kultur-findet-stadt.png", "image/png", placeholder_png),
        "museum": (
            f"{ORIGIN}/_upload/{shares['museum']}",
            "image/jpeg",
            tmp_path / shares["museum"],
        ),
    }
    for slug, (url, media_type, file) in expected.items():
        enclosures = by_slug[slug].enclosures
        assert [(e.href, e.type, int(e.length)) for e in enclosures] == [
            (url, media_type, file.stat().st_size)
        ]
        if feed_format == FeedFormat.rss:
            media = by_slug[slug].media_content
            assert [(m["url"], m["type"], m["width"], m["height"]) for m in media] == [
                (url, media_type, "1200", "630")
            ]
    # No WebP and no SVG ever; an upload whose JPEG is missing has no enclosure.
    assert by_slug["spende"].enclosures == []
    assert by_slug["ohne-stadt"].enclosures == []


@pytest.mark.parametrize("feed_format", FORMATS)
def test_a_date_known_to_the_month_is_not_published_as_a_day(
    archive: Session, feed_format: FeedFormat
) -> None:
    add_news(
        archive,
        "maerz",
        published_on=date(2020, 3, 1),
        teaser="Der Monat ist bekannt.",
        precision=DatePrecision.month,
    )
    add_news(
        archive,
        "jahr",
        published_on=date(2019, 1, 1),
        teaser="Nur das Jahr.",
        precision=DatePrecision.year,
    )
    archive.commit()
    parsed = parse_feed(feed(archive, feed_format))
    by_slug = {entry.link.rsplit("/", 1)[1]: entry for entry in parsed.entries}

    for slug, shown in (
        ("maerz", "März 2020 – Der Monat ist bekannt."),
        ("jahr", "2019 – Nur das Jahr."),
    ):
        entry = by_slug[slug]
        assert entry.get("published") is None
        assert entry.summary == shown
        assert entry.content[0].value.startswith(f"<p>{shown}</p>")
        if feed_format == FeedFormat.atom:
            # Atom requires <updated>: when the entry really last changed.
            assert entry.get("updated")
    assert by_slug["fest"].get("published")


@pytest.mark.parametrize("feed_format", FORMATS)
def test_an_item_published_on_its_day_carries_the_time(
    archive: Session, feed_format: FeedFormat
) -> None:
    item = add_news(archive, "heute", published_on=TODAY, status=NewsStatus.draft)
    archive.commit()
    assert item.id is not None
    # The editor published it at 14:05 Krefeld time (13:05 UTC in November).
    audit_log.record(
        archive,
        editor="anna",
        action=AuditAction.published,
        entity_type=AuditEntity.news,
        entity_id=item.id,
        label="heute",
        changes={"status": ["draft", "published"]},
        at=datetime(2026, 11, 25, 13, 5, tzinfo=UTC),
    )
    item.status = NewsStatus.published
    archive.add(item)
    archive.commit()

    entry = parse_feed(feed(archive, feed_format)).entries[0]

    assert entry.link.endswith("/heute")
    assert entry.get("published") in (
        "Wed, 25 Nov 2026 14:05:00 +0100",
        "2026-11-25T14:05:00+01:00",
    )


def test_publishing_through_the_admin_gives_the_real_time(session: Session) -> None:
    today = datetime.now(UTC).astimezone(CITY_TIMEZONE).date()
    item = add_news(session, "jetzt", published_on=today, status=NewsStatus.draft)
    session.commit()
    assert item.id is not None
    before = datetime.now(UTC).replace(microsecond=0)
    set_news_status(session, item.id, NewsStatus.published, editor="anna")

    document = news_feed(session, FeedFormat.atom, origin=ORIGIN, today=today)
    published = datetime.fromisoformat(str(parse_feed(document.body).entries[0].get("published")))

    assert before <= published <= datetime.now(UTC) + timedelta(seconds=1)
    assert document.last_modified >= before


def test_the_same_database_gives_the_same_bytes_and_a_withdrawal_changes_them(
    archive: Session,
) -> None:
    first = news_feed(archive, FeedFormat.rss, origin=ORIGIN, today=TODAY)
    again = news_feed(archive, FeedFormat.rss, origin=ORIGIN, today=TODAY)
    assert (first.body, first.last_modified) == (again.body, again.last_modified)

    museum = next(item for item in _items(archive) if item.slug == "museum")
    assert museum.id is not None
    set_news_status(archive, museum.id, NewsStatus.draft, editor="anna")
    withdrawn = news_feed(archive, FeedFormat.rss, origin=ORIGIN, today=TODAY)

    assert b"/nachrichten/museum" not in withdrawn.body
    assert withdrawn.body != first.body
    # HTTP dates count seconds: within the same second the change may not show here
    # (the HTTP layer then holds Last-Modified back, see http_caching).
    assert withdrawn.last_modified >= first.last_modified


def test_unknown_city_is_refused_and_no_city_means_all(archive: Session) -> None:
    with pytest.raises(UnknownCityError):
        feed_city(archive, "atlantis")
    assert feed_city(archive, "") is None


def test_feed_url_escapes_the_city() -> None:
    assert feed_url(ORIGIN, FeedFormat.rss) == f"{ORIGIN}/feeds/nachrichten.rss"
    assert feed_url(ORIGIN, FeedFormat.atom, "a b") == f"{ORIGIN}/feeds/nachrichten.atom?stadt=a+b"


@pytest.mark.parametrize("feed_format", FORMATS)
def test_empty_feed_is_still_valid(session: Session, feed_format: FeedFormat) -> None:
    document = feed(session, feed_format)
    parsed = parse_feed(document)

    assert not parsed.bozo
    assert parsed.entries == []
    assert feed_problems(document) == []
