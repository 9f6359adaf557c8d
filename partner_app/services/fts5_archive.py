"""The archive's search on SQLite: a page, its count and the facet counts, all from FTS5.

FTS5 hands its matches over in rowid order, and the index files each item under its
sort key (``search_index.sort_key``: date, then id), so "newest first" costs only the rows
a page shows. Ranking keeps the archive's rule (per query word the points of the best
part it is found in: title 4, teaser 2, anything else 1; the newest first among equal
points) by asking, highest points first, for each way the words can be spread over the
parts ("museum" in the title, "dünkirchen" in neither title nor teaser, ...), newest first,
and stopping once the page is full: a frequent word costs a dozen rows, not every match.
A word in a title or teaser is a term of its own (``1museum``, in the ``marks`` column),
so a spread with a rare word in the title reads that short list, not every item with the
word somewhere.

Everything else a filter change needs is a term of the same query: the city and topic
filters are tokens of the ``facets`` column, the year and "published by today" are a
range of rowids. The count reads every match (a few milliseconds at 100,000). The facet
counts (each up to ``limit`` + 1, shown as "1.000+") come from one pass over the words'
matches when there are a few thousand (their facets read through the entries' index by
rowid); for more, each option is counted on its own up to the limit, which a frequent
word reaches after a few hundred rows.

Query words become whole stems: a prefix ("kanal" while typing, or the first part of
"Kanalreinigungsfahrzeug") is looked up in ``search_stem`` and asked as the few stems it
stands for; FTS5 would otherwise merge the postings of every stem it starts with before
reading the first row, for each of the thirty queries of a change.
"""

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import col

from partner_app.models import Partnership, Topic
from partner_app.services.archive_answer import ArchiveAnswer, ArchiveFilters
from partner_app.services.search_analysis import QueryWord, stem
from partner_app.services.search_index import (
    ENTRY_TABLE,
    ID_MASK,
    OTHER_POINTS,
    PART_MARKS,
    PARTS,
    RANKED_PARTS,
    SEARCH_TABLE,
    STEM_TABLE,
    Facets,
    archive_count,
    first_key_of,
    year_range,
)

# Up to this many query words the page is found by their spreads over the parts (3^n
# queries at most, asked lazily); longer queries are ranked by the general statement.
MAX_SPREAD_WORDS = 3
# A prefix standing for more stems than this is asked as a prefix.
MAX_PREFIX_STEMS = 20
# Up to this many matches of the words, the facet counts come from one pass over them
# (about 0.4 µs a match: 6 ms for 15,000); beyond, each option is counted up to the
# limit on its own (near nothing for an option with many matches, up to 2 ms for one
# with few among many, as FTS5 then walks the lists to their ends).
ONE_PASS_MATCHES = 20_000
_ALL_PARTS = "{" + " ".join(PARTS) + "}"
_TITLE_MARK, _TEASER_MARK = PART_MARKS["title"], PART_MARKS["teaser"]
# Per query word, where it is found: in the title, in the teaser but not the title, or
# only elsewhere; and the points of each (as the general statement's:
# search_index.RANKED_PARTS, else OTHER_POINTS).
IN_TITLE, IN_TEASER, ELSEWHERE = range(3)
_POINTS = dict(RANKED_PARTS)
_PLACE_POINTS = (_POINTS["title"], _POINTS["teaser"], OTHER_POINTS)


def ranks_by_spread(words: Sequence[QueryWord]) -> bool:
    """Whether FTS5 finds the page by the words' spreads (few enough words)."""
    return len(words) <= MAX_SPREAD_WORDS


@dataclass(frozen=True)
class Scope:
    """The filters besides the text: a range of sort keys and facet tokens to match."""

    low: int
    high: int
    tokens: tuple[str, ...] = ()

    def with_tokens(self, *tokens: str) -> "Scope":
        """The same range with other facet tokens."""
        return replace(self, tokens=tokens)


def public_scope(today: date, year: int | None, city_id: int | None, topic_id: int | None) -> Scope:
    """Public items (published up to ``today``) in ``year``, of a partnership and topic."""
    high = first_key_of(today + timedelta(days=1))
    low = 0
    if year is not None:
        low, year_end = year_range(year)
        high = min(high, year_end)
    tokens = tuple(
        token
        for token, wanted in ((f"c{city_id}", city_id), (f"t{topic_id}", topic_id))
        if wanted is not None
    )
    return Scope(low, high, tokens)


