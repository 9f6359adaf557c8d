"""search index on SQLite: title and teaser words as terms of their own, facets by rowid

Revision ID: b9c4e7f2a6d3
Revises: d8b3f6a1c2e5
Create Date: 2026-12-07 23:00:00

SQLite only (PostgreSQL's index keeps its layout). The FTS5 table gains a column
``marks``: the stems of each item's title and teaser again, marked with their part
("1museum": in the title), so FTS5 finds a word in the titles from a list of its own
instead of testing every item that has the word anywhere. ``news_search_entry`` gains a
covering index by sort key, so the facets of a search's matches are read by their rowids.

The FTS5 table is made anew and empty here, the vocabulary and counters emptied and the
contents version set to 0: ``python -m partner_app.cli search-index`` (``make database``,
and before the service starts) fills them as the app indexes, from the models as they are
then. The layout is frozen here like any migration's.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "b9c4e7f2a6d3"
down_revision: str | Sequence[str] | None = "d8b3f6a1c2e5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EMPTIED = (
    "news_search_entry",
    "search_stem",
    "news_search_count",
    "search_word_key",
    "search_word",
)
# Every character Python's words hold stays inside a token (see search_index).
_FTS5_OPTIONS = (
    "tokenize = 'unicode61 remove_diacritics 0 categories ''L* M* N* S* Co Cn''', "
    "prefix = '2 3', detail = column"
)


def upgrade() -> None:
    """Upgrade schema."""
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    _make_fts5_table(connection, "title, teaser, body, names, facets, marks")
    connection.exec_driver_sql(
        "CREATE INDEX news_search_entry_by_key ON news_search_entry (sort_key, facets)"
    )


def downgrade() -> None:
    """Downgrade schema: the layout of c3f7a2e9d1b4, empty, version 0 (renewed by its app)."""
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql("DROP INDEX IF EXISTS news_search_entry_by_key")
    _make_fts5_table(connection, "title, teaser, body, names, facets")


def _make_fts5_table(connection: sa.Connection, columns: str) -> None:
    """The FTS5 table anew with ``columns``; the rest of the index empty, version 0."""
    connection.exec_driver_sql("DROP TABLE IF EXISTS news_search")
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE news_search USING fts5({columns}, {_FTS5_OPTIONS})"
    )
    for table in _EMPTIED:
        connection.exec_driver_sql(f"DELETE FROM {table}")  # noqa: S608
    connection.exec_driver_sql("DELETE FROM news_search_version")
    connection.exec_driver_sql("INSERT INTO news_search_version (version) VALUES (0)")
