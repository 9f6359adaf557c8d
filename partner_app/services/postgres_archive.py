"""The archive's search on PostgreSQL: a page, its count and the facet counts in one statement.

The matches of the words are read once (the GIN index on ``document``), each with its
points, sort key, year, partnerships and topics from the row itself (``news_search``
keeps them beside the tsvector): the page is the best of them, the count and every
facet count one grouping of them (``GROUPING SETS``: per partnership list, per topic
list, per year, and all). The other filters are flags on each match, so a facet counts
its matches with the other filters as they are. One round trip, and no row of
``news_item`` is read until the page's cards.

Points follow the archive's rule (per query word the best part it is found in: title 4,
teaser 2, anything else 1): they are read from the small vectors of the title's and the
teaser's own stems (``title_words``, ``teaser_words``).
"""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from partner_app.services.archive_answer import ArchiveAnswer, ArchiveFilters
from partner_app.services.search_analysis import QueryWord
from partner_app.services.search_index import (
    OTHER_POINTS,
    RANKED_PARTS,
    SEARCH_TABLE,
    first_key_of,
    year_range,
)
from partner_app.services.search_postgres import PART_COLUMNS, PG_CONFIG, tsquery_text


class PostgresArchiveSearch:
    """One search's words, as tsquery texts, and the statement a filter change asks."""

    def __init__(self, connection: sa.Connection, words: Sequence[QueryWord]) -> None:
        self._connection = connection
        self._words = list(words)

    def answer(
        self, filters: ArchiveFilters, *, offset: int, limit: int, facet_limit: int | None
    ) -> ArchiveAnswer:
        """The page at ``offset``, the count, and (unless ``facet_limit`` is None) the
        facet counts, every one counted in full."""
        with_facets = facet_limit is not None
        parameters: dict[str, Any] = {
            "match": tsquery_text(self._words),
            "public_end": first_key_of(filters.today + timedelta(days=1)),
            "offset": max(offset, 0),
            "limit": limit,
        }
        flags = self._flags(filters, parameters)
        passes_all = " AND ".join(flags.values())
        hits = (
            f"SELECT news_id, sort_key, year, partnership_ids, topic_ids, "  # noqa: S608
            f"{self._points(parameters)} AS points"
            + "".join(f", {sql} AS {name}" for name, sql in flags.items())
            + f" FROM {SEARCH_TABLE} WHERE document @@ to_tsquery('{PG_CONFIG}', :match) "
            f"AND sort_key < :public_end{_narrowed(flags, with_facets=with_facets)}"
        )
        page = (
            f"SELECT news_id, points, sort_key FROM hits WHERE {passes_all} "  # noqa: S608
            "ORDER BY points DESC, sort_key DESC OFFSET :offset LIMIT :limit"
        )
        statement = (
            f"WITH hits AS MATERIALIZED ({hits}), page AS ({page}), "  # noqa: S608
            f"counted AS ({_COUNTED if with_facets else _COUNTED_ALL}) "
            # Rows: (kind, key, count, order); a page row's order is its (points, sort key).
            "SELECT 'page' AS kind, news_id::text AS key, points AS n, sort_key AS rank "
            f"FROM page UNION ALL {_TOTAL_ROW}" + (_FACET_ROWS if with_facets else "")
        )
        return _answer_of(self._connection.execute(sa.text(statement), parameters).all())

    def _points(self, parameters: dict[str, Any]) -> str:
        """The SQL sum of each word's points (its query into ``parameters``)."""
        terms = []
        for index, word in enumerate(self._words):
            parameters[f"word_{index}"] = tsquery_text([word])
            cases = " ".join(
                f"WHEN {PART_COLUMNS[part]} @@ to_tsquery('{PG_CONFIG}', :word_{index}) "
                f"THEN {points}"
                for part, points in RANKED_PARTS
            )
            terms.append(f"CASE {cases} ELSE {OTHER_POINTS} END")
        return " + ".join(terms) or "0"

    @staticmethod
    def _flags(filters: ArchiveFilters, parameters: dict[str, Any]) -> dict[str, str]:
        """Per filter, the SQL of "a match passes it" (TRUE when not set)."""
        flags = {"of_city": "TRUE", "in_year": "TRUE", "of_topic": "TRUE"}
        if filters.city:
            parameters["city"] = filters.city
            # An unknown slug has no id: nothing contains ARRAY[NULL].
            flags["of_city"] = (
                "partnership_ids @> ARRAY[(SELECT id FROM partnership WHERE slug = :city)]"
            )
        if filters.year is not None:
            parameters["year_start"], parameters["year_end"] = year_range(filters.year)
            flags["in_year"] = "(sort_key >= :year_start AND sort_key < :year_end)"
        if filters.topic:
            parameters["topic"] = filters.topic
            flags["of_topic"] = "topic_ids @> ARRAY[(SELECT id FROM topic WHERE slug = :topic)]"
        return flags


