"""Queries of the public press archive: filtering, counting and paging in the database."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import QueryableAttribute, defer, selectinload
from sqlalchemy.sql.base import ExecutableOption
from sqlmodel import Session, col, func, select

from partner_app.models import NewsItem, NewsStatus, Partnership, Topic
from partner_app.services.dates import format_date, machine_readable_date
from partner_app.services.text_folding import search_terms

PAGE_SIZE = 12
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class NewsFilter:
    """What a citizen filters the archive by; empty values mean "all"."""

    city: str = ""
    year: int | None = None
    topic: str = ""
    text: str = ""

    @property
    def is_empty(self) -> bool:
        """Whether no filter is set."""
        return self == NewsFilter()


@dataclass(frozen=True)
class CityBadge:
    """A partnership a news item is about."""

    slug: str
    name: str


@dataclass(frozen=True)
class NewsCard:
    """What a news card shows, and nothing more."""

    slug: str
    title: str
    teaser: str
    date_label: str
    date_iso: str
    cities: list[CityBadge]
    topics: list[str]
    image_src: str
    image_alt: str
    image_caption: str
    image_credit: str


@dataclass(frozen=True)
class NewsPage:
    """One page of matching news and the number of all matches."""

    cards: list[NewsCard] = field(default_factory=list)
    total: int = 0


def is_public(today: date) -> list[sa.ColumnElement[bool]]:
    """Conditions for news the public may see: published, and not scheduled for later."""
    return [col(NewsItem.status) == NewsStatus.published, col(NewsItem.published_on) <= today]


def card_loading(*, with_body: bool = False) -> list[ExecutableOption]:
    """Query options for news shown as cards: their cities and topics loaded in one go.

    The search column is only for WHERE clauses; cards never show the body.
    """
    options: list[ExecutableOption] = [
        defer(_mapped(NewsItem.search_text)),
        selectinload(_mapped(NewsItem.partnerships)),
        selectinload(_mapped(NewsItem.topics)),
    ]
    if not with_body:
        options.append(defer(_mapped(NewsItem.body)))
    return options


def _mapped(model_attribute: object) -> QueryableAttribute[Any]:
    """A model's attribute read on its class, as SQLAlchemy's loader options take it.

    SQLModel types it as the attribute's value; on the class it is SQLAlchemy's attribute.
    """
    if not isinstance(model_attribute, QueryableAttribute):
        msg = f"{model_attribute!r} is no mapped attribute"
        raise TypeError(msg)
    return model_attribute


def public_news_conditions(news_filter: NewsFilter, today: date) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions for the public news matching ``news_filter``."""
    conditions = is_public(today)
    if news_filter.city:
        conditions.append(col(NewsItem.partnerships).any(col(Partnership.slug) == news_filter.city))
    if news_filter.year is not None:
        conditions.append(
            col(NewsItem.published_on).between(
                date(news_filter.year, 1, 1), date(news_filter.year, 12, 31)
            )
        )
    if news_filter.topic:
        conditions.append(col(NewsItem.topics).any(col(Topic.slug) == news_filter.topic))
    for term in search_terms(news_filter.text[:MAX_QUERY_LENGTH]):
        # autoescape makes % and _ in the query match literally.
        conditions.append(col(NewsItem.search_text).contains(term, autoescape=True))
    return conditions


def published_news_page(
    session: Session,
    news_filter: NewsFilter,
    *,
    today: date,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    lang: str = "de",
) -> NewsPage:
    """Return the public news matching ``news_filter``, newest first, one page of it."""
    conditions = public_news_conditions(news_filter, today)
    total = session.exec(select(func.count(col(NewsItem.id))).where(*conditions)).one()
    items = session.exec(
        select(NewsItem)
        .where(*conditions)
        .order_by(col(NewsItem.published_on).desc(), col(NewsItem.id).desc())
        .offset(max(offset, 0))
        .limit(limit)
        .options(*card_loading())
    ).all()
    return NewsPage(cards=[news_card_view(item, lang) for item in items], total=total)


def published_news_years(session: Session, *, today: date) -> list[int]:
    """Years that have public news, newest first (for the year filter)."""
    year = sa.extract("year", col(NewsItem.published_on))
    rows = session.exec(
        select(year).where(*is_public(today)).distinct().order_by(year.desc())
    ).all()
    return [int(row) for row in rows]


def news_card_view(item: NewsItem, lang: str = "de") -> NewsCard:
    """The card of one news item (its partnerships and topics must be loaded)."""
    partnerships = sorted(item.partnerships, key=lambda partnership: partnership.since)
    return NewsCard(
        slug=item.slug,
        title=item.title,
        teaser=item.teaser,
        date_label=format_date(item.published_on, item.published_precision, lang),
        date_iso=machine_readable_date(item.published_on, item.published_precision),
        cities=[CityBadge(slug=p.slug, name=p.name) for p in partnerships],
        topics=[topic.name for topic in sorted(item.topics, key=lambda topic: topic.sort_order)],
        image_src=f"/{item.image_path}" if item.image_path else "",
        image_alt=item.image_alt,
        image_caption=item.image_caption,
        image_credit=item.image_credit,
    )


@dataclass(frozen=True)
class TopicOption:
    """A topic in the topic filter."""

    slug: str
    name: str


def topic_options(session: Session) -> list[TopicOption]:
    """All topics in their display order."""
    rows = session.exec(select(Topic).order_by(col(Topic.sort_order), col(Topic.name))).all()
    return [TopicOption(slug=row.slug, name=row.name) for row in rows]


def partnership_slugs(session: Session) -> set[str]:
    """Slugs of all partnerships (valid values of the city filter)."""
    return set(session.exec(select(Partnership.slug)).all())
