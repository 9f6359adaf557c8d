"""The archive's full-text index: one interface, a backend per database.

The backends are ``search_sqlite`` and ``search_postgres``; this module holds what they
share, the documents, the vocabulary and counters, and keeps the index current.

What is indexed, per published news item (drafts are never in it): the title, the
teaser, the body (each with its English version, where there is one), and the names the
item is found by (its partnerships' names, native names, countries, regions and search
terms, its topics, the image caption). A match in the title ranks above one in the
teaser, above the rest (``RANKED_PARTS``).

- SQLite: an FTS5 table ``news_search`` holding the Snowball stems computed here, one
  column per part (``search_analysis.stems``) and one of facet tokens, each row filed
  under its item's sort key (:func:`sort_key`; ``fts5_archive`` reads it in date order).
- PostgreSQL: a table ``news_search`` with a ``tsvector`` of every part's stems, built by
  the database's own ``partner_search`` configuration (unaccent, then Snowball German
  without stop words) from the folded words computed here, and a GIN index on it;
  beside it the title's and the teaser's own stems, the item's sort key, year,
  partnerships and topics (``postgres_archive`` answers a search from these rows).

Both keep the vocabulary typos are corrected towards, ``search_word``: each folded word
of five letters or more, its spelling and in how many items it occurs. The words one
wrong, missing or extra letter away from a query word are found by an index, never by a
scan: on PostgreSQL by pg_trgm's similarity (``word % 'dunkirchn'``, a GIN trigram
index; one typo in a word of five letters leaves a similarity of 1/3 or more, above the
default threshold of 0.3), on SQLite through ``search_word_key``, each word filed under
itself and its forms with one letter left out (``typo_keys``). Candidates are checked
exactly (``one_typo_apart``) before they count.

The index is derived data: it is not among the models (backups leave it out), it is
built for existing items by the migration that made it or, after a change of what it
holds, by ``python -m partner_app.cli search-index`` (:func:`renew_if_outdated`), and
every ORM flush that touches news, partnerships or topics updates it in the same
transaction (:func:`_keep_index_current`).
A bulk UPDATE or DELETE of those through a session rebuilds the index; writes past the
ORM (a backup import, the benchmark's bulk load) call :func:`rebuild` themselves.
"""

import functools
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, UOWTransaction
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import SQLModel

from partner_app.models import (
    NewsItem,
    NewsPartnershipLink,
    NewsStatus,
    NewsTopicLink,
    Partnership,
    Topic,
)
from partner_app.services.archive_answer import FastArchive
from partner_app.services.countries import all_country_names
from partner_app.services.search_analysis import (
    QueryWord,
    one_typo_apart,
    vocabulary,
)

# A SELECT of any columns (the archive's ranked ids come with their count).
AnySelect = sa.Select[*tuple[Any, ...]]
SEARCH_TABLE = "news_search"
WORD_TABLE = "search_word"
WORD_KEY_TABLE = "search_word_key"
COUNT_TABLE = "news_search_count"
# SQLite only: each indexed item's sort key, and the stems the FTS5 table holds.
ENTRY_TABLE = "news_search_entry"
ENTRY_KEY_INDEX = "news_search_entry_by_key"
STEM_TABLE = "search_stem"
# One row: the version of what the index holds (see renew_if_outdated).
VERSION_TABLE = "news_search_version"
# Every table of the index (FTS5 adds its own, named news_search_*).
SEARCH_INDEX_TABLES = (
    SEARCH_TABLE,
    ENTRY_TABLE,
    STEM_TABLE,
    WORD_TABLE,
    WORD_KEY_TABLE,
    COUNT_TABLE,
    VERSION_TABLE,
)
# What the app puts into the index, by version: 1 as migration e6b1c2d3f4a5 built it; 2 adds
# the countries' English names and the news items' English texts; 3 files SQLite's rows
# under their sort keys (migration c3f7a2e9d1b4 leaves the new tables empty, version 0).
# Raise it whenever the documents change, so indexes built before are renewed once.
CONTENTS_VERSION = 3
# Points of a match, per query word the best part counted: title 4, teaser 2, body or
# names 1 (a word found at all is found in one of them). The publication date breaks ties.
# Body and names share the last rank: telling them apart would cost the largest match set
# of all (nearly every match has the word in its body) for an order the issue never asks.
RANKED_PARTS = (("title", 4), ("teaser", 2))
OTHER_POINTS = 1
PARTS = ("title", "teaser", "body", "names")

