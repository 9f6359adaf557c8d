"""audit entries store stable codes instead of German words

Revision ID: b7e2c41d9a05
Revises: 430748584fc5
Create Date: 2026-12-02 05:00:00

The admin used to write "angelegt", "Meldung" and the like into the audit log,
beside English codes from the inbox ("done", "message"). Entries now hold the
codes of ``AuditAction``/``AuditEntity`` and the admin texts turn them into
words; this rewrites the rows written before.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "b7e2c41d9a05"
down_revision: str | Sequence[str] | None = "430748584fc5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The words written before this revision -> the codes written since.
ACTIONS = {
    "angelegt": "created",
    "geändert": "changed",
    "gelöscht": "deleted",
    "veröffentlicht": "published",
    "zurückgezogen": "unpublished",
}
ENTITIES = {
    "Meldung": "news",
    "Partnerschaft": "partnership",
    "Kontakt": "contact",
    "Anschrift": "office",
    "Einleitung": "intro",
}

_audit = sa.table(
    "audit_entry", sa.column("action", sa.String), sa.column("entity_type", sa.String)
)


def _rewrite(column: str, mapping: dict[str, str]) -> None:
    for old, new in mapping.items():
        op.execute(_audit.update().where(_audit.c[column] == old).values({column: new}))


def upgrade() -> None:
    """Upgrade data."""
    _rewrite("action", ACTIONS)
    _rewrite("entity_type", ENTITIES)


def downgrade() -> None:
    """Downgrade data (codes that had no German word before, such as "done", stay)."""
    _rewrite("action", {new: old for old, new in ACTIONS.items()})
    _rewrite("entity_type", {new: old for old, new in ENTITIES.items()})