@dataclass(frozen=True)
class FacetScope:
    """What the facet counts start from: the filters set, each left out for its own facet."""

    today: date
    year: int | None
    city_id: int | None
    topic_id: int | None


def _group(terms: Sequence[str], *marks: str) -> str:
    """A word's FTS5 terms as a group (``("dunkirch" OR "duenkirch")``), each with each of
    ``marks`` in front (``"1dunkirch"``: the word in a title), or as they are."""
    marked = [f'"{mark}{term[1:]}' for term in terms for mark in marks] if marks else terms
    return "(" + " OR ".join(marked) + ")"


def _in_place(place: int, terms: Sequence[str]) -> str:
    """The FTS5 expression of a word found in ``place`` (``IN_TITLE`` ...)."""
    in_title = f"{{marks}} : {_group(terms, _TITLE_MARK)}"
    if place == IN_TITLE:
        return in_title
    if place == IN_TEASER:
        return f"({{marks}} : {_group(terms, _TEASER_MARK)}) NOT ({in_title})"
    ranked = _group(terms, _TITLE_MARK, _TEASER_MARK)
    return f"({_ALL_PARTS} : {_group(terms)}) NOT ({{marks}} : {ranked})"


def count_facets(
    groups: Iterable[tuple[Facets, int]], scope: FacetScope
) -> tuple[Counter[int], Counter[int], Counter[int]]:
    """Per partnership, year and topic: the items of ``groups`` (items alike, and how
    many) that pass the filters of ``scope`` other than the facet's own."""
    cities: Counter[int] = Counter()
    years: Counter[int] = Counter()
    topics: Counter[int] = Counter()
    for item, number in groups:
        in_year = scope.year in (None, item.year)
        of_city = scope.city_id is None or scope.city_id in item.partnership_ids
        of_topic = scope.topic_id is None or scope.topic_id in item.topic_ids
        if in_year and of_topic:
            for city in item.partnership_ids:
                cities[city] += number
        if of_city and of_topic:
            years[item.year] += number
        if in_year and of_city:
            for topic in item.topic_ids:
                topics[topic] += number
    return cities, years, topics


