"""The one way an admin save happens: lock, version check, change, diff, audit entry, commit.

Every editable table carries a ``version`` that each save raises by one. A form
remembers the :class:`Snapshot` it was opened with; a save that finds a newer
version refuses only when the other save changed something the form shows
(:class:`EditConflictError` names those fields), so two people editing different
records or a publish in between never block each other.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from sqlmodel import Session

from partner_app.models import AuditAction, AuditEntity, utc_now
from partner_app.services import audit_log
from partner_app.services.edit_conflicts import EditConflictError, RecordGoneError, changed_fields


class Versioned(Protocol):
    """A table row with an id and an optimistic-locking version."""

    id: int | None
    version: int


Record = TypeVar("Record", bound=Versioned)


@dataclass(frozen=True)
class Snapshot:
    """What a form showed when it was opened: its values and the version they came from."""

    values: Mapping[str, Any] = field(default_factory=dict)
    version: int = 0


@dataclass(frozen=True)
class History:
    """How a table's saves appear in the audit log."""

    entity: AuditEntity
    labels: Mapping[str, str]
    form_of: Callable[[Any], Mapping[str, Any]]
    title_of: Callable[[Any], str]


def fetch(session: Session, model: type[Record], record_id: int, *, for_update: bool) -> Record:
    """The row, locked until commit for a save; raises RecordGoneError when it is gone.

    The lock (SELECT ... FOR UPDATE on PostgreSQL) keeps two workers from both
    passing the version check; SQLite has one writer at a time anyway.
    """
    record = session.get(model, record_id, with_for_update=for_update)
    if record is None:
        raise RecordGoneError
    return record


def save(
    session: Session,
    record: Record,
    history: History,
    *,
    opened: Snapshot | None,
    apply: Callable[[Record], None],
    editor: str,
    before_commit: Callable[[Record], None] = lambda record: None,
) -> Record:
    """Apply a form to a new or (locked) existing row and commit it with its audit entry."""
    is_new = record.id is None
    before = {} if is_new else dict(history.form_of(record))
    if not is_new and opened is not None and record.version != opened.version:
        changes = changed_fields(opened.values, before, history.labels)
        if changes:
            raise EditConflictError(changes)
    # Added first: relationships set by ``apply`` need the row in the session.
    session.add(record)
    apply(record)
    if not is_new:
        record.version += 1
    if hasattr(record, "updated_at"):
        record.updated_at = utc_now()  # type: ignore[attr-defined]  # not every table has it
    session.flush()
    after = history.form_of(record)
    log(
        session,
        record,
        history,
        action=AuditAction.created if is_new else AuditAction.changed,
        editor=editor,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    before_commit(record)
    session.commit()
    return record


def delete(session: Session, record: Versioned, history: History, *, editor: str) -> None:
    """Delete a row; the audit entry keeps its last values."""
    log(
        session,
        record,
        history,
        action=AuditAction.deleted,
        editor=editor,
        changes=dict(history.form_of(record)),
    )
    session.delete(record)
    session.commit()


def log(
    session: Session,
    record: Versioned,
    history: History,
    *,
    action: AuditAction,
    editor: str,
    changes: dict[str, Any],
) -> None:
    """Add the audit entry of a change to ``record`` (committed with the change)."""
    audit_log.record(
        session,
        editor=editor,
        action=action,
        entity_type=history.entity,
        entity_id=record.id,
        label=history.title_of(record),
        changes=changes,
    )
