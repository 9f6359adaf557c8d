"""search index on PostgreSQL: each row keeps what a search answers from

Revision ID: d8b3f6a1c2e5
Revises: c3f7a2e9d1b4
Create Date: 2026-12-07 19:40:00

PostgreSQL only (SQLite's index keeps its layout). Beside the tsvector, ``news_search``
keeps each item's sort key, year, partnerships and topics (indexed, for the filters) and
its title's and teaser's own stems, so a search's page, count and facet counts are one
statement over the matches that never reads ``news_item`` (``postgres_archive``). The
stems lose their positions and weights (``strip``): the search only asks whether a stem
occurs, and the smaller vectors are tested faster.

The index is made empty here and the contents version set to 0: ``python -m
partner_app.cli search-index`` (``make database``, and before the service starts) fills
it as the app indexes, from the models as they are then. The layout is frozen here like
any migration's.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "d8b3f6a1c2e5"
down_revision: str | Sequence[str] | None = "c3f7a2e9d1b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ADDED = (
    ("title_words", "TSVECTOR NOT NULL DEFAULT ''"),
    ("teaser_words", "TSVECTOR NOT NULL DEFAULT ''"),
    ("sort_key", "BIGINT NOT NULL DEFAULT 0"),
    ("year", "INTEGER NOT NULL DEFAULT 0"),
    ("partnership_ids", "INTEGER[] NOT NULL DEFAULT '{}'"),
    ("topic_ids", "INTEGER[] NOT NULL DEFAULT '{}'"),
)
_INDEXES = (
    "ix_news_search_sort_key ON news_search (sort_key)",
    "ix_news_search_partnership_ids ON news_search USING GIN (partnership_ids)",
    "ix_news_search_topic_ids ON news_search USING GIN (topic_ids)",
)
_EMPTIED = ("news_search", "news_search_count", "search_word")


def upgrade() -> None:
    """Upgrade schema."""
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    _empty(connection)
    for column, definition in _ADDED:
        connection.exec_driver_sql(f"ALTER TABLE news_search ADD COLUMN {column} {definition}")
    for index in _INDEXES:
        connection.exec_driver_sql(f"CREATE INDEX {index}")


def downgrade() -> None:
    """Downgrade schema: the layout of c3f7a2e9d1b4, empty, version 0 (its app renews it)."""
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    _empty(connection)
    for column, _definition in _ADDED:
        # Each column's index goes with it.
        connection.exec_driver_sql(f"ALTER TABLE news_search DROP COLUMN {column}")


def _empty(connection: sa.Connection) -> None:
    """The rows, the vocabulary and the counters go together; version 0: renew."""
    for table in _EMPTIED:
        connection.exec_driver_sql(f"DELETE FROM {table}")  # noqa: S608
    connection.exec_driver_sql("DELETE FROM news_search_version")
    connection.exec_driver_sql("INSERT INTO news_search_version (version) VALUES (0)")
