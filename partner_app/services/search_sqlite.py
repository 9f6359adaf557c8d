"""The archive's full-text index on SQLite: FTS5 over stems computed in Python.

How the rows are filed (by sort key, with facet tokens) and how a prefix becomes whole
stems is told in :class:`SqliteSearch`; what is shared with PostgreSQL, and keeping the
index current, in ``search_index``; the archive's questions to FTS5 in ``fts5_archive``.
"""

from collections.abc import Collection, Sequence
from typing import Any

import sqlalchemy as sa

from partner_app.models import NewsItem
from partner_app.services.archive_answer import FastArchive
from partner_app.services.fts5_archive import Fts5Archive, ranks_by_spread
from partner_app.services.search_analysis import QueryWord, stem, stems, typo_keys
from partner_app.services.search_index import (
    ENTRY_KEY_INDEX,
    ENTRY_TABLE,
    OTHER_POINTS,
    PARTS,
    RANKED_PARTS,
    SEARCH_TABLE,
    STEM_TABLE,
    TOKENIZER,
    WORD_KEY_TABLE,
    AnySelect,
    SearchDocument,
    Stored,
    create_count_table,
    create_word_table,
    drop_vocabulary_tables,
    facet_tokens,
    id_chunks,
    news_id_of,
    part_marks,
    stored_rows,
    word_chunks,
    word_key_table,
    word_table,
)