class Fts5Search:
    """One search's words, as FTS5 terms, and the questions a filter change asks."""

    def __init__(self, connection: sa.Connection, words: Sequence[QueryWord]) -> None:
        self._connection = connection
        self._words = [self._terms(word) for word in words]
        self._counts: dict[Scope, int] = {}

    def page(self, scope: Scope, offset: int, limit: int) -> list[int]:
        """The news ids of one page, best first: points, then newest."""
        wanted = max(offset, 0) + limit
        found: list[int] = []
        for _points, spreads in self._spreads_by_points(self._places(scope)):
            missing = wanted - len(found)
            arm = f"SELECT rowid FROM ({self._select('rowid')} ORDER BY rowid DESC LIMIT ?)"  # noqa: S608
            arguments = itertools.chain.from_iterable(
                self._arguments(spread, scope, missing) for spread in spreads
            )
            found += self._connection.exec_driver_sql(
                " UNION ALL ".join([arm] * len(spreads)) + " ORDER BY 1 DESC LIMIT ?",
                (*arguments, missing),
            ).scalars()
            if len(found) >= wanted:
                break
        return [key & ID_MASK for key in found[max(offset, 0) : wanted]]

    def count(self, scope: Scope) -> int:
        """How many items match, all of them counted (once per scope)."""
        if scope not in self._counts:
            sql = self._select("count(*)")
            found = self._connection.exec_driver_sql(sql, self._arguments(None, scope))
            self._counts[scope] = int(found.scalar_one())
        return self._counts[scope]

    def facet_counts(
        self,
        facets: FacetScope,
        *,
        city_ids: Sequence[int],
        topic_ids: Sequence[int],
        years: Sequence[int],
        limit: int,
    ) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
        """Per partnership, year and topic id: the matches with the other filters, up to
        ``limit`` + 1 each (one statement): read in one pass over the words' matches when
        they are few enough (``ONE_PASS_MATCHES``), else counted option by option."""
        every_match = public_scope(facets.today, None, None, None)
        if not self._more_than(every_match, ONE_PASS_MATCHES):
            cities, counted_years, topics = count_facets(
                self._facets_of_matches(every_match), facets
            )

            def capped(counts: Counter[int], wanted: Sequence[int]) -> dict[int, int]:
                return {key: min(counts[key], limit + 1) for key in wanted if counts[key]}

            return capped(cities, city_ids), capped(counted_years, years), capped(topics, topic_ids)
        base = public_scope(facets.today, facets.year, facets.city_id, facets.topic_id)
        city_token = () if facets.city_id is None else (f"c{facets.city_id}",)
        topic_token = () if facets.topic_id is None else (f"t{facets.topic_id}",)
        questions: list[tuple[str, int, Scope]] = [
            ("city", city_id, base.with_tokens(f"c{city_id}", *topic_token)) for city_id in city_ids
        ]
        questions += [
            ("topic", topic_id, base.with_tokens(*city_token, f"t{topic_id}"))
            for topic_id in topic_ids
        ]
        questions += [
            ("year", year, public_scope(facets.today, year, facets.city_id, facets.topic_id))
            for year in years
        ]
        if not questions:
            return {}, {}, {}
        arm = f"SELECT ?, ?, count(*) FROM ({self._select('1', limited=True)})"  # noqa: S608
        arguments = itertools.chain.from_iterable(
            (kind, value, *self._arguments(None, scope, limit + 1))
            for kind, value, scope in questions
        )
        counts: dict[str, dict[int, int]] = {"city": {}, "year": {}, "topic": {}}
        for kind, value, count in self._connection.exec_driver_sql(
            " UNION ALL ".join([arm] * len(questions)), tuple(arguments)
        ):
            if count:
                counts[kind][int(value)] = int(count)
        return counts["city"], counts["year"], counts["topic"]

    def _more_than(self, scope: Scope, number: int) -> bool:
        """Whether more than ``number`` items match (counted up to it, unless known)."""
        if scope in self._counts:
            return self._counts[scope] > number
        sql = f"SELECT count(*) FROM ({self._select('1', limited=True)})"  # noqa: S608
        found = self._connection.exec_driver_sql(sql, self._arguments(None, scope, number + 1))
        return int(found.scalar_one()) > number

    def _facets_of_matches(self, scope: Scope) -> list[tuple[Facets, int]]:
        """The matches' years, partnerships and topics, as groups of items alike (read
        by their rowids through the entries' covering index, never FTS5's wide rows)."""
        sql = (
            f"SELECT entry.facets, count(*) FROM {SEARCH_TABLE} "  # noqa: S608
            f"JOIN {ENTRY_TABLE} AS entry ON entry.sort_key = {SEARCH_TABLE}.rowid "
            f"WHERE {SEARCH_TABLE} MATCH ? AND {SEARCH_TABLE}.rowid >= ? "
            f"AND {SEARCH_TABLE}.rowid < ? GROUP BY entry.facets"
        )
        rows = self._connection.exec_driver_sql(sql, self._arguments(None, scope))
        return [(Facets.parse(facets), int(number)) for facets, number in rows]

    # --- Statements ---------------------------------------------------------------------

    @staticmethod
    def _select(what: str, *, limited: bool = False) -> str:
        """``SELECT what`` of the matches of an expression in a range of sort keys (the
        parameters of :meth:`_arguments`), with a LIMIT parameter when ``limited``."""
        sql = (
            f"SELECT {what} FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? "  # noqa: S608
            "AND rowid >= ? AND rowid < ?"
        )
        return sql + " LIMIT ?" if limited else sql

    def _arguments(
        self, spread: tuple[int, ...] | None, scope: Scope, limit: int | None = None
    ) -> tuple[object, ...]:
        expression = self._expression(spread, scope)
        bounds = (expression, scope.low, scope.high)
        return bounds if limit is None else (*bounds, limit)

    def _expression(self, spread: tuple[int, ...] | None, scope: Scope) -> str:
        """The MATCH expression: every word (in its place of ``spread``), every token."""
        parts = [
            f"{_ALL_PARTS} : {_group(terms)}" if spread is None else _in_place(place, terms)
            for terms, place in zip(self._words, spread or [0] * len(self._words), strict=True)
        ]
        parts += [f'{{facets}} : "{token}"' for token in scope.tokens]
        return " AND ".join(f"({part})" for part in parts)

    def _places(self, scope: Scope) -> list[list[int]]:
        """Per word, the places it is found in at all (of several words; one word: all).

        A name found only among the names ("dünkirchen") rules out every spread with it
        in the title or teaser: one cheap existence test each instead of their queries.
        """
        every = [IN_TITLE, IN_TEASER, ELSEWHERE]
        if len(self._words) < 2:
            return [every for _word in self._words]
        test = (
            "SELECT ?, ?, EXISTS ("  # noqa: S608
            f"SELECT 1 FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? "
            "AND rowid >= ? AND rowid < ?)"
        )
        arguments = [
            (
                index,
                place,
                f"({_in_place(place, terms)})"
                + "".join(f' AND ({{facets}} : "{token}")' for token in scope.tokens),
                scope.low,
                scope.high,
            )
            for index, terms in enumerate(self._words)
            for place in every
        ]
        found: list[list[int]] = [[] for _word in self._words]
        rows = self._connection.exec_driver_sql(
            " UNION ALL ".join([test] * len(arguments)),
            tuple(itertools.chain.from_iterable(arguments)),
        )
        for index, place, exists in rows:
            if exists:
                found[int(index)].append(int(place))
        return found

    def _spreads_by_points(
        self, places: list[list[int]]
    ) -> list[tuple[int, list[tuple[int, ...]]]]:
        """Every spread of the words over their places, grouped by points, most first."""
        spreads = itertools.product(*places)
        by_points: dict[int, list[tuple[int, ...]]] = {}
        for spread in spreads:
            points = sum(_PLACE_POINTS[place] for place in spread)
            by_points.setdefault(points, []).append(spread)
        return sorted(by_points.items(), reverse=True)

    # --- Terms --------------------------------------------------------------------------

    def _terms(self, word: QueryWord) -> list[str]:
        """One query word's FTS5 terms: its whole stems, or a prefix of many."""
        terms: list[str] = []
        for alternative in word.alternatives:
            prefix = stem(alternative)
            stems = list(
                self._connection.exec_driver_sql(
                    f"SELECT stem FROM {STEM_TABLE} WHERE stem >= ? AND stem < ? LIMIT ?",  # noqa: S608
                    (prefix, prefix + "\U0010ffff", MAX_PREFIX_STEMS + 1),
                ).scalars()
            )
            if len(stems) > MAX_PREFIX_STEMS:
                terms.append(f'"{prefix}"*')
            else:
                # No stem: the prefix itself, which matches nothing (FTS5 has no empty group).
                terms += [f'"{found}"' for found in stems] or [f'"{prefix}"']
        return list(dict.fromkeys(terms))


