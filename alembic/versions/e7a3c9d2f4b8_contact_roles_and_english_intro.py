"""contacts: a role visitors see; the page intro: an English version

Revision ID: e7a3c9d2f4b8
Revises: d5e2a9c4b1f7
Create Date: 2026-12-07 14:00:00

Every contact stored so far works in the partnership office. The English intro is filled
in only where the German intro is still the default one it translates; an intro the
editors rewrote keeps an empty English version (the English page then shows the German
text, marked as such) until they write one.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "e7a3c9d2f4b8"
down_revision: str | Sequence[str] | None = "d5e2a9c4b1f7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROLE = sa.Enum("partnership_office", "press", name="contactrole")

_intro = sa.table(
    "page_intro",
    sa.column("title", sa.String()),
    sa.column("heading", sa.String()),
    sa.column("body", sa.Text()),
    sa.column("title_en", sa.String()),
    sa.column("heading_en", sa.String()),
    sa.column("body_en", sa.Text()),
)

DEFAULT_TITLE = "Städtepartnerschaften"
DEFAULT_HEADING = "Die Partnerstädte von Krefeld"
DEFAULT_BODY_START = "Die Idee der Städtepartnerschaften entstand in den Jahren nach dem"
TITLE_EN = "Partner cities"
HEADING_EN = "Krefeld's partner cities"
BODY_EN = "\n\n".join(
    (
        (
            "The idea of town twinning arose in the years after the Second World War: people from "
            "towns that had only just been enemies in war were to get to know one another and so "
            "keep the peace. More than 75 years later, the idea has lost none of its meaning."
        ),
        (
            "Today the partnerships link Krefeld with towns in Europe, North America and Asia. In "
            "a connected world, reliable ties between local authorities remain of lasting value."
        ),
        (
            "The administrations and councils of the partner towns share their work and learn "
            "from one another. This furthers mutual understanding and tolerance."
        ),
        (
            "Above all, though, the partnerships come alive when people meet: in schools and "
            "youth groups, in art and culture, in business and in sport."
        ),
    )
)


def upgrade() -> None:
    """Upgrade schema."""
    _ROLE.create(op.get_bind(), checkfirst=True)
    with op.batch_alter_table("contact_person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", _ROLE, nullable=False, server_default="partnership_office")
        )
    with op.batch_alter_table("page_intro", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "title_en",
                sqlmodel.sql.sqltypes.AutoString(length=160),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "heading_en",
                sqlmodel.sql.sqltypes.AutoString(length=160),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("body_en", sa.Text(), nullable=False, server_default=""))
    op.execute(
        _intro.update()
        .where(
            _intro.c.title == DEFAULT_TITLE,
            _intro.c.heading == DEFAULT_HEADING,
            _intro.c.body.startswith(DEFAULT_BODY_START),
        )
        .values(title_en=TITLE_EN, heading_en=HEADING_EN, body_en=BODY_EN)
    )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("page_intro", schema=None) as batch_op:
        batch_op.drop_column("body_en")
        batch_op.drop_column("heading_en")
        batch_op.drop_column("title_en")
    with op.batch_alter_table("contact_person", schema=None) as batch_op:
        batch_op.drop_column("role")
    _ROLE.drop(op.get_bind(), checkfirst=True)
