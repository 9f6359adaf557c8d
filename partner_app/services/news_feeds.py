"""RSS 2.0 and Atom feeds of the published news, for all partnerships or one."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from sqlmodel import Session, col, select

from partner_app import routes, texts
from partner_app.models import NewsItem, Partnership
from partner_app.services.markdown_text import render_markdown
from partner_app.services.news_archive import NewsFilter, card_loading, public_news_conditions

FEED_LENGTH = 30
KREFELD_TIME = ZoneInfo("Europe/Berlin")


class FeedFormat(StrEnum):
    """The two feed formats, by the file extension of their address."""

    rss = "rss"
    atom = "atom"


FEED_PATHS = {FeedFormat.rss: "/feeds/nachrichten.rss", FeedFormat.atom: "/feeds/nachrichten.atom"}
MEDIA_TYPES = {
    FeedFormat.rss: "application/rss+xml; charset=utf-8",
    FeedFormat.atom: "application/atom+xml; charset=utf-8",
}


class UnknownCityError(LookupError):
    """The ``stadt`` parameter names no partnership."""


@dataclass(frozen=True)
class FeedCity:
    """The partnership a feed is limited to."""

    slug: str
    name: str


def feed_url(origin: str, feed_format: FeedFormat, city_slug: str = "") -> str:
    """The address of a feed (``?stadt=`` limits it to one partnership)."""
    query = f"?{urlencode({'stadt': city_slug})}" if city_slug else ""
    return f"{origin}{FEED_PATHS[feed_format]}{query}"


def feed_city(session: Session, city_slug: str) -> FeedCity | None:
    """The partnership of ``city_slug``; None for all; UnknownCityError when there is none."""
    if not city_slug:
        return None
    partnership = session.exec(select(Partnership).where(Partnership.slug == city_slug)).first()
    if partnership is None:
        raise UnknownCityError(city_slug)
    return FeedCity(slug=partnership.slug, name=partnership.name)


def news_feed(
    session: Session,
    feed_format: FeedFormat,
    *,
    origin: str,
    today: date,
    city: FeedCity | None = None,
) -> bytes:
    """The newest public news (of ``city``, when given) as an RSS or Atom document."""
    news_filter = NewsFilter(city=city.slug if city is not None else "")
    items = session.exec(
        select(NewsItem)
        .where(*public_news_conditions(news_filter, today))
        .order_by(col(NewsItem.published_on).desc(), col(NewsItem.id).desc())
        .limit(FEED_LENGTH)
        .options(*card_loading(with_body=True))
    ).all()

    generator = FeedGenerator()
    self_url = feed_url(origin, feed_format, city.slug if city else "")
    title = texts.FEED_TITLE if city is None else texts.FEED_TITLE_CITY.format(name=city.name)
    page_url = f"{origin}/" if city is None else f"{origin}/?{urlencode({'stadt': city.slug})}"
    generator.id(self_url)
    generator.title(title)
    generator.subtitle(texts.FEED_DESCRIPTION)
    generator.language(texts.PAGE_LANG)
    generator.author({"name": texts.PUBLISHER})
    # RSS has one channel link: feedgen uses the last one given, so the page comes last.
    generator.link(href=self_url, rel="self")
    generator.link(href=page_url, rel="alternate")
    generator.updated(max((_aware(item.updated_at) for item in items), default=_midnight(today)))
    # feedgen puts entries added later first: add the oldest first.
    for item in reversed(items):
        entry = generator.add_entry()
        url = f"{origin}{routes.news_url(item.slug)}"
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(item.title)
        entry.link(href=url)
        entry.summary(item.teaser)
        entry.description(item.teaser)
        if item.body.strip():
            entry.content(render_markdown(item.body), type="html")
        entry.published(_midnight(item.published_on))
        entry.updated(_aware(item.updated_at))
        for partnership in item.partnerships:
            entry.category(term=partnership.name)
    if feed_format == FeedFormat.rss:
        return generator.rss_str(pretty=True)
    return generator.atom_str(pretty=True)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=KREFELD_TIME)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