class Fts5Archive:
    """A search's page, count and facet counts as FTS5 answers them (``FastArchive``)."""

    def __init__(self, connection: sa.Connection, words: Sequence[QueryWord]) -> None:
        self._connection = connection
        self._search = Fts5Search(connection, words)

    def answer(
        self, filters: ArchiveFilters, *, offset: int, limit: int, facet_limit: int | None
    ) -> ArchiveAnswer:
        """The page at ``offset``, the count, and (unless ``facet_limit`` is None) the
        facet counts, each up to ``facet_limit`` + 1."""
        city_id = self._id_of(Partnership, filters.city)
        topic_id = self._id_of(Topic, filters.topic)
        scope = public_scope(filters.today, filters.year, city_id, topic_id)
        total = self._search.count(scope)
        news_ids = self._search.page(scope, offset, limit) if total else []
        if facet_limit is None:
            return ArchiveAnswer(news_ids, total)
        city_slugs = self._slugs(Partnership)
        topic_slugs = self._slugs(Topic)
        years = self._connection.execute(sa.select(archive_count.c.year).distinct()).scalars()
        cities, counted_years, topics = self._search.facet_counts(
            FacetScope(filters.today, filters.year, city_id, topic_id),
            city_ids=list(city_slugs),
            topic_ids=list(topic_slugs),
            years=[year for year in years if year <= filters.today.year],
            limit=facet_limit,
        )
        return ArchiveAnswer(
            news_ids,
            total,
            cities={city_slugs[key]: count for key, count in cities.items()},
            years=counted_years,
            topics={topic_slugs[key]: count for key, count in topics.items()},
        )

    def _id_of(self, model: type[Partnership | Topic], slug: str) -> int | None:
        """The id of a filter's slug: None when not filtered, 0 when unknown (no item)."""
        if not slug:
            return None
        found = self._connection.execute(
            sa.select(col(model.id)).where(col(model.slug) == slug)
        ).scalar()
        return found or 0

    def _slugs(self, model: type[Partnership | Topic]) -> dict[int, str]:
        """Every partnership's (or topic's) slug by its id."""
        rows = self._connection.execute(sa.select(col(model.id), col(model.slug)))
        return {row_id: slug for row_id, slug in rows if row_id is not None}