word_table = sa.table(
    WORD_TABLE,
    sa.column("word", sa.Text()),
    sa.column("spelling", sa.Text()),
    sa.column("documents", sa.Integer()),
)
word_key_table = sa.table(WORD_KEY_TABLE, sa.column("key", sa.Text()), sa.column("word", sa.Text()))
# Published items per partnership (0: any), topic (0: any) and year: the counts of the
# filters without free text, read from a few hundred rows instead of every item.
archive_count = sa.table(
    COUNT_TABLE,
    sa.column("partnership_id", sa.Integer()),
    sa.column("topic_id", sa.Integer()),
    sa.column("year", sa.Integer()),
    sa.column("item_count", sa.Integer()),
)


# FTS5's tokenizer splits only at the spaces between the words Python wrote: SQLite's
# Unicode tables are older than Python's (6.1 against 14), and a letter it files
# elsewhere ("ᦱ", a spacing mark in 6.1) would cut a stem in two, which FTS5 with
# ``detail = column`` refuses as a phrase query.
TOKENIZER = "unicode61 remove_diacritics 0 categories ''L* M* N* S* Co Cn''"

# A sort key: the publication date's day number above the news id (newest first is the
# key descending, the archive's order without free text: date, then id).
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1


def sort_key(published_on: date, news_id: int) -> int:
    """The key an item is filed under: ordered by date, then by id."""
    if not 0 < news_id <= ID_MASK:
        msg = f"news id {news_id} does not fit a sort key"
        raise ValueError(msg)
    return published_on.toordinal() << ID_BITS | news_id


def first_key_of(day: date) -> int:
    """The lowest sort key of ``day`` (every item of an earlier day sorts below it)."""
    return day.toordinal() << ID_BITS


def year_range(year: int) -> tuple[int, int]:
    """The sort keys of a year: from its first day to the first of the next."""
    return first_key_of(date(year, 1, 1)), first_key_of(date(year + 1, 1, 1))


def news_id_of(key: sa.ColumnElement[int]) -> sa.ColumnElement[int]:
    """The news id inside a sort key, in SQL."""
    return key.op("&")(ID_MASK)


def facet_tokens(partnership_ids: Iterable[int], topic_ids: Iterable[int]) -> str:
    """The FTS5 tokens of an item's partnerships and topics (``c12 t3``)."""
    return " ".join([*(f"c{pid}" for pid in partnership_ids), *(f"t{tid}" for tid in topic_ids)])


# SQLite: the ranked parts' stems again, each marked with its part ("1museum": in the
# title), in a column of their own; FTS5 keeps one list of items per term, so "museum"
# in a title is a short list of its own instead of a test of every item with "museum".
PART_MARKS = {"title": "1", "teaser": "2"}


def part_marks(title_stems: Iterable[str], teaser_stems: Iterable[str]) -> str:
    """The FTS5 tokens of the stems of an item's title and teaser (``1museum 2hilf``)."""
    marked = [PART_MARKS["title"] + stem for stem in title_stems]
    marked += [PART_MARKS["teaser"] + stem for stem in teaser_stems]
    return " ".join(dict.fromkeys(marked))


@dataclass(frozen=True)
class SearchDocument:
    """The texts of one news item, per part, as the index takes them."""

    news_id: int
    title: str
    teaser: str
    body: str
    names: str
    published_on: date
    partnership_ids: tuple[int, ...] = ()
    topic_ids: tuple[int, ...] = ()

    @property
    def sort_key(self) -> int:
        """The key the index files the item under (:func:`sort_key`)."""
        return sort_key(self.published_on, self.news_id)

    @property
    def facets(self) -> str:
        """Year, partnership ids and topic ids, as the index keeps them for the counts."""
        return _facets_text(self.published_on.year, self.partnership_ids, self.topic_ids)

    @property
    def parts(self) -> tuple[str, str, str, str]:
        """The parts in ``PARTS`` order."""
        return (self.title, self.teaser, self.body, self.names)

    @functools.cached_property
    def vocabulary(self) -> dict[str, str]:
        """The item's words typos are corrected towards (folded -> spelling); read once."""
        found: dict[str, str] = {}
        for part in self.parts:
            for word, spelling in vocabulary(part).items():
                found.setdefault(word, spelling)
        return found


