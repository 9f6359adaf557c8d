"""search index on SQLite: rows filed by date, facet tokens, stem list

Revision ID: c3f7a2e9d1b4
Revises: a7d4e1f9c3b2
Create Date: 2026-12-07 17:30:00

SQLite only (PostgreSQL's index keeps its layout). The FTS5 table's rowid becomes each
item's sort key (date, then id), so FTS5 returns matches newest first and a page of the
archive stops after its rows; partnerships and topics become tokens of an indexed column;
``news_search_entry`` finds an item's rowid by its id, ``search_stem`` lists the stems a
prefix stands for.

The tables are made empty here and the contents version set to 0: ``python -m
partner_app.cli search-index`` (``make database``, and before the service starts) fills
them as the app indexes, from the models as they are then. The layout is frozen here like
any migration's.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "c3f7a2e9d1b4"
down_revision: str | Sequence[str] | None = "a7d4e1f9c3b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EMPTIED = ("news_search_count", "search_word_key", "search_word")


def upgrade() -> None:
    """Upgrade schema."""
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql("DROP TABLE IF EXISTS news_search")
    connection.exec_driver_sql(
        "CREATE VIRTUAL TABLE news_search USING fts5(title, teaser, body, names, facets, "
        # Every character Python's words hold stays inside a token (see search_index).
        "tokenize = 'unicode61 remove_diacritics 0 categories ''L* M* N* S* Co Cn''', "
        "prefix = '2 3', detail = column)"
    )
    connection.exec_driver_sql(
        "CREATE TABLE news_search_entry (news_id INTEGER PRIMARY KEY, "
        "sort_key INTEGER NOT NULL, words TEXT NOT NULL, facets TEXT NOT NULL)"
    )
    connection.exec_driver_sql("CREATE TABLE search_stem (stem TEXT PRIMARY KEY) WITHOUT ROWID")
    _empty_the_rest(connection)


def downgrade() -> None:
    """Downgrade schema: the layout of e6b1c2d3f4a5, empty, version 0.

    The app of a7d4e1f9c3b2 renews it when it starts (its contents version is 2); an app
    older than that never renews, and its search stays empty until an editor saves.
    """
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    for table in ("news_search", "news_search_entry", "search_stem"):
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    connection.exec_driver_sql(
        "CREATE VIRTUAL TABLE news_search USING fts5(title, teaser, body, names, "
        "words UNINDEXED, facets UNINDEXED, tokenize = 'unicode61 remove_diacritics 0', "
        "prefix = '2 3', detail = column)"
    )
    _empty_the_rest(connection)


def _empty_the_rest(connection: sa.Connection) -> None:
    """The vocabulary and counters go with the rows they count; version 0: renew."""
    for table in _EMPTIED:
        connection.exec_driver_sql(f"DELETE FROM {table}")  # noqa: S608
    connection.exec_driver_sql("DELETE FROM news_search_version")
    connection.exec_driver_sql("INSERT INTO news_search_version (version) VALUES (0)")
