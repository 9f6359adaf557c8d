"""The archive's full-text index on PostgreSQL: tsvectors of stems, GIN-indexed.

The stems come from the database's own configuration ``partner_search`` (unaccent, then
Snowball German), the words near a typo from pg_trgm; what is shared with SQLite, and
keeping the index current, is in ``search_index``.
"""

from collections.abc import Collection, Sequence
from typing import Any

import sqlalchemy as sa

from partner_app.models import NewsItem
from partner_app.services.archive_answer import FastArchive
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
# The column of each ranked part's own stems (``title_words``, ``teaser_words``).
PART_COLUMNS = {part: f"{part}_words" for part, _points in RANKED_PARTS}


# The GIN index of the words, and those of the filters beside it (a year is a range of
# sort keys; the partnership and topic lists are GIN-indexed for ``@>``).
INDEXES = (
    f"ix_{SEARCH_TABLE}_document ON {SEARCH_TABLE} USING GIN (document)",
    f"ix_{SEARCH_TABLE}_sort_key ON {SEARCH_TABLE} (sort_key)",
    f"ix_{SEARCH_TABLE}_partnership_ids ON {SEARCH_TABLE} USING GIN (partnership_ids)",
    f"ix_{SEARCH_TABLE}_topic_ids ON {SEARCH_TABLE} USING GIN (topic_ids)",
)


class PostgresSearch:
    """PostgreSQL: tsvectors from the database's own German stemmer, GIN-indexed.

    The vectors are stripped (stems without positions or weights): a search asks only
    whether a stem occurs, and a vector a third the size is tested in a third the time.
    ``document`` holds every part's stems; each ranked part has a column of its own,
    for the points.
    """

    _table = sa.table(
        SEARCH_TABLE,
        sa.column("news_id", sa.Integer()),
        sa.column("document", sa.Text()),
        sa.column("words", sa.Text()),
        sa.column("facets", sa.Text()),
        *(sa.column(column, sa.Text()) for column in PART_COLUMNS.values()),
    )
    # Beside the stems, what a search needs of each match without reading news_item
    # (postgres_archive): the ranked parts' stems, the sort key, year and links.
    _beside = "".join(
        f"{column} TSVECTOR NOT NULL DEFAULT '', " for column in PART_COLUMNS.values()
    ) + (
        "sort_key BIGINT NOT NULL DEFAULT 0, year INTEGER NOT NULL DEFAULT 0, "
        "partnership_ids INTEGER[] NOT NULL DEFAULT '{}', "
        "topic_ids INTEGER[] NOT NULL DEFAULT '{}'"
    )

    def create_schema(self, connection: sa.Connection) -> None:
        """Extensions, the text search configuration, the table and its indexes."""
        create_postgres_configuration(connection)
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} ("
            "news_id INTEGER PRIMARY KEY REFERENCES news_item (id) ON DELETE CASCADE, "
            "document TSVECTOR NOT NULL, words TEXT NOT NULL DEFAULT '', "
            f"facets TEXT NOT NULL DEFAULT '', {self._beside})"
        )
        for index in INDEXES:
            connection.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {index}")
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
        """Upsert each item's stems (the database stems them) and what goes with them."""
        if not documents:
            return
        every_part = " || ' ' || ".join(f":{part}" for part in PARTS)
        vectors = [f"strip(to_tsvector('{PG_CONFIG}', {every_part}))"]
        vectors += [f"strip(to_tsvector('{PG_CONFIG}', :{part}))" for part in PART_COLUMNS]
        columns = ", ".join(
            [
                "document",
                *PART_COLUMNS.values(),
                *("words", "facets", "sort_key", "year", "partnership_ids", "topic_ids"),
            ]
        )
        connection.execute(
            sa.text(
                f"INSERT INTO {SEARCH_TABLE} (news_id, {columns}) "  # noqa: S608
                f"VALUES (:news_id, {', '.join(vectors)}, :words, :facets, :sort_key, :year, "
                "CAST(:partnership_ids AS INTEGER[]), CAST(:topic_ids AS INTEGER[])) "
                f"ON CONFLICT (news_id) DO UPDATE SET ({columns}) = ("
                + ", ".join(f"excluded.{column}" for column in columns.split(", "))
                + ")"
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
                    "sort_key": document.sort_key,
                    "year": document.published_on.year,
                    "partnership_ids": list(document.partnership_ids),
                    "topic_ids": list(document.topic_ids),
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

        A ``part`` (a ranked one) asks its own column instead.
        """
        vector = self._table.c[PART_COLUMNS[part]] if part else self._table.c.document
        return sa.select(self._table.c.news_id).where(vector.op("@@")(self._query(words)))

    def ranked(
        self, statement: AnySelect, words: Sequence[QueryWord]
    ) -> tuple[AnySelect, sa.ColumnElement[int]]:
        """Joined to the GIN-matched rows; points from their ranked parts' own stems."""
        news_id = NewsItem.__table__.c.id  # pyright: ignore[reportAttributeAccessIssue]
        total: sa.ColumnElement[int] = sa.literal(0)
        for word in words:
            total = total + sa.case(
                *(
                    (self._table.c[PART_COLUMNS[part]].op("@@")(self._query([word])), points)
                    for part, points in RANKED_PARTS
                ),
                else_=sa.literal(OTHER_POINTS),
            )
        joined = statement.join(self._table, self._table.c.news_id == news_id).where(
            self._table.c.document.op("@@")(self._query(words))
        )
        return joined, total

    def fast_archive(
        self, connection: sa.Connection, words: Sequence[QueryWord]
    ) -> FastArchive | None:
        """One statement for page, count and facet counts (``postgres_archive``)."""
        # Imported here: postgres_archive builds on this module's columns and queries.
        from partner_app.services.postgres_archive import PostgresArchiveSearch

        return PostgresArchiveSearch(connection, words)

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
    def _query(words: Sequence[QueryWord]) -> sa.ColumnElement[Any]:
        return sa.func.to_tsquery(sa.literal_column(f"'{PG_CONFIG}'"), tsquery_text(words))


def tsquery_text(words: Sequence[QueryWord]) -> str:
    """``(word:* | word2:*) & ...``: every query word, by any of its alternatives.

    Query words are letters and digits only (search_analysis.words): no tsquery syntax.
    """
    return " & ".join(
        "(" + " | ".join(f"{word}:*" for word in query_word.alternatives) + ")"
        for query_word in words
    )


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