@dataclass(frozen=True)
class Stored:
    """What the index holds of one item besides its text."""

    words: list[str]
    facets: str


class SearchBackend(Protocol):
    """What each database does for the search; the rest is shared."""

    def create_schema(self, connection: sa.Connection) -> None:
        """Create the index's tables (empty)."""
        ...

    def drop_schema(self, connection: sa.Connection) -> None:
        """Drop the index's tables."""
        ...

    def store(self, connection: sa.Connection, documents: Sequence[SearchDocument]) -> None:
        """Index ``documents`` (each replacing what was indexed under its id)."""
        ...

    def remove(self, connection: sa.Connection, news_ids: Collection[int]) -> None:
        """Remove items from the index."""
        ...

    def stored(self, connection: sa.Connection, news_ids: Collection[int]) -> list[Stored]:
        """What is indexed for ``news_ids``: their vocabulary words and facets."""
        ...

    def matching_ids(self, words: Sequence[QueryWord], part: str = "") -> sa.Select[Any]:
        """The ids of indexed items matching every word (any alternative of it).

        ``part`` (one of ``PARTS`` but the last) asks for matches in that part only.
        """
        ...

    def clear(self, connection: sa.Connection) -> None:
        """Empty the index (before a rebuild)."""
        ...

    def ranked(
        self, statement: AnySelect, words: Sequence[QueryWord]
    ) -> tuple[AnySelect, sa.ColumnElement[int]]:
        """``statement`` (over news items) narrowed to matches, and each match's points.

        Points per query word: those of the best part it is found in (``RANKED_PARTS``,
        else ``OTHER_POINTS``).
        """
        ...

    def fast_archive(
        self, connection: sa.Connection, words: Sequence[QueryWord]
    ) -> FastArchive | None:
        """The archive's questions about ``words`` as this database answers them best;
        None: the archive asks its general statement (``ranked``)."""
        ...

    def typo_candidates(self, connection: sa.Connection, folded_word: str) -> list[Any]:
        """Vocabulary rows (word, spelling, documents) that may be one typo away."""
        ...

    def file_words(self, connection: sa.Connection, words: Sequence[str]) -> None:
        """Make new vocabulary words findable by :meth:`typo_candidates`."""
        ...

    def unfile_words(self, connection: sa.Connection, words: Sequence[str]) -> None:
        """Forget vocabulary words that no item has any more (before their rows go)."""
        ...


def create_word_table(connection: sa.Connection) -> None:
    """The vocabulary typos are corrected towards (both backends)."""
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {WORD_TABLE} (word TEXT PRIMARY KEY, "
        "spelling TEXT NOT NULL, documents INTEGER NOT NULL)"
    )


_version_table = sa.table(VERSION_TABLE, sa.column("version", sa.Integer()))


def create_version_table(connection: sa.Connection, version: int) -> None:
    """Record that the index holds what version ``version`` of the app indexed."""
    connection.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER)")
    connection.execute(sa.delete(_version_table))
    connection.execute(sa.insert(_version_table).values(version=version))


def drop_vocabulary_tables(connection: sa.Connection) -> None:
    """Drop the vocabulary, the counters and the version (both backends' drop_schema)."""
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {VERSION_TABLE}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {COUNT_TABLE}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {WORD_KEY_TABLE}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {WORD_TABLE}")


def backend_for(dialect: sa.Dialect | str) -> SearchBackend:
    """The backend of a database's dialect.

    Imported here: the backends build on this module, which the models import.
    """
    name = dialect if isinstance(dialect, str) else dialect.name
    if name == "postgresql":
        from partner_app.services.search_postgres import PostgresSearch

        return PostgresSearch()
    from partner_app.services.search_sqlite import SqliteSearch

    return SqliteSearch()


