"""Queries of the public press archive: filtering, ranking, counting and paging in the database.

Free text goes through the full-text index (``services/search_index.py``): without it the
list is newest first; with it, items with the searched words in the title come first,
then in the teaser, the body and the names, newest first among equals. A search that
finds nothing is tried again with each unknown word's one-typo neighbours, and the
corrected words are offered ("Meinten Sie …?"). Facet counts say, per city, year and
topic, how many items that choice would give with the other filters as they are.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import QueryableAttribute, defer, joinedload, selectinload
from sqlalchemy.sql.base import ExecutableOption
from sqlmodel import Session, col, func, select

from partner_app.i18n import format_integer, text, written_in
from partner_app.models import (
    NewsItem,
    NewsPartnershipLink,
    NewsStatus,
    NewsTopicLink,
    Partnership,
    Topic,
)
from partner_app.services import search_index
from partner_app.services.archive_answer import ArchiveAnswer, ArchiveFilters, FastArchive
from partner_app.services.dates import format_date, machine_readable_date
from partner_app.services.search_analysis import (
    QueryWord,
    TextPart,
    corrects_typos,
    highlighted,
    query_words,
    stem,
)
from partner_app.services.search_index import SearchBackend

PAGE_SIZE = 12
MAX_QUERY_LENGTH = 100
# A facet option of a search counts its matches up to this many; more show as "1.000+"
# (counting every match of every option would cost a pass over all matches per option).
FACET_COUNT_LIMIT = 1000


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
    # "en" where the English page shows the partnership's English name, else "de".
    name_lang: str = "de"


@dataclass(frozen=True)
class NewsCard:
    """What a news card shows, and nothing more.

    ``title_parts`` and ``teaser_parts`` are the title and teaser cut into text parts,
    the words the search matched marked (one unmarked part without a search). Title and
    teaser are in the page's language where an editor wrote that version; their ``_lang``
    says which one it is ("de" for the German text on the English page).
    """

    slug: str
    title: str
    teaser: str
    title_parts: list[TextPart]
    teaser_parts: list[TextPart]
    title_lang: str
    teaser_lang: str
    date_label: str
    date_iso: str
    cities: list[CityBadge]
    topics: list[str]
    image_src: str
    image_alt: str
    image_caption: str
    image_credit: str


@dataclass(frozen=True)
class FacetCounts:
    """Per option of each filter, how many items it would give with the other filters.

    ``limit``: the counts were counted up to it, and one above it means "more" (a
    search's counts); None: every count is exact.
    """

    cities: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)
    limit: int | None = None

    def label(self, count: int, lang: str) -> str:
        """A count as its option shows it: "3", "1.234", or "1.000+" above the limit."""
        if self.limit is not None and count > self.limit:
            return text("FACET_MORE", lang).format(limit=format_integer(self.limit, lang))
        return format_integer(count, lang)


@dataclass(frozen=True)
class NewsPage:
    """One page of matching news, the number of all matches, and what goes with them.

    ``suggestion`` is the query with its typos corrected when the query as typed found
    nothing ("" otherwise); ``facets`` are there when they were asked for.
    """

    cards: list[NewsCard] = field(default_factory=list)
    total: int = 0
    suggestion: str = ""
    facets: FacetCounts | None = None


@dataclass(frozen=True)
class ArchiveSearch:
    """The words of a free-text search as the index is asked for them."""

    backend: SearchBackend
    words: tuple[QueryWord, ...]
    # The query with typos corrected, when the words had to be corrected to find anything.
    suggestion: str = ""

    def stems(self) -> list[str]:
        """The stems the matched words start with (for highlighting)."""
        return [stem(word) for query_word in self.words for word in query_word.alternatives]


def archive_search(session: Session, text: str) -> ArchiveSearch | None:
    """The search for ``text`` (None without words), on the session's database."""
    words = query_words(text[:MAX_QUERY_LENGTH])
    if not words:
        return None
    return ArchiveSearch(search_index.backend_for(session.get_bind().dialect), tuple(words))


def is_public(today: date) -> list[sa.ColumnElement[bool]]:
    """Conditions for news the public may see: published, and not scheduled for later."""
    return [col(NewsItem.status) == NewsStatus.published, col(NewsItem.published_on) <= today]


def card_loading(*, with_body: bool = False, joined: bool = False) -> list[ExecutableOption]:
    """Query options for news shown as cards: their cities and topics loaded in one go.

    The search column is only for WHERE clauses; cards never show the body. ``joined``
    loads cities and topics in the same query (one round trip for a page of 12 instead of
    three: the archive's filter change, where each round trip counts).
    """
    load = joinedload if joined else selectinload
    options: list[ExecutableOption] = [
        defer(_mapped(NewsItem.search_text)),
        load(_mapped(NewsItem.partnerships)),
        load(_mapped(NewsItem.topics)),
    ]
    if not with_body:
        options += [defer(_mapped(NewsItem.body)), defer(_mapped(NewsItem.body_en))]
    return options


def _joins_links_cheaply(session: Session) -> bool:
    """Whether a page of cards is best one query with its cities and topics joined.

    PostgreSQL: yes (one round trip instead of three). SQLite materialises the joined
    link tables whole before it joins them (1.1 s at 100,000 items); its extra two
    queries cost a fraction of a millisecond in-process.
    """
    return session.get_bind().dialect.name != "sqlite"


def _mapped(model_attribute: object) -> QueryableAttribute[Any]:
    """A model's attribute read on its class, as SQLAlchemy's loader options take it.

    SQLModel types it as the attribute's value; on the class it is SQLAlchemy's attribute.
    """
    if not isinstance(model_attribute, QueryableAttribute):
        msg = f"{model_attribute!r} is no mapped attribute"
        raise TypeError(msg)
    return model_attribute


def public_news_conditions(
    news_filter: NewsFilter,
    today: date,
    search: ArchiveSearch | None = None,
    *,
    leave_out: str = "",
    scheduled: bool = False,
) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions for the public news matching ``news_filter``.

    The free text counts only through ``search`` (see :func:`archive_search`);
    ``leave_out`` ("city", "year" or "topic") drops that filter, for its facet counts;
    ``scheduled`` asks for the published items after ``today`` instead of the public ones.
    """
    conditions = (
        [col(NewsItem.status) == NewsStatus.published, col(NewsItem.published_on) > today]
        if scheduled
        else is_public(today)
    )
    if news_filter.city and leave_out != "city":
        conditions.append(col(NewsItem.partnerships).any(col(Partnership.slug) == news_filter.city))
    if news_filter.year is not None and leave_out != "year":
        conditions.append(
            col(NewsItem.published_on).between(
                date(news_filter.year, 1, 1), date(news_filter.year, 12, 31)
            )
        )
    if news_filter.topic and leave_out != "topic":
        conditions.append(col(NewsItem.topics).any(col(Topic.slug) == news_filter.topic))
    if search is not None:
        conditions.append(col(NewsItem.id).in_(search.backend.matching_ids(search.words)))
    return conditions


def published_news_page(
    session: Session,
    news_filter: NewsFilter,
    *,
    today: date,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    lang: str = "de",
    with_facets: bool = False,
) -> NewsPage:
    """Return the public news matching ``news_filter``, one page of it, best first.

    Without free text: newest first. With it: by relevance (title, teaser, body, names),
    newest first among equals; a search that finds nothing as typed is corrected.
    """
    search = archive_search(session, news_filter.text)
    if search is None:
        # Without free text, every number comes from the maintained counters, and the page
        # is one query in date order (the status/date index).
        total, facets = _counted(session, news_filter, today)
        items = (
            session.exec(
                select(NewsItem)
                .where(*public_news_conditions(news_filter, today))
                .order_by(col(NewsItem.published_on).desc(), col(NewsItem.id).desc())
                .offset(max(offset, 0))
                .limit(limit)
                .options(*card_loading(joined=_joins_links_cheaply(session)))
            )
            .unique()
            .all()
        )
        return NewsPage(
            cards=[news_card_view(item, lang) for item in items],
            total=total,
            facets=facets if with_facets else None,
        )
    filters = ArchiveFilters(today, news_filter.year, news_filter.city, news_filter.topic)
    ids, total, facets = _searched(
        session, search, filters, offset=offset, limit=limit, with_facets=with_facets
    )
    if total == 0:
        corrected = _corrected(session, search)
        if corrected is not None:
            corrected_ids, corrected_total, corrected_facets = _searched(
                session, corrected, filters, offset=offset, limit=limit, with_facets=with_facets
            )
            if corrected_total:
                search, ids, total = corrected, corrected_ids, corrected_total
                facets = corrected_facets
    rows = (
        session.exec(
            select(NewsItem)
            .where(col(NewsItem.id).in_(ids))
            .options(*card_loading(joined=_joins_links_cheaply(session)))
        )
        .unique()
        .all()
    )
    by_id = {item.id: item for item in rows}
    stems = search.stems()
    return NewsPage(
        cards=[news_card_view(by_id[news_id], lang, stems) for news_id in ids if news_id in by_id],
        total=total,
        suggestion=search.suggestion,
        facets=facets,
    )


def _searched(
    session: Session,
    search: ArchiveSearch,
    filters: ArchiveFilters,
    *,
    offset: int,
    limit: int,
    with_facets: bool,
) -> tuple[list[int], int, FacetCounts | None]:
    """One page of a search's ids, best first, the number of all matches, and (when
    asked for) the facet counts: as the database answers them fastest (``fast_archive``),
    else by the general statement."""
    archive = fast_archive(session, search) or _GeneralArchive(session, search)
    answer = archive.answer(
        filters, offset=offset, limit=limit, facet_limit=FACET_COUNT_LIMIT if with_facets else None
    )
    facets = FacetCounts(answer.cities, answer.years, answer.topics)
    return answer.news_ids, answer.total, _capped(facets) if with_facets else None


def fast_archive(session: Session, search: ArchiveSearch) -> FastArchive | None:
    """The search as its database answers it fastest: one statement on PostgreSQL
    (``postgres_archive``), FTS5 for up to three words on SQLite (``fts5_archive``);
    None: the general statement (which the tests compare them with)."""
    return search.backend.fast_archive(session.connection(), search.words)


def _capped(facets: FacetCounts) -> FacetCounts:
    """The counts with every one above ``FACET_COUNT_LIMIT`` as the limit + 1 ("1.000+").

    For counts counted in full: the options show them as FTS5 counts them.
    """

    def capped(counts: dict[Any, int]) -> dict[Any, int]:
        return {key: min(count, FACET_COUNT_LIMIT + 1) for key, count in counts.items()}

    return FacetCounts(
        capped(facets.cities), capped(facets.years), capped(facets.topics), FACET_COUNT_LIMIT
    )


class _GeneralArchive:
    """The general statement, for any database and number of words: ranked and counted
    through ``news_item`` and the backend's ``ranked``. Slower than the fast answers, and
    what the tests compare them with."""

    def __init__(self, session: Session, search: ArchiveSearch) -> None:
        self._session = session
        self._search = search

    def answer(
        self, filters: ArchiveFilters, *, offset: int, limit: int, facet_limit: int | None
    ) -> ArchiveAnswer:
        """The page at ``offset``, the count, and (unless ``facet_limit`` is None) the
        facet counts, every one counted in full."""
        news_filter = NewsFilter(city=filters.city, year=filters.year, topic=filters.topic)
        ids, total = self._ranked(news_filter, filters.today, offset, limit)
        if facet_limit is None:
            return ArchiveAnswer(ids, total)
        facets = facet_counts(self._session, news_filter, filters.today, self._search)
        return ArchiveAnswer(ids, total, facets.cities, facets.years, facets.topics)

    def _ranked(
        self, news_filter: NewsFilter, today: date, offset: int, limit: int
    ) -> tuple[list[int], int]:
        """The ids of one page, best first, and the number of all matches.

        Ids only: ranking reads the status/date index and the search index, never the
        wide rows of every match; the count comes with the page (a window function over
        the same matches) instead of a second pass over them.
        """
        search = self._search
        statement: search_index.AnySelect = select(col(NewsItem.id), func.count().over()).where(
            *public_news_conditions(news_filter, today)
        )
        statement, points = search.backend.ranked(statement, search.words)
        order = [points.desc(), col(NewsItem.published_on).desc(), col(NewsItem.id).desc()]
        statement = statement.order_by(*order).offset(max(offset, 0)).limit(limit)
        rows = self._session.execute(statement).all()
        if rows:
            return [row[0] for row in rows], int(rows[0][1])
        # Past the last match ("Mehr laden" after a change) the window says nothing: count.
        if offset > 0:
            return [], _count(self._session, public_news_conditions(news_filter, today, search))
        return [], 0


def _count(session: Session, conditions: list[sa.ColumnElement[bool]]) -> int:
    return session.exec(select(func.count(col(NewsItem.id))).where(*conditions)).one()


def _corrected(session: Session, search: ArchiveSearch) -> ArchiveSearch | None:
    """The search with each unknown word widened to the indexed words one typo away.

    None when no word could be corrected. The suggestion takes, per corrected word, the
    neighbour found in the most items.
    """
    connection = session.connection()
    words: list[QueryWord] = []
    suggestion: list[str] = []
    for word in search.words:
        found = (
            search_index.corrections(connection, word.folded) if corrects_typos(word.folded) else []
        )
        if found:
            alternatives = (word.folded, *(neighbour.word for neighbour in found))
            words.append(QueryWord(word.spelling, word.folded, alternatives))
            suggestion.append(found[0].spelling)
        else:
            words.append(word)
            suggestion.append(word.spelling)
    if words == list(search.words):
        return None
    return ArchiveSearch(search.backend, tuple(words), " ".join(suggestion))


def _counted(session: Session, news_filter: NewsFilter, today: date) -> tuple[int, FacetCounts]:
    """The count and the facet counts of a filter without free text, from the counters.

    The counters hold every published item (``search_index.archive_count``: per
    partnership, topic and year, 0 standing for any); the few scheduled ones are
    counted directly and taken off, so an item appears on its day without a write.
    """
    counts = search_index.archive_count.c
    city: sa.ColumnElement[Any] = sa.literal(0)
    if news_filter.city:
        city_id = select(col(Partnership.id)).where(Partnership.slug == news_filter.city)
        city = sa.func.coalesce(city_id.scalar_subquery(), -1)
    topic: sa.ColumnElement[Any] = sa.literal(0)
    if news_filter.topic:
        topic_id = select(col(Topic.id)).where(Topic.slug == news_filter.topic)
        topic = sa.func.coalesce(topic_id.scalar_subquery(), -1)
    in_year = [] if news_filter.year is None else [counts.year == news_filter.year]
    items = sa.func.sum(counts.item_count)
    rows = session.execute(
        sa.union_all(
            select(sa.literal("total"), sa.literal(""), items).where(
                counts.partnership_id == city, counts.topic_id == topic, *in_year
            ),
            select(sa.literal("city"), col(Partnership.slug), items)
            .join(Partnership, col(Partnership.id) == counts.partnership_id)
            .where(counts.topic_id == topic, *in_year)
            .group_by(col(Partnership.slug)),
            select(sa.literal("year"), sa.cast(counts.year, sa.String), items)
            .where(counts.partnership_id == city, counts.topic_id == topic)
            .group_by(counts.year),
            select(sa.literal("topic"), col(Topic.slug), items)
            .join(Topic, col(Topic.id) == counts.topic_id)
            .where(counts.partnership_id == city, *in_year)
            .group_by(col(Topic.slug)),
            # Whether any item is scheduled (in the same round trip: usually none is).
            select(sa.literal("later"), sa.literal(""), func.count()).where(
                *public_news_conditions(NewsFilter(), today, scheduled=True)
            ),
        )
    ).all()
    total, facets = _facets_of(rows)
    if not any(kind == "later" and count for kind, _value, count in rows):
        return total, facets
    # Each facet leaves out its own filter: a scheduled item of another city still counts
    # for that city's option, so it comes off there too.
    later = _count(session, public_news_conditions(news_filter, today, scheduled=True))
    taken_off = facet_counts(session, news_filter, today, None, scheduled=True)
    facets = FacetCounts(
        cities=_minus(facets.cities, taken_off.cities),
        years=_minus(facets.years, taken_off.years),
        topics=_minus(facets.topics, taken_off.topics),
    )
    return total - later, facets


def _minus(counts: dict[Any, int], taken_off: dict[Any, int]) -> dict[Any, int]:
    left = {key: count - taken_off.get(key, 0) for key, count in counts.items()}
    return {key: count for key, count in left.items() if count > 0}


def _facets_of(rows: Sequence[Any]) -> tuple[int, FacetCounts]:
    total = 0
    counts = FacetCounts()
    for kind, value, count in rows:
        if kind == "total":
            total = int(count or 0)
        elif kind == "city":
            counts.cities[value] = int(count)
        elif kind == "year":
            counts.years[int(float(value))] = int(count)
        elif kind == "topic":
            counts.topics[value] = int(count)
    return total, counts


def facet_counts(
    session: Session,
    news_filter: NewsFilter,
    today: date,
    search: ArchiveSearch | None,
    *,
    scheduled: bool = False,
) -> FacetCounts:
    """Per city, year and topic: the items it gives with the other filters (one query).

    The matches of the filters all facets share (public or scheduled, free text) are read
    once (a materialized CTE of ids and dates); each facet applies the other filters to
    those rows. A search's counts are shown capped at ``FACET_COUNT_LIMIT`` + 1, as the
    databases' fast paths count them (``fast_archive``).
    """
    base = public_news_conditions(NewsFilter(), today, search, scheduled=scheduled)
    hits = (
        select(col(NewsItem.id).label("id"), col(NewsItem.published_on).label("published_on"))
        .where(*base)
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )

    def about_city() -> list[sa.ColumnElement[bool]]:
        if not news_filter.city:
            return []
        linked = (
            select(NewsPartnershipLink.news_id)
            .join(Partnership, col(Partnership.id) == NewsPartnershipLink.partnership_id)
            .where(Partnership.slug == news_filter.city)
        )
        return [hits.c.id.in_(linked)]

    def about_topic() -> list[sa.ColumnElement[bool]]:
        if not news_filter.topic:
            return []
        linked = (
            select(NewsTopicLink.news_id)
            .join(Topic, col(Topic.id) == NewsTopicLink.topic_id)
            .where(Topic.slug == news_filter.topic)
        )
        return [hits.c.id.in_(linked)]

    def in_year() -> list[sa.ColumnElement[bool]]:
        if news_filter.year is None:
            return []
        first, last = date(news_filter.year, 1, 1), date(news_filter.year, 12, 31)
        return [hits.c.published_on.between(first, last)]

    cities = (
        select(sa.literal("city"), col(Partnership.slug), func.count())
        .select_from(hits)
        .join(NewsPartnershipLink, col(NewsPartnershipLink.news_id) == hits.c.id)
        .join(Partnership, col(Partnership.id) == NewsPartnershipLink.partnership_id)
        .where(*in_year(), *about_topic())
        .group_by(col(Partnership.slug))
    )
    year = sa.cast(sa.extract("year", hits.c.published_on), sa.String)
    years = (
        select(sa.literal("year"), year, func.count())
        .select_from(hits)
        .where(*about_city(), *about_topic())
        .group_by(year)
    )
    topics = (
        select(sa.literal("topic"), col(Topic.slug), func.count())
        .select_from(hits)
        .join(NewsTopicLink, col(NewsTopicLink.news_id) == hits.c.id)
        .join(Topic, col(Topic.id) == NewsTopicLink.topic_id)
        .where(*about_city(), *in_year())
        .group_by(col(Topic.slug))
    )
    counted = _facets_of(session.execute(sa.union_all(cities, years, topics)).all())[1]
    return counted if search is None else _capped(counted)


def published_news_years(session: Session, *, today: date) -> list[int]:
    """Years that have public news, newest first (for the year filter)."""
    year = sa.extract("year", col(NewsItem.published_on))
    rows = session.exec(
        select(year).where(*is_public(today)).distinct().order_by(year.desc())
    ).all()
    return [int(row) for row in rows]


def news_card_view(item: NewsItem, lang: str = "de", stems: list[str] | None = None) -> NewsCard:
    """The card of one news item (its partnerships and topics must be loaded).

    ``stems``: the searched stems, whose words are marked in the title and teaser.
    """
    partnerships = sorted(item.partnerships, key=lambda partnership: partnership.since)
    title, title_lang = written_in(item.title, item.title_en, lang)
    teaser, teaser_lang = written_in(item.teaser, item.teaser_en, lang)
    return NewsCard(
        slug=item.slug,
        title=title,
        teaser=teaser,
        title_parts=highlighted(title, stems or []),
        teaser_parts=highlighted(teaser, stems or []),
        title_lang=title_lang,
        teaser_lang=teaser_lang,
        date_label=format_date(item.published_on, item.published_precision, lang),
        date_iso=machine_readable_date(item.published_on, item.published_precision),
        cities=[CityBadge(p.slug, *written_in(p.name, p.name_en, lang)) for p in partnerships],
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
