"""form drafts: what an editor typed and has not saved yet

Revision ID: c4d1f0a7e3b2
Revises: c3f1a8d27e60
Create Date: 2026-12-02 20:20:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c4d1f0a7e3b2"
down_revision: str | Sequence[str] | None = "c3f1a8d27e60"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "form_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("editor", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("form", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("editor", "form", name="uq_form_draft_editor_form"),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("form_draft")
