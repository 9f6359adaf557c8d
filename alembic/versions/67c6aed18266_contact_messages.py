"""contact messages

Revision ID: 67c6aed18266
Revises: 61da47d39ed9
Create Date: 2026-11-26 01:00:20.803811

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "67c6aed18266"
down_revision: str | Sequence[str] | None = "61da47d39ed9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE_TOPIC = sa.Enum("general", "accessibility", name="messagetopic")


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "contact_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("topic", MESSAGE_TOPIC, nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("page", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("sender_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact_message", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_message_done_received", ["done", "received_at"], unique=False
        )
        batch_op.create_index(
            "ix_contact_message_sender_received", ["sender_key", "received_at"], unique=False
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("contact_message", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_message_sender_received")
        batch_op.drop_index("ix_contact_message_done_received")
    op.drop_table("contact_message")
    # PostgreSQL keeps enum types after their table; SQLite has none (checkfirst).
    MESSAGE_TOPIC.drop(op.get_bind(), checkfirst=True)
