"""messages: when an editor first saw one, and who answered it when

Revision ID: d5e2a9c4b1f7
Revises: c4d1f0a7e3b2
Create Date: 2026-12-03 09:00:00

A message without ``read_at`` is new: the admin navigation counts these. Messages
already marked done were seen when they were marked, so they get their ``done_at``;
open ones stay new until an editor opens the inbox once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "d5e2a9c4b1f7"
down_revision: str | Sequence[str] | None = "c4d1f0a7e3b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_message = sa.table(
    "contact_message",
    sa.column("done", sa.Boolean()),
    sa.column("done_at", sa.DateTime(timezone=True)),
    sa.column("read_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("contact_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("read_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column(
                "answered_by",
                sqlmodel.sql.sqltypes.AutoString(length=60),
                nullable=False,
                server_default="",
            )
        )
    op.execute(
        _message.update().where(_message.c.done.is_(True)).values(read_at=_message.c.done_at)
    )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("contact_message", schema=None) as batch_op:
        batch_op.drop_column("answered_by")
        batch_op.drop_column("answered_at")
        batch_op.drop_column("read_at")
