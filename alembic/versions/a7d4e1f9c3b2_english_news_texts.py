"""news_item: English title, teaser and body

Revision ID: a7d4e1f9c3b2
Revises: f2c8d1a6b9e4
Create Date: 2026-12-07 14:30:00

Empty for every existing item: the English page shows the German text, marked, until an
editor writes a translation.

The search index starts recording the version of its contents (``news_search_version``):
the one found here is version 1, as e6b1c2d3f4a5 built it, without the countries' English
names. ``python -m partner_app.cli search-index`` (``make database``, and before the service
starts) renews it once to what the app indexes now.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "a7d4e1f9c3b2"
down_revision: str | Sequence[str] | None = "f2c8d1a6b9e4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("news_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "title_en",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "teaser_en",
                sqlmodel.sql.sqltypes.AutoString(length=600),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("body_en", sa.Text(), nullable=False, server_default=""))
    op.execute("CREATE TABLE news_search_version (version INTEGER)")
    op.execute("INSERT INTO news_search_version (version) VALUES (1)")


def downgrade() -> None:
    """Downgrade schema: every English news text is dropped."""
    op.execute("DROP TABLE IF EXISTS news_search_version")
    with op.batch_alter_table("news_item", schema=None) as batch_op:
        batch_op.drop_column("body_en")
        batch_op.drop_column("teaser_en")
        batch_op.drop_column("title_en")