class SqliteSearch:
    """SQLite: FTS5 over stems computed in Python (Snowball via PyStemmer).

    The FTS5 rowid is the item's sort key (:func:`sort_key`: publication date, then id),
    so FTS5 hands matches over newest first and a page stops after its rows
    (``fts5_archive``). ``news_search_entry`` finds an item's rowid by its id and keeps
    what a reindex compares, and by its rowid its facets (a covering index: the facet
    counts of a few thousand matches in one pass); ``search_stem`` lists the indexed
    stems, so a prefix is looked up as the few whole stems it stands for (FTS5 would
    merge every posting of a prefix first). The ``facets`` column holds a token per
    partnership and topic (``c12``, ``t3``): the city and topic filters are terms of the
    same query; ``marks`` the title's and teaser's stems marked with their part
    (``part_marks``), so a word in a title is a term of its own.
    """

    _fts = sa.table(
        SEARCH_TABLE,
        sa.column("rowid", sa.Integer()),
        *(sa.column(part, sa.Text()) for part in PARTS),
        sa.column("facets", sa.Text()),
        sa.column("marks", sa.Text()),
    )
    _entry = sa.table(
        ENTRY_TABLE,
        sa.column("news_id", sa.Integer()),
        sa.column("sort_key", sa.Integer()),
        sa.column("words", sa.Text()),
        sa.column("facets", sa.Text()),
    )
    _stem = sa.table(STEM_TABLE, sa.column("stem", sa.Text()))

    def create_schema(self, connection: sa.Connection) -> None:
        """FTS5 with a prefix index for short prefixes (results while typing)."""
        columns = ", ".join(PARTS)
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5("
            f"{columns}, facets, marks, "
            f"tokenize = '{TOKENIZER}', "
            "prefix = '2 3', detail = column)"
        )
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {ENTRY_TABLE} (news_id INTEGER PRIMARY KEY, "
            "sort_key INTEGER NOT NULL, words TEXT NOT NULL, facets TEXT NOT NULL)"
        )
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {ENTRY_KEY_INDEX} ON {ENTRY_TABLE} (sort_key, facets)"
        )
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {STEM_TABLE} (stem TEXT PRIMARY KEY) WITHOUT ROWID"
        )
        create_word_table(connection)
        create_count_table(connection)
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {WORD_KEY_TABLE} (key TEXT NOT NULL, word TEXT NOT NULL, "
            "PRIMARY KEY (key, word))"
        )

    def drop_schema(self, connection: sa.Connection) -> None:
        """Drop the FTS table, its companions and the vocabulary."""
        for table in (SEARCH_TABLE, ENTRY_TABLE, STEM_TABLE):
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        drop_vocabulary_tables(connection)

    def store(self, connection: sa.Connection, documents: Sequence[SearchDocument]) -> None:
        """Replace the rows of ``documents`` by their stems, filed under their sort keys."""
        if not documents:
            return
        self.remove(connection, [document.news_id for document in documents])
        rows: list[dict[str, object]] = []
        indexed: set[str] = set()
        for document in documents:
            by_part = {part: stems(text) for part, text in zip(PARTS, document.parts, strict=True)}
            indexed.update(*by_part.values())
            rows.append(
                {
                    "rowid": document.sort_key,
                    **{part: " ".join(part_stems) for part, part_stems in by_part.items()},
                    "facets": facet_tokens(document.partnership_ids, document.topic_ids),
                    "marks": part_marks(by_part["title"], by_part["teaser"]),
                }
            )
        connection.execute(sa.insert(self._fts), rows)
        connection.execute(
            sa.insert(self._entry),
            [
                {
                    "news_id": document.news_id,
                    "sort_key": document.sort_key,
                    "words": " ".join(document.vocabulary),
                    "facets": document.facets,
                }
                for document in documents
            ],
        )
        found = sorted(indexed)
        for start in range(0, len(found), 500):
            connection.execute(
                sa.insert(self._stem).prefix_with("OR IGNORE"),
                [{"stem": word} for word in found[start : start + 500]],
            )

    def remove(self, connection: sa.Connection, news_ids: Collection[int]) -> None:
        """Delete the rows of ``news_ids`` (their stems stay listed: see ``clear``)."""
        for chunk in id_chunks(news_ids):
            keys = list(
                connection.execute(
                    sa.select(self._entry.c.sort_key).where(self._entry.c.news_id.in_(chunk))
                ).scalars()
            )
            if keys:
                connection.execute(sa.delete(self._fts).where(self._fts.c.rowid.in_(keys)))
            connection.execute(sa.delete(self._entry).where(self._entry.c.news_id.in_(chunk)))

    def clear(self, connection: sa.Connection) -> None:
        """Empty the index.

        The stem list is emptied here only: a stem whose items are gone costs a lookup
        of an empty posting list until then, never a wrong match.
        """
        for table in (self._fts, self._entry, self._stem):
            connection.execute(sa.delete(table))

    def stored(self, connection: sa.Connection, news_ids: Collection[int]) -> list[Stored]:
        """The ``words`` and ``facets`` of the entries of ``news_ids``."""
        return stored_rows(connection, self._entry, self._entry.c.news_id, news_ids)

    def matching_ids(self, words: Sequence[QueryWord], part: str = "") -> sa.Select[Any]:
        """News ids of ``news_search MATCH '{title ...} : (("stem"* OR ...) AND ...)'``.

        Always within the text parts (never the facet tokens), or ``part`` alone.
        """
        expression = " AND ".join(
            "(" + " OR ".join(f'"{stem(word)}"*' for word in query_word.alternatives) + ")"
            for query_word in words
        )
        columns = part or " ".join(PARTS)
        match = sa.literal_column(SEARCH_TABLE).op("MATCH")(
            sa.literal(f"{{{columns}}} : ({expression})")
        )
        return sa.select(news_id_of(self._fts.c.rowid)).where(match)

    def ranked(
        self, statement: AnySelect, words: Sequence[QueryWord]
    ) -> tuple[AnySelect, sa.ColumnElement[int]]:
        """Matches as a set of rowids; points by probing each part's set of rowids.

        Only the news items' status/date index and FTS5 are read, never a wide row of
        the items or of FTS5's own content (reading those cost four times as much).
        """
        news_id = NewsItem.__table__.c.id  # pyright: ignore[reportAttributeAccessIssue]
        total: sa.ColumnElement[int] = sa.literal(0)
        for word in words:
            cases = [
                (news_id.in_(self.matching_ids([word], part)), sa.literal(points))
                for part, points in RANKED_PARTS
            ]
            total = total + sa.case(*cases, else_=sa.literal(OTHER_POINTS))
        return statement.where(news_id.in_(self.matching_ids(words))), total

    def fast_archive(
        self, connection: sa.Connection, words: Sequence[QueryWord]
    ) -> FastArchive | None:
        """FTS5 for up to three words (``fts5_archive``); more: the general statement."""
        return Fts5Archive(connection, words) if ranks_by_spread(words) else None

    def typo_candidates(self, connection: sa.Connection, folded_word: str) -> list[Any]:
        """Words filed under one of the query word's typo keys."""
        return list(
            connection.execute(
                sa.select(word_table.c.word, word_table.c.spelling, word_table.c.documents)
                .join(word_key_table, word_key_table.c.word == word_table.c.word)
                .where(word_key_table.c.key.in_(sorted(typo_keys(folded_word))))
                .distinct()
            )
        )

    def file_words(self, connection: sa.Connection, words: Sequence[str]) -> None:
        """File each word under its typo keys."""
        if words:
            connection.execute(
                sa.insert(word_key_table),
                [{"key": key, "word": word} for word in words for key in typo_keys(word)],
            )

    def unfile_words(self, connection: sa.Connection, words: Sequence[str]) -> None:
        """Remove the words' typo keys."""
        for chunk in word_chunks(words):
            connection.execute(sa.delete(word_key_table).where(word_key_table.c.word.in_(chunk)))
