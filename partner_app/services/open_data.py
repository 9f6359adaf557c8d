"""The public content as open data: what the JSON API (``open_data_api.py``) serves.

Plain Python over a database session, no web framework: partnerships with their facts
and coordinates, news with the archive's own filters, search and order
(``news_archive.published_news_page``), topics. Only what the public site shows: never a
draft, never an item scheduled for later. The models are pydantic's, so the API's
OpenAPI description documents every field from here.
"""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from partner_app import routes
from partner_app.i18n import parse_language, text, with_language, written_in
from partner_app.models import DatePrecision, NewsItem, Partnership, Topic
from partner_app.services.dates import machine_readable_date
from partner_app.services.markdown_text import render_markdown
from partner_app.services.news_archive import (
    NewsFilter,
    card_loading,
    is_public,
    news_card_view,
    published_news_page,
)
from partner_app.services.news_feeds import FeedFormat, feed_url
from partner_app.services.partnerships import partnership_view
from partner_app.services.slugs import is_slug

MAX_PER_PAGE = 100


class PartialDate(BaseModel):
    """A date as precisely as it is known: some archive dates are known only to the month."""

    date: Annotated[str, Field(description="ISO 8601: 2024-08-28, 2024-03 or 2024.")]
    precision: Annotated[DatePrecision, Field(description="day, month or year.")]


class Image(BaseModel):
    """A picture with what must be shown with it."""

    url: Annotated[str, Field(description="Absolute address of the WebP image (800×450).")]
    alt: str
    caption: str
    credit: str


class Location(BaseModel):
    """Where the partner is (WGS 84)."""

    latitude: float
    longitude: float


class Country(BaseModel):
    """The partner's country."""

    code: Annotated[str, Field(description="ISO 3166-1 alpha-2.")]
    name: Annotated[str, Field(description="In the requested language (CLDR).")]


_NAME = "The English name (Dunkirk) for lang=en where the site has one, else the German one."
_NAME_LANGUAGE = "en for the English name, de for the German one."


class PartnershipData(BaseModel):
    """A partner city, district or project partnership of Krefeld."""

    slug: Annotated[str, Field(description="Stable identifier, as in ?stadt= of the site.")]
    name: Annotated[str, Field(description=_NAME)]
    name_language: Annotated[str, Field(description=_NAME_LANGUAGE)]
    native_name: Annotated[str, Field(description="The name in the partner's language.")]
    native_language: Annotated[str, Field(description="BCP 47 tag of native_name.")]
    country: Country
    region: str
    since: PartialDate
    since_note: str
    kind: Annotated[str, Field(description="city, district or project.")]
    status: Annotated[str, Field(description="active, dormant or suspended.")]
    status_note: str
    description: str
    description_language: Annotated[
        str, Field(description="de where no English text exists for lang=en.")
    ]
    facts: Annotated[list[str], Field(description="Short facts, written in German.")]
    location: Location
    image: Image | None
    url: Annotated[str, Field(description="The partnership's tab on the site.")]
    news_url: Annotated[str, Field(description="This API's news about the partnership.")]
    feed_url: Annotated[str, Field(description="RSS feed of news about the partnership.")]


class CityRef(BaseModel):
    """A partnership a news item is about."""

    slug: str
    name: Annotated[str, Field(description=_NAME)]
    name_language: Annotated[str, Field(description=_NAME_LANGUAGE)]


class TopicData(BaseModel):
    """A subject area news items are filed under."""

    slug: str
    name: Annotated[str, Field(description="Written in German.")]


_TEXT_LANGUAGE = (
    "The text's language: 'en' where the editors wrote an English version and English was "
    "requested, else 'de' (the German text)."
)


class NewsSummary(BaseModel):
    """A news item of the press archive, as its card shows it."""

    slug: str
    title: str
    title_language: Annotated[str, Field(description=_TEXT_LANGUAGE)]
    teaser: str
    teaser_language: Annotated[str, Field(description=_TEXT_LANGUAGE)]
    published: PartialDate
    cities: list[CityRef]
    topics: list[TopicData]
    image: Image | None
    url: Annotated[str, Field(description="The item's page on the site.")]


class NewsData(NewsSummary):
    """A news item with its full text."""

    body_markdown: Annotated[str, Field(description="The text as the editors wrote it.")]
    body_html: Annotated[str, Field(description="The same, as the site renders it.")]
    body_language: Annotated[str, Field(description=_TEXT_LANGUAGE)]


class NewsList(BaseModel):
    """One page of the archive's news matching the filters, in the archive's order."""

    items: list[NewsSummary]
    total: Annotated[int, Field(description="All items matching the filters.")]
    page: int
    per_page: int
    next_url: Annotated[str | None, Field(description="The next page, if there is one.")]
    suggestion: Annotated[
        str, Field(description="When the search found nothing: the corrected words, else empty.")
    ]


def _partial_date(value: date, precision: DatePrecision) -> PartialDate:
    return PartialDate(date=machine_readable_date(value, precision), precision=precision)


def _image(origin: str, path: str, alt: str, caption: str, credit: str) -> Image | None:
    if not path:
        return None
    return Image(url=f"{origin}/{path}", alt=alt, caption=caption, credit=credit)