def id_chunks(ids: Collection[int], size: int = 500) -> Iterable[list[int]]:
    """``ids`` sorted, in lists of at most ``size`` (for IN clauses)."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def stored_rows(
    connection: sa.Connection,
    table: sa.TableClause,
    id_column: sa.ColumnElement[Any],
    news_ids: Collection[int],
) -> list[Stored]:
    """The ``words`` and ``facets`` columns of ``table``'s rows of ``news_ids``."""
    found: list[Stored] = []
    for chunk in id_chunks(news_ids):
        rows = connection.execute(
            sa.select(table.c.words, table.c.facets).where(id_column.in_(chunk))
        )
        found += [Stored(row.words.split(), row.facets) for row in rows]
    return found


def _facets_text(year: int, partnership_ids: Iterable[int], topic_ids: Iterable[int]) -> str:
    return " ".join([str(year), ",".join(map(str, partnership_ids)), ",".join(map(str, topic_ids))])


@dataclass(frozen=True)
class Facets:
    """An item's year, partnerships and topics, read back from the index's ``facets``."""

    year: int
    partnership_ids: tuple[int, ...]
    topic_ids: tuple[int, ...]

    @staticmethod
    @functools.lru_cache(maxsize=8192)
    def parse(facets: str) -> "Facets":
        """Read ``2024 1,3 6`` (as :attr:`SearchDocument.facets` writes it).

        Kept for the next time: a search reads the same few thousand texts again.
        """
        year, partnerships, topics = ([*facets.split(" "), "", ""])[:3]
        return Facets(
            int(year),
            tuple(int(value) for value in partnerships.split(",") if value),
            tuple(int(value) for value in topics.split(",") if value),
        )


def _count_keys(facets: str) -> list[tuple[int, int, int]]:
    """The counter rows an item counts in: each of its partnerships and 0, by topic and 0."""
    item = Facets.parse(facets)
    return [(p, t, item.year) for p in (0, *item.partnership_ids) for t in (0, *item.topic_ids)]


def _update_counts(connection: sa.Connection, old: Iterable[str], new: Iterable[str]) -> None:
    change: Counter[tuple[int, int, int]] = Counter()
    for facets in new:
        change.update(_count_keys(facets))
    for facets in old:
        change.subtract(_count_keys(facets))
    changed = {key: delta for key, delta in change.items() if delta}
    if not changed:
        return
    key_columns = (
        archive_count.c.partnership_id,
        archive_count.c.topic_id,
        archive_count.c.year,
    )
    known = {
        (row.partnership_id, row.topic_id, row.year)
        for row in connection.execute(
            sa.select(*key_columns).where(sa.tuple_(*key_columns).in_(list(changed)))
        )
    }
    added = [key for key in changed if key not in known]
    if added:
        connection.execute(
            sa.insert(archive_count),
            [
                {"partnership_id": p, "topic_id": t, "year": y, "item_count": changed[(p, t, y)]}
                for p, t, y in added
            ],
        )
    updated = [
        {"p": p, "t": t, "y": y, "delta": changed[(p, t, y)]}
        for p, t, y in changed
        if (p, t, y) in known
    ]
    if updated:
        connection.execute(
            sa.update(archive_count)
            .where(
                archive_count.c.partnership_id == sa.bindparam("p"),
                archive_count.c.topic_id == sa.bindparam("t"),
                archive_count.c.year == sa.bindparam("y"),
            )
            .values(item_count=archive_count.c.item_count + sa.bindparam("delta")),
            updated,
        )
    connection.execute(sa.delete(archive_count).where(archive_count.c.item_count <= 0))


def create_count_table(connection: sa.Connection) -> None:
    """The counters of the filters without free text (both backends)."""
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {COUNT_TABLE} (partnership_id INTEGER NOT NULL, "
        "topic_id INTEGER NOT NULL, year INTEGER NOT NULL, item_count INTEGER NOT NULL, "
        "PRIMARY KEY (partnership_id, topic_id, year))"
    )


# --- Keeping the index current ------------------------------------------------------


