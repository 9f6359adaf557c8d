"""The audit log: who created, changed or deleted what, and when."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from partner_app.models import AuditAction, AuditEntity, AuditEntry, utc_now
from partner_app.services.dates import format_admin_moment
from partner_app.texts_admin import AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS


@dataclass(frozen=True)
class AuditRow:
    """One entry as the admin lists it."""

    at_label: str
    editor: str
    action: str
    entity: str
    details: str


def record(
    session: Session,
    *,
    editor: str,
    action: AuditAction,
    entity_type: AuditEntity,
    entity_id: int | None,
    label: str,
    changes: dict[str, Any],
    at: datetime | None = None,
) -> None:
    """Add an entry (the caller commits, together with the change itself)."""
    session.add(
        AuditEntry(
            at=at or utc_now(),
            editor_username=editor,
            action=action.value,
            entity_type=entity_type.value,
            entity_id=entity_id,
            entity_label=label[:200],
            changes=changes,
        )
    )


def recent_entries(session: Session, *, limit: int = 100) -> list[AuditRow]:
    """The newest entries first."""
    entries = session.exec(
        select(AuditEntry)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(limit)
    ).all()
    return [
        AuditRow(
            at_label=format_admin_moment(entry.at),
            editor=entry.editor_username,
            action=_label(AUDIT_ACTION_LABELS, entry.action),
            entity=f"{_label(AUDIT_ENTITY_LABELS, entry.entity_type)} „{entry.entity_label}“",
            details=", ".join(sorted(entry.changes)),
        )
        for entry in entries
    ]


def _label(labels: Mapping[str, str], code: str) -> str:
    # A code this version does not know (written by a newer one) is shown as it is.
    return labels.get(code, code)
