"""RSS 2.0 and Atom feeds of the published news, for all partnerships or one.

What a feed reader needs to show an item well:

* The lead opens the full content (``content:encoded`` / Atom ``content``), followed by
  the body; every link in it is absolute.
* The item's image as a JPEG or PNG (``share_images``): RSS ``enclosure`` (url, length,
  type) and ``media:content`` (with width and height), Atom ``link rel="enclosure"``
  (type, length). An item without a raster image has none.
* Its partner cities and its topics as categories.
* Dates as precisely as they are known (``news_dates``): no ``pubDate`` / ``published``
  for an item known only to the month or year, whose text then opens with "März 2024".

The document depends only on the database and the day, never on the moment it is made
(``lastBuildDate`` and the feed's ``updated`` are the newest change), so equal feeds are
equal bytes and the HTTP layer can answer a repeated request with 304.
"""

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from sqlmodel import Session, col, func, select

from partner_app import routes, texts
from partner_app.models import AuditEntity, AuditEntry, NewsItem, Partnership
from partner_app.services.dates import format_date
from partner_app.services.markdown_text import render_markdown
from partner_app.services.news_archive import NewsFilter, card_loading, public_news_conditions
from partner_app.services.news_dates import PublicationDate, publication_dates
from partner_app.services.share_images import share_image_of
from partner_app.services.slugs import is_slug

FEED_LENGTH = 30


class FeedFormat(StrEnum):
    """The two feed formats, by the file extension of their address."""

    rss = "rss"
    atom = "atom"


FEED_PATHS = {FeedFormat.rss: "/feeds/nachrichten.rss", FeedFormat.atom: "/feeds/nachrichten.atom"}
MEDIA_TYPES = {
    FeedFormat.rss: "application/rss+xml; charset=utf-8",
    FeedFormat.atom: "application/atom+xml; charset=utf-8",
}
# Without the charset: what <link rel="alternate" type> names.
LINK_TYPES = {FeedFormat.rss: "application/rss+xml", FeedFormat.atom: "application/atom+xml"}
# A root-relative address in the rendered body (href="/…" or src="/…", not "//host").
_ROOT_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')


class AtomEntryLinks(BaseEntryExtension):
    """An Atom entry's links with their ``rel``, ``type`` and ``length``.

    feedgen 1.0.0 writes an entry's links without them: it reads them from the element
    it has just created instead of from the link it was given. The entry's ``<link>``
    elements are replaced by these.
    """

    NAME = "atom_links"

    def __init__(self) -> None:
        """No links yet."""
        self.links: list[dict[str, str]] = []

    def extend_atom(self, feed: Any) -> Any:
        """Replace feedgen's links of the entry (an lxml element) by complete ones."""
        for link in [child for child in feed if child.tag == "link"]:
            feed.remove(link)
        for attributes in self.links:
            feed.append(feed.makeelement("link", attributes))
        return feed


class UnknownCityError(LookupError):
    """The ``stadt`` parameter names no partnership."""


@dataclass(frozen=True)
class FeedCity:
    """The partnership a feed is limited to."""

    slug: str
    name: str


@dataclass(frozen=True)
class FeedDocument:
    """A feed and the newest change it shows (HTTP ``Last-Modified``)."""

    body: bytes
    last_modified: datetime


def feed_url(origin: str, feed_format: FeedFormat, city_slug: str = "") -> str:
    """The address of a feed (``?stadt=`` limits it to one partnership)."""
    query = f"?{urlencode({'stadt': city_slug})}" if city_slug else ""
    return f"{origin}{FEED_PATHS[feed_format]}{query}"


def feed_city(session: Session, city_slug: str) -> FeedCity | None:
    """The partnership of ``city_slug``; None for all; UnknownCityError when there is none."""
    if not city_slug:
        return None
    if not is_slug(city_slug):
        raise UnknownCityError(city_slug)
    partnership = session.exec(select(Partnership).where(Partnership.slug == city_slug)).first()
    if partnership is None:
        raise UnknownCityError(city_slug)
    return FeedCity(slug=partnership.slug, name=partnership.name)


def feed_title(city_name: str = "") -> str:
    """The feed's title (also the title of the page head's link to it)."""
    return texts.FEED_TITLE_CITY.format(name=city_name) if city_name else texts.FEED_TITLE