def documents_of(connection: sa.Connection, news_ids: Collection[int]) -> list[SearchDocument]:
    """The search documents of the published items among ``news_ids``, read from the database."""
    news = NewsItem.__table__  # pyright: ignore[reportAttributeAccessIssue]  # SQLModel table
    rows: list[Any] = []
    for chunk in id_chunks(news_ids, 2000):
        rows += connection.execute(
            sa.select(
                news.c.id,
                news.c.title,
                news.c.teaser,
                news.c.body,
                news.c.title_en,
                news.c.teaser_en,
                news.c.body_en,
                news.c.image_caption,
                news.c.published_on,
            ).where(news.c.id.in_(chunk), news.c.status == NewsStatus.published)
        ).all()
    links: dict[int, tuple[list[int], list[int]]] = {}
    names = _names_of(connection, [row.id for row in rows], links)
    return [
        SearchDocument(
            news_id=row.id,
            # The English versions count as much as the German ones: a reader of the
            # English page searches in English.
            title=_both(row.title, row.title_en),
            teaser=_both(row.teaser, row.teaser_en),
            body=_both(row.body, row.body_en),
            names=" ".join([*names.get(row.id, []), row.image_caption]),
            published_on=_date_of(row.published_on),
            partnership_ids=tuple(sorted(links.get(row.id, ([], []))[0])),
            topic_ids=tuple(sorted(links.get(row.id, ([], []))[1])),
        )
        for row in rows
    ]


def _both(german: str, english: str) -> str:
    return f"{german}\n{english}" if english.strip() else german


def _date_of(value: object) -> date:
    # SQLAlchemy hands back a date; a raw SQLite value would be its ISO text.
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _names_of(
    connection: sa.Connection,
    news_ids: list[int],
    links: dict[int, tuple[list[int], list[int]]],
) -> dict[int, list[str]]:
    """Names each item is found by: its partnerships' and its topics' (ids into ``links``)."""
    city_link = NewsPartnershipLink.__table__  # pyright: ignore[reportAttributeAccessIssue]
    topic_link = NewsTopicLink.__table__  # pyright: ignore[reportAttributeAccessIssue]
    partnership = Partnership.__table__  # pyright: ignore[reportAttributeAccessIssue]
    topic = Topic.__table__  # pyright: ignore[reportAttributeAccessIssue]
    partnership_names = {
        row.id: [
            row.name,
            row.name_en,
            row.native_name,
            *all_country_names(row.country_code),
            row.region,
            *(row.search_terms or []),
        ]
        for row in connection.execute(
            sa.select(
                partnership.c.id,
                partnership.c.name,
                partnership.c.name_en,
                partnership.c.native_name,
                partnership.c.country_code,
                partnership.c.region,
                partnership.c.search_terms,
            )
        )
    }
    topic_names = {
        row.id: [row.name] for row in connection.execute(sa.select(topic.c.id, topic.c.name))
    }
    names: dict[int, list[str]] = {}
    for chunk in id_chunks(news_ids, 2000):
        for index, (link, source, key) in enumerate(
            (
                (city_link, partnership_names, "partnership_id"),
                (topic_link, topic_names, "topic_id"),
            )
        ):
            for news_id, other_id in connection.execute(
                sa.select(link.c.news_id, link.c[key]).where(link.c.news_id.in_(chunk))
            ):
                names.setdefault(news_id, []).extend(source.get(other_id, []))
                links.setdefault(news_id, ([], []))[index].append(other_id)
    return names


def reindex(connection: sa.Connection, news_ids: Collection[int]) -> None:
    """Bring the index of ``news_ids`` up to date (published items in, the rest out)."""
    if not news_ids:
        return
    backend = backend_for(connection.dialect)
    old = backend.stored(connection, news_ids)
    old_words = Counter(word for stored in old for word in stored.words)
    documents = documents_of(connection, news_ids)
    backend.remove(connection, set(news_ids) - {document.news_id for document in documents})
    backend.store(connection, documents)
    new_words: Counter[str] = Counter()
    spellings: dict[str, str] = {}
    for document in documents:
        found = document.vocabulary
        new_words.update(found.keys())
        for word, spelling in found.items():
            spellings.setdefault(word, spelling)
    _update_vocabulary(connection, old_words, new_words, spellings)
    _update_counts(
        connection,
        [stored.facets for stored in old],
        [document.facets for document in documents],
    )


def rebuild(connection: sa.Connection) -> None:
    """Index every published item anew (after writes past the ORM)."""
    backend = backend_for(connection.dialect)
    backend.unfile_words(
        connection, list(connection.execute(sa.select(word_table.c.word)).scalars())
    )
    connection.execute(sa.delete(word_table))
    connection.execute(sa.delete(archive_count))
    news = NewsItem.__table__  # pyright: ignore[reportAttributeAccessIssue]
    backend.clear(connection)
    ids = list(connection.execute(sa.select(news.c.id)).scalars())
    for start in range(0, len(ids), 5000):
        reindex(connection, ids[start : start + 5000])
    create_version_table(connection, CONTENTS_VERSION)