def partnerships(session: Session, *, origin: str, lang: str = "de") -> list[PartnershipData]:
    """Every partnership, the oldest first (as on the site)."""
    rows = session.exec(
        select(Partnership).order_by(col(Partnership.since), col(Partnership.sort_order))
    ).all()
    return [_partnership(row, origin, lang) for row in rows]


def partnership(
    session: Session, slug: str, *, origin: str, lang: str = "de"
) -> PartnershipData | None:
    """One partnership by its slug, or None."""
    if not is_slug(slug):
        return None
    row = session.exec(select(Partnership).where(col(Partnership.slug) == slug)).first()
    return _partnership(row, origin, lang) if row is not None else None


def _partnership(row: Partnership, origin: str, lang: str) -> PartnershipData:
    # Names, texts and their languages as the page shows them (one place decides).
    view = partnership_view(row, lang)
    api_news = f"{origin}{routes.API_NEWS}?stadt={row.slug}"
    return PartnershipData(
        slug=view.slug,
        name=view.name,
        name_language=view.name_lang,
        native_name=view.native_name,
        native_language=view.native_lang,
        country=Country(code=row.country_code, name=view.country),
        region=view.region,
        since=_partial_date(row.since, row.since_precision),
        since_note=view.since_note,
        kind=view.kind,
        status=view.status,
        status_note=view.status_note,
        description="\n\n".join(view.description_paragraphs),
        description_language=view.description_lang,
        facts=view.facts,
        location=Location(latitude=row.latitude, longitude=row.longitude),
        image=_image(origin, row.image_path, row.image_alt, row.image_caption, row.image_credit),
        url=origin + with_language(f"/?stadt={row.slug}", lang),
        news_url=with_language(api_news, lang),
        feed_url=feed_url(origin, FeedFormat.rss, row.slug),
    )


def topics(session: Session) -> list[TopicData]:
    """Every topic in its display order."""
    rows = session.exec(select(Topic).order_by(col(Topic.sort_order), col(Topic.name))).all()
    return [TopicData(slug=row.slug, name=row.name) for row in rows]


def news_list(
    session: Session,
    news_filter: NewsFilter,
    *,
    today: date,
    page: int,
    per_page: int,
    origin: str,
    lang: str = "de",
    query_string: str = "",
) -> NewsList:
    """One page of public news matching ``news_filter``, in the archive's order.

    ``query_string`` is the request's own (without the page): the next page's link keeps it.
    """
    found = published_news_page(
        session, news_filter, today=today, offset=(page - 1) * per_page, limit=per_page, lang=lang
    )
    slugs = [card.slug for card in found.cards]
    rows = session.exec(
        select(NewsItem).where(col(NewsItem.slug).in_(slugs)).options(*card_loading())
    ).all()
    by_slug = {row.slug: row for row in rows}
    items = [_summary(by_slug[slug], origin, lang) for slug in slugs if slug in by_slug]
    has_next = page * per_page < found.total
    next_query = "&".join(part for part in (query_string, f"seite={page + 1}") if part)
    return NewsList(
        items=items,
        total=found.total,
        page=page,
        per_page=per_page,
        next_url=f"{origin}{routes.API_NEWS}?{next_query}" if has_next else None,
        suggestion=getattr(found, "suggestion", ""),
    )


def news_item(
    session: Session, slug: str, *, today: date, origin: str, lang: str = "de"
) -> NewsData | None:
    """One public news item with its text, or None (unknown, draft or scheduled)."""
    if not is_slug(slug):
        return None
    row = session.exec(
        select(NewsItem)
        .where(col(NewsItem.slug) == slug, *is_public(today))
        .options(*card_loading(with_body=True))
    ).first()
    if row is None:
        return None
    summary = _summary(row, origin, lang)
    body, body_language = written_in(row.body, row.body_en, lang)
    return NewsData(
        **summary.model_dump(),
        body_markdown=body,
        body_html=render_markdown(body),
        body_language=body_language,
    )


def _summary(row: NewsItem, origin: str, lang: str) -> NewsSummary:
    # The card the site shows: the same texts, names and languages (news_card_view).
    card = news_card_view(row, lang)
    return NewsSummary(
        slug=row.slug,
        title=card.title,
        title_language=card.title_lang,
        teaser=card.teaser,
        teaser_language=card.teaser_lang,
        published=_partial_date(row.published_on, row.published_precision),
        cities=[
            CityRef(slug=city.slug, name=city.name, name_language=city.name_lang)
            for city in card.cities
        ],
        topics=[
            TopicData(slug=topic.slug, name=topic.name)
            for topic in sorted(row.topics, key=lambda topic: topic.sort_order)
        ],
        image=_image(origin, row.image_path, row.image_alt, row.image_caption, row.image_credit),
        url=origin + with_language(routes.news_url(row.slug), lang),
    )


def unknown_value_message(kind: str, value: str, lang: str) -> str:
    """Why the API refused a filter value, in ``lang``."""
    return text(kind, parse_language(lang)).format(value=value[:40])