def _narrowed(flags: dict[str, str], *, with_facets: bool) -> str:
    """More conditions for ``hits``: the filters, or what every facet count shares."""
    set_flags = [sql for sql in flags.values() if sql != "TRUE"]
    if not set_flags:
        return ""
    if not with_facets:
        return " AND " + " AND ".join(set_flags)
    if len(set_flags) == 1:
        return ""
    # A match counts in some facet only when it passes every filter but one at most (each
    # facet leaves out its own): written as alternatives the indexes answer (the sort key
    # for the year, GIN for the partnerships and topics), so the other matches are never
    # read.
    alternatives = (
        " AND ".join(flag for flag in set_flags if flag != left_out) for left_out in set_flags
    )
    return " AND (" + " OR ".join(f"({alternative})" for alternative in alternatives) + ")"


# Each grouping set is told by GROUPING(partnership_ids, topic_ids, year), a bit per
# column it does not group by, the first highest: 3 by partnerships, 5 by topics, 6 by
# year, 7 all. The count alone is the set of all.
_COUNTED_ALL = "SELECT count(*) AS for_total, 7 AS grouped FROM hits"
# Per grouping set, the count and each facet's (with the other filters as they are).
_COUNTED = (
    "SELECT partnership_ids, topic_ids, year, "
    "count(*) FILTER (WHERE of_city AND in_year AND of_topic) AS for_total, "
    "count(*) FILTER (WHERE in_year AND of_topic) AS for_cities, "
    "count(*) FILTER (WHERE of_city AND of_topic) AS for_years, "
    "count(*) FILTER (WHERE of_city AND in_year) AS for_topics, "
    "GROUPING(partnership_ids, topic_ids, year) AS grouped FROM hits "
    "GROUP BY GROUPING SETS ((partnership_ids), (topic_ids), (year), ())"
)
_TOTAL_ROW = "SELECT 'total', '', for_total, 0 FROM counted WHERE grouped = 7"
# The facet rows: a grouped list of partnerships (or topics) counts for each of them.
_FACET_ROWS = (
    " UNION ALL SELECT 'city', partnership.slug, sum(for_cities), 0 FROM counted "
    "CROSS JOIN LATERAL unnest(partnership_ids) AS linked(id) "
    "JOIN partnership ON partnership.id = linked.id WHERE grouped = 3 "
    "GROUP BY partnership.slug"
    " UNION ALL SELECT 'year', year::text, for_years, 0 FROM counted "
    "WHERE grouped = 6"
    " UNION ALL SELECT 'topic', topic.slug, sum(for_topics), 0 FROM counted "
    "CROSS JOIN LATERAL unnest(topic_ids) AS linked(id) "
    "JOIN topic ON topic.id = linked.id WHERE grouped = 5 GROUP BY topic.slug"
)


def _answer_of(rows: Sequence[Any]) -> ArchiveAnswer:
    """The rows (kind, key, count, rank) as an answer: the page by (points, rank), best first."""
    page: list[tuple[int, int, int]] = []
    total = 0
    counts: dict[str, dict[Any, int]] = {"city": {}, "year": {}, "topic": {}}
    for kind, key, count, rank in rows:
        if kind == "page":
            page.append((int(count), int(rank), int(key)))
        elif kind == "total":
            total = int(count or 0)
        elif count:
            counts[kind][int(key) if kind == "year" else key] = int(count)
    page.sort(reverse=True)
    return ArchiveAnswer(
        [news_id for _points, _rank, news_id in page],
        total,
        counts["city"],
        counts["year"],
        counts["topic"],
    )