def contents_version(connection: sa.Connection) -> int:
    """The version of what the index holds; 0 when it never recorded one."""
    if not sa.inspect(connection).has_table(VERSION_TABLE):
        return 0
    return connection.execute(sa.select(sa.func.max(_version_table.c.version))).scalar() or 0


def renew_if_outdated(connection: sa.Connection) -> bool:
    """Rebuild the index once when an older app built it; True when it did.

    Migrations build the index as their revision knew it; what the app indexes grows
    with later ones (English names and texts). Run before the app starts (``python -m
    partner_app.cli search-index``): a current index costs one query.
    """
    if contents_version(connection) >= CONTENTS_VERSION:
        return False
    rebuild(connection)
    return True


def _update_vocabulary(
    connection: sa.Connection,
    old: Counter[str],
    new: Counter[str],
    spellings: dict[str, str],
) -> None:
    change = Counter(new)
    change.subtract(old)
    changed = {word: delta for word, delta in change.items() if delta}
    if not changed:
        return
    backend = backend_for(connection.dialect)
    known: dict[str, int] = {}
    for chunk in word_chunks(changed):
        rows = connection.execute(
            sa.select(word_table.c.word, word_table.c.documents).where(word_table.c.word.in_(chunk))
        )
        known.update({row.word: row.documents for row in rows})
    added = [word for word in changed if word not in known and changed[word] > 0]
    gone = [word for word in changed if word in known and known[word] + changed[word] <= 0]
    if added:
        connection.execute(
            sa.insert(word_table),
            [{"word": w, "spelling": spellings.get(w, w), "documents": changed[w]} for w in added],
        )
        backend.file_words(connection, added)
    backend.unfile_words(connection, gone)
    for chunk in word_chunks(gone):
        connection.execute(sa.delete(word_table).where(word_table.c.word.in_(chunk)))
    updated = [
        {"w": word, "delta": delta}
        for word, delta in changed.items()
        if word in known and word not in gone
    ]
    if updated:
        connection.execute(
            sa.update(word_table)
            .where(word_table.c.word == sa.bindparam("w"))
            .values(documents=word_table.c.documents + sa.bindparam("delta")),
            updated,
        )