def news_feed(
    session: Session,
    feed_format: FeedFormat,
    *,
    origin: str,
    today: date,
    city: FeedCity | None = None,
    upload_dir: Path | None = None,
) -> FeedDocument:
    """The newest public news (of ``city``, when given) as an RSS or Atom document.

    ``upload_dir`` is where uploaded images are stored (their JPEGs become enclosures).
    """
    news_filter = NewsFilter(city=city.slug if city is not None else "")
    items = session.exec(
        select(NewsItem)
        .where(*public_news_conditions(news_filter, today))
        .order_by(col(NewsItem.published_on).desc(), col(NewsItem.id).desc())
        .limit(FEED_LENGTH)
        .options(*card_loading(with_body=True))
    ).all()
    dates = publication_dates(session, items)
    entries = [(item, dates[item.id]) for item in items if item.id is not None]
    last_modified = newest_change(session, [_entry_updated(*entry) for entry in entries])

    generator = FeedGenerator()
    generator.load_extension("media")
    generator.register_extension(AtomEntryLinks.NAME, BaseExtension, AtomEntryLinks, rss=False)
    self_url = feed_url(origin, feed_format, city.slug if city else "")
    page_url = f"{origin}/" if city is None else f"{origin}/?{urlencode({'stadt': city.slug})}"
    generator.id(self_url)
    generator.title(feed_title(city.name if city else ""))
    generator.subtitle(texts.FEED_DESCRIPTION)
    generator.language(texts.PAGE_LANG)
    generator.author({"name": texts.PUBLISHER})
    # RSS has one channel link: feedgen uses the last one given, so the page comes last.
    generator.link(href=self_url, rel="self")
    generator.link(href=page_url, rel="alternate")
    generator.updated(last_modified)
    generator.lastBuildDate(last_modified)
    # feedgen puts entries added later first: add the oldest first.
    for item, published in reversed(entries):
        _add_entry(generator.add_entry(), item, published, origin, upload_dir)
    body = generator.rss_str(pretty=True) if feed_format == FeedFormat.rss else None
    return FeedDocument(
        body=body if body is not None else generator.atom_str(pretty=True),
        last_modified=last_modified,
    )


def newest_change(session: Session, also: Sequence[datetime] = ()) -> datetime:
    """The newest change to any news item or partnership: saved, withdrawn or deleted.

    Every feed and the sitemap change with it (an item leaving a feed, a city renamed);
    ``also`` adds moments no row records (a scheduled item appearing at midnight).
    """
    candidates = [
        session.exec(select(func.max(col(NewsItem.updated_at)))).one(),
        session.exec(select(func.max(col(Partnership.updated_at)))).one(),
        # A deletion leaves no row, only its audit entry.
        session.exec(
            select(func.max(col(AuditEntry.at))).where(
                col(AuditEntry.entity_type).in_(
                    [AuditEntity.news.value, AuditEntity.partnership.value]
                )
            )
        ).one(),
        *also,
    ]
    moments = [_aware(moment) for moment in candidates if moment is not None]
    # An empty site: a fixed moment, so its empty feed stays the same bytes too.
    return max(moments, default=datetime(2000, 1, 1, tzinfo=UTC)).replace(microsecond=0)


def _add_entry(
    entry: FeedEntry,
    item: NewsItem,
    published: PublicationDate,
    origin: str,
    upload_dir: Path | None,
) -> None:
    url = f"{origin}{routes.news_url(item.slug)}"
    atom_links: list[dict[str, str]] = getattr(entry, AtomEntryLinks.NAME).links
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(item.title)
    entry.link(href=url, rel="alternate")
    atom_links.append({"rel": "alternate", "type": "text/html", "href": url})
    lead = _lead(item.teaser, published)
    # RSS readers take <description> as HTML, Atom's <summary> is plain text.
    entry.description(html.escape(lead))
    entry.summary(lead)
    body = _absolute_links(render_markdown(item.body), origin) if item.body.strip() else ""
    entry.content(f"<p>{html.escape(lead)}</p>\n{body}", type="html")
    if published.feed_time is not None:
        entry.published(published.feed_time)
    entry.updated(_entry_updated(item, published))
    for partnership in item.partnerships:
        entry.category(term=partnership.name)
    for topic in sorted(item.topics, key=lambda topic: topic.sort_order):
        entry.category(term=topic.name)
    image = share_image_of(item.image_path, upload_dir) if item.image_path else None
    if image is not None:
        image_url = f"{origin}{image.path}"
        entry.enclosure(url=image_url, length=image.length, type=image.media_type)
        atom_links.append(
            {
                "rel": "enclosure",
                "type": image.media_type,
                "length": str(image.length),
                "href": image_url,
            }
        )
        entry.media.content(  # pyright: ignore[reportAttributeAccessIssue]  # an extension
            url=image_url,
            type=image.media_type,
            medium="image",
            width=str(image.width),
            height=str(image.height),
            fileSize=str(image.length),
        )


def _lead(teaser: str, published: PublicationDate) -> str:
    """The teaser; for a date known only to the month or year, the date first."""
    if published.feed_time is not None:
        return teaser
    return f"{format_date(published.day, published.precision)} – {teaser}"


def _entry_updated(item: NewsItem, published: PublicationDate) -> datetime:
    """When the entry last changed: its last save, or its appearance when that came later.

    A scheduled item saved a week ahead appears at midnight of its day: for a reader that
    is when it changed, and ``updated`` before ``published`` would read as nonsense.
    """
    updated = _aware(item.updated_at).replace(microsecond=0)
    appeared = published.feed_time
    return max(updated, appeared) if appeared is not None else updated


def _absolute_links(body_html: str, origin: str) -> str:
    return _ROOT_RELATIVE.sub(lambda match: f'{match[1]}="{origin}/', body_html)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
