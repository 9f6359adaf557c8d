"""english partnership descriptions

Revision ID: 430748584fc5
Revises: 67c6aed18266
Create Date: 2026-11-26 01:19:52.399335

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "430748584fc5"
down_revision: str | Sequence[str] | None = "67c6aed18266"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        # Existing rows get an empty English description (the page then shows the German one).
        batch_op.add_column(
            sa.Column("description_en", sa.Text(), server_default="", nullable=False)
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_column("description_en")