def word_chunks(words: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    """``words`` sorted, in lists of at most ``size`` (for IN clauses)."""
    ordered = sorted(words)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


@dataclass(frozen=True)
class Neighbour:
    """An indexed word one typo away from a query word."""

    word: str
    spelling: str
    documents: int


def corrections(connection: sa.Connection, folded_word: str) -> list[Neighbour]:
    """The neighbours of an unknown word (:func:`neighbours`); none of a known one.

    One query: the typo candidates include the word itself when it is indexed.
    """
    rows = backend_for(connection.dialect).typo_candidates(connection, folded_word)
    if any(row.word == folded_word for row in rows):
        return []
    return _closest(folded_word, rows)


def neighbours(connection: sa.Connection, folded_word: str) -> list[Neighbour]:
    """Indexed words one wrong, missing or extra letter away, most frequent first."""
    return _closest(
        folded_word, backend_for(connection.dialect).typo_candidates(connection, folded_word)
    )


def _closest(folded_word: str, rows: Iterable[Any]) -> list[Neighbour]:
    found = [
        Neighbour(row.word, row.spelling, row.documents)
        for row in rows
        if one_typo_apart(folded_word, row.word)
    ]
    return sorted(found, key=lambda neighbour: (-neighbour.documents, neighbour.word))


# --- Schema with the models' metadata, and the flush hook -----------------------------


@event.listens_for(SQLModel.metadata, "after_create")
def _create_with_models(_metadata: sa.MetaData, connection: sa.Connection, **_: Any) -> None:
    # ``create_all`` (unit tests, benchmarks) makes the index too; migrations make their own.
    backend_for(connection.dialect).create_schema(connection)
    create_version_table(connection, CONTENTS_VERSION)


@event.listens_for(SQLModel.metadata, "before_drop")
def _drop_with_models(_metadata: sa.MetaData, connection: sa.Connection, **_: Any) -> None:
    backend_for(connection.dialect).drop_schema(connection)


@event.listens_for(sa.Engine, "connect")
def _tune_postgres_connection(dbapi_connection: Any, _record: object) -> None:
    """Two planner settings on the app's PostgreSQL connections, set once per connection.

    No JIT compilation: PostgreSQL compiles a query whose estimated cost passes
    ``jit_above_cost``; the search's queries did, and compiling took 60 ms of every
    1,100 ms (EXPLAIN ANALYZE at 100,000 items), more than many of them take to run.

    A plan for each query's own values: psycopg prepares a statement run five times, and
    PostgreSQL then plans it once for any values. The search's best plan depends on its
    words (the GIN index for a rare one, a scan for a frequent one): at 100,000 items the
    generic plan made a frequent word's search 347 ms instead of 185, a typo's 480 instead
    of 200. Planning anew costs a fraction of a millisecond.

    Set per transaction it cost a round trip per search; committed, as a rolled-back SET
    would be undone.
    """
    if not type(dbapi_connection).__module__.startswith("psycopg"):
        return
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
        cursor.execute("SET plan_cache_mode = force_custom_plan")
    dbapi_connection.commit()


_PENDING = "search_index_pending"


@event.listens_for(OrmSession, "before_flush")
def _note_changes(session: OrmSession, _context: UOWTransaction, _instances: object) -> None:
    """Note which items the flush changes; deleted ones leave the index before their rows."""
    pending: set[int] = session.info.setdefault(_PENDING, set())
    deleted_news = [obj.id for obj in session.deleted if isinstance(obj, NewsItem) and obj.id]
    changed_names = [
        obj
        for obj in (*session.dirty, *session.deleted)
        if isinstance(obj, Partnership | Topic) and obj.id is not None
    ]
    if not deleted_news and not changed_names and not _touches_news(session):
        return
    connection = session.connection()
    if deleted_news:
        backend = backend_for(connection.dialect)
        old = backend.stored(connection, deleted_news)
        backend.remove(connection, deleted_news)
        words = Counter(word for stored in old for word in stored.words)
        _update_vocabulary(connection, words, Counter(), {})
        _update_counts(connection, [stored.facets for stored in old], [])
    for obj in changed_names:
        link = NewsPartnershipLink if isinstance(obj, Partnership) else NewsTopicLink
        table = link.__table__  # pyright: ignore[reportAttributeAccessIssue]
        key = table.c.partnership_id if isinstance(obj, Partnership) else table.c.topic_id
        pending.update(
            connection.execute(sa.select(table.c.news_id).where(key == obj.id)).scalars()
        )
    pending.difference_update(deleted_news)


def _touches_news(session: OrmSession) -> bool:
    return any(isinstance(obj, NewsItem) for obj in (*session.new, *session.dirty))


_WATCHED = (NewsItem, Partnership, Topic, NewsPartnershipLink, NewsTopicLink)


@event.listens_for(OrmSession, "do_orm_execute")
def _rebuild_after_bulk_writes(state: ORMExecuteState) -> Any:
    """A bulk UPDATE or DELETE through a session names no rows: build the index anew.

    The admin never writes news so (it saves row by row); scripts and tests do, and the
    counters would go on counting removed items otherwise.
    """
    mapper = state.bind_mapper
    if not (state.is_delete or state.is_update) or mapper is None:
        return None
    if not issubclass(mapper.class_, _WATCHED):
        return None
    result = state.invoke_statement()
    rebuild(state.session.connection())
    return result


@event.listens_for(OrmSession, "after_flush")
def _keep_index_current(session: OrmSession, _context: UOWTransaction) -> None:
    """Reindex the items this flush wrote, and those whose partnership or topic changed."""
    pending: set[int] = session.info.pop(_PENDING, set())
    pending.update(
        obj.id for obj in (*session.new, *session.dirty) if isinstance(obj, NewsItem) and obj.id
    )
    pending.difference_update(
        obj.id for obj in session.deleted if isinstance(obj, NewsItem) and obj.id
    )
    if pending:
        reindex(session.connection(), pending)
