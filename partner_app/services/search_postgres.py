"""The archive's full-text index on PostgreSQL: a weighted tsvector, GIN-indexed.

The stems come from the database's own configuration ``partner_search`` (unaccent, then
Snowball German), the words near a typo from pg_trgm; what is shared with SQLite, and
keeping the index current, is in ``search_index``.
"""

from collections.abc import Collection, Sequence
from typing import Any

import sqlalchemy as sa

from partner_app.models import NewsItem
from partner_app.services.search_analysis import QueryWord, folded_words
from partner_app.services.search_index import (
    OTHER_POINTS,
    PARTS,
    RANKED_PARTS,
    SEARCH_TABLE,
    WORD_TABLE,
    AnySelect,
    SearchDocument,
    Stored,
    create_count_table,
    create_word_table,
    drop_vocabulary_tables,
    id_chunks,
    stored_rows,
    word_table,
)

# The PostgreSQL text search configuration and its Snowball dictionary (no stop words:
# the query drops those itself, identically on both databases).
PG_CONFIG = "partner_search"
PG_DICTIONARY = "partner_german_stem"


class PostgresSearch:
    """PostgreSQL: a weighted tsvector from the database's own German stemmer, GIN-indexed."""

    _table = sa.table(
        SEARCH_TABLE,
        sa.column("news_id", sa.Integer()),
        sa.column("document", sa.Text()),
        sa.column("words", sa.Text()),
        sa.column("facets", sa.Text()),
    )

    def create_schema(self, connection: sa.Connection) -> None:
        """Extensions, the text search configuration, the table and its GIN index."""
        create_postgres_configuration(connection)
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} ("
            "news_id INTEGER PRIMARY KEY REFERENCES news_item (id) ON DELETE CASCADE, "
            "document TSVECTOR NOT NULL, words TEXT NOT NULL DEFAULT '', "
            "facets TEXT NOT NULL DEFAULT '')"
        )
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS ix_{SEARCH_TABLE}_document "
            f"ON {SEARCH_TABLE} USING GIN (document)"
        )
        create_word_table(connection)
        create_count_table(connection)
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS ix_{WORD_TABLE}_trigrams "
            f"ON {WORD_TABLE} USING GIN (word gin_trgm_ops)"
        )

    def drop_schema(self, connection: sa.Connection) -> None:
        """Drop the table, the vocabulary and the configuration (the extensions stay)."""
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
        drop_vocabulary_tables(connection)
        connection.exec_driver_sql(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG}")
        connection.exec_driver_sql(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {PG_DICTIONARY}")

    def store(self, connection: sa.Connection, documents: Sequence[SearchDocument]) -> None:
        """Upsert each item's weighted tsvector (the database stems)."""
        if not documents:
            return
        vector = " || ".join(
            f"setweight(to_tsvector('{PG_CONFIG}', :{part}), '{weight}')"
            for part, weight in zip(PARTS, "ABCD", strict=True)
        )
        connection.execute(
            sa.text(
                f"INSERT INTO {SEARCH_TABLE} (news_id, document, words, facets) "  # noqa: S608
                f"VALUES (:news_id, {vector}, :words, :facets) ON CONFLICT (news_id) DO UPDATE "
                "SET document = excluded.document, words = excluded.words, "
                "facets = excluded.facets"
            ),
            [
                {
                    "news_id": document.news_id,
                    **{
                        part: " ".join(folded_words(text))
                        for part, text in zip(PARTS, document.parts, strict=True)
                    },
                    "words": " ".join(document.vocabulary),
                    "facets": document.facets,
                }
                for document in documents
            ],
        )

    def remove(self, connection: sa.Connection, news_ids: Collection[int]) -> None:
        """Delete the rows of ``news_ids``."""
        for chunk in id_chunks(news_ids):
            connection.execute(sa.delete(self._table).where(self._table.c.news_id.in_(chunk)))

    def stored(self, connection: sa.Connection, news_ids: Collection[int]) -> list[Stored]:
        """The ``words`` and ``facets`` columns of the rows of ``news_ids``."""
        return stored_rows(connection, self._table, self._table.c.news_id, news_ids)

    def clear(self, connection: sa.Connection) -> None:
        """Delete every row."""
        connection.execute(sa.delete(self._table))

    def matching_ids(self, words: Sequence[QueryWord], part: str = "") -> sa.Select[Any]:
        """News ids of ``document @@ '(word:* | word2:*) & ...'`` (a GIN index scan).

        A ``part`` restricts the match to its weight (``word:*A`` for the title).
        """
        weight = "ABCD"[PARTS.index(part)] if part else ""
        match = self._table.c.document.op("@@")(self._query(words, weight))
        return sa.select(self._table.c.news_id).where(match)

    def ranked(
        self, statement: AnySelect, words: Sequence[QueryWord]
    ) -> tuple[AnySelect, sa.ColumnElement[int]]:
        """Joined to the GIN-matched tsvectors; points from ``word:*A`` and ``word:*B``.

        The weighted tests run on the matching rows' own tsvectors (a GIN index keeps no
        weights: as separate sets each would be a scan of the whole index table).
        """
        news_id = NewsItem.__table__.c.id  # pyright: ignore[reportAttributeAccessIssue]
        document = self._table.c.document
        total: sa.ColumnElement[int] = sa.literal(0)
        for word in words:
            cases = [
                (document.op("@@")(self._query([word], "ABCD"[PARTS.index(part)])), points)
                for part, points in RANKED_PARTS
            ]
            total = total + sa.case(
                *((condition, sa.literal(points)) for condition, points in cases),
                else_=sa.literal(OTHER_POINTS),
            )
        joined = statement.join(self._table, self._table.c.news_id == news_id).where(
            document.op("@@")(self._query(words, ""))
        )
        return joined, total

    def typo_candidates(self, connection: sa.Connection, folded_word: str) -> list[Any]:
        """Words similar by pg_trgm's trigrams (``%``, GIN index), the most similar first."""
        return list(
            connection.execute(
                sa.select(word_table.c.word, word_table.c.spelling, word_table.c.documents)
                .where(
                    word_table.c.word.op("%")(folded_word),
                    sa.func.length(word_table.c.word).between(
                        len(folded_word) - 1, len(folded_word) + 1
                    ),
                )
                .order_by(sa.func.similarity(word_table.c.word, folded_word).desc())
                .limit(50)
            )
        )

    def file_words(self, connection: sa.Connection, words: Sequence[str]) -> None:
        """Nothing to do: the trigram index follows the word table."""

    def unfile_words(self, connection: sa.Connection, words: Sequence[str]) -> None:
        """Nothing to do: the trigram index follows the word table."""

    @staticmethod
    def _query(words: Sequence[QueryWord], weight: str) -> sa.ColumnElement[Any]:
        # Query words are letters and digits only (search_analysis.words): no tsquery syntax.
        expression = " & ".join(
            "(" + " | ".join(f"{word}:*{weight}" for word in query_word.alternatives) + ")"
            for query_word in words
        )
        return sa.func.to_tsquery(sa.literal_column(f"'{PG_CONFIG}'"), expression)


def create_postgres_configuration(connection: sa.Connection) -> None:
    """unaccent and pg_trgm, and ``partner_search``: unaccent, then German Snowball stems.

    unaccent folds in the configuration (the app sends folded words, so a query typed into
    psql folds alike); pg_trgm finds the words near a typo.

    Both extensions are trusted on PostgreSQL 13 and later: a database owner may create
    them. The dictionary has no stop words (the query drops them on both databases).
    """
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    exists = connection.execute(
        sa.text("SELECT 1 FROM pg_ts_config WHERE cfgname = :name"), {"name": PG_CONFIG}
    ).first()
    if exists:
        return
    connection.exec_driver_sql(
        f"CREATE TEXT SEARCH DICTIONARY {PG_DICTIONARY} (TEMPLATE = snowball, LANGUAGE = german)"
    )
    connection.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = simple)")
    connection.exec_driver_sql(
        f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} ALTER MAPPING FOR "
        "asciiword, word, numword, asciihword, hword, hword_part, hword_asciipart, "
        f"hword_numpart, numhword WITH unaccent, {PG_DICTIONARY}"
    )
