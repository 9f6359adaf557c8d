"""Editing simple records (partnerships, contacts, address, intro) from field specs.

Each editable table is described once as a :class:`RecordType`: its fields with
labels and rules. From that, this module reads records into forms, validates
input with German messages and saves through :mod:`services.versioning`.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from partner_app.models import AuditEntity, DatePrecision
from partner_app.services import versioning
from partner_app.services.edit_conflicts import RecordGoneError
from partner_app.services.field_specs import (
    FieldSpec,
    clean_fields,
    labels_of,
    with_column_limits,
)
from partner_app.services.slugs import unique_slug
from partner_app.services.versioning import History, Snapshot


@dataclass(frozen=True)
class RecordRow:
    """A record in an admin list."""

    id: int
    title: str
    details: str


@dataclass(frozen=True)
class RecordType:
    """An editable table."""

    key: str
    label: str
    entity: AuditEntity
    # A SQLModel table with ``id`` and ``version`` (Any: its columns are read by name).
    model: type[Any]
    fields: tuple[FieldSpec, ...]
    title_field: str
    order_by: tuple[str, ...]
    details: Callable[[Any], str] = lambda record: ""
    creatable: bool = True
    deletable: bool = False
    slug_source: str = ""
    after_save: Callable[[Session, Any], None] = lambda session, record: None

    def __post_init__(self) -> None:
        # Text limits come from the table's columns where the spec leaves them open.
        object.__setattr__(self, "fields", with_column_limits(self.model, self.fields))


def empty_form(record_type: RecordType) -> dict[str, str]:
    """The form of a new record."""
    defaults = {
        spec.name: spec.choices[0][0] if spec.choices and not spec.prompt else ""
        for spec in record_type.fields
    }
    if "since_precision" in defaults:
        defaults["since_precision"] = DatePrecision.day.value
    return defaults


def record_form(
    session: Session, record_type: RecordType, record_id: int
) -> tuple[dict[str, str], Snapshot]:
    """The form of an existing record and the snapshot a later save is checked against."""
    record = versioning.fetch(session, record_type.model, record_id, for_update=False)
    form = _as_form(record_type, record)
    return form, Snapshot(form, record.version)


def list_records(session: Session, record_type: RecordType) -> list[RecordRow]:
    """All records of a type, in their display order."""
    model = record_type.model
    order = [col(getattr(model, name)) for name in record_type.order_by]
    return [
        RecordRow(
            id=record.id,
            title=str(getattr(record, record_type.title_field)),
            details=record_type.details(record),
        )
        for record in session.exec(select(model).order_by(*order)).all()
    ]


def first_record_id(session: Session, record_type: RecordType) -> int | None:
    """The id of a single-row record (address, intro), if it exists."""
    return session.exec(select(record_type.model.id)).first()


def save_record(
    session: Session,
    record_type: RecordType,
    form: dict[str, str],
    *,
    editor: str,
    today: date,
    record_id: int | None = None,
    opened: Snapshot | None = None,
) -> int:
    """Create or update a record; raises ValidationError, EditConflictError, RecordGoneError."""
    if record_id is None and not record_type.creatable:
        raise RecordGoneError
    values = clean(record_type, form, today=today)
    if record_id is None:
        record = record_type.model(**values)
        if record_type.slug_source:
            record.slug = _unique_slug(session, record_type, values[record_type.slug_source])
    else:
        record = versioning.fetch(session, record_type.model, record_id, for_update=True)

    def apply(record: Any) -> None:
        for name, value in values.items():
            setattr(record, name, value)

    saved = versioning.save(
        session,
        record,
        _history(record_type),
        opened=opened,
        apply=apply,
        editor=editor,
        before_commit=lambda record: record_type.after_save(session, record),
    )
    return saved.id


def delete_record(
    session: Session, record_type: RecordType, record_id: int, *, editor: str
) -> None:
    """Delete a record of a deletable type."""
    if not record_type.deletable:
        raise RecordGoneError
    record = versioning.fetch(session, record_type.model, record_id, for_update=False)
    versioning.delete(session, record, _history(record_type), editor=editor)


def _history(record_type: RecordType) -> History:
    return History(
        entity=record_type.entity,
        labels=labels_of(record_type.fields),
        form_of=lambda record: _as_form(record_type, record),
        title_of=lambda record: str(getattr(record, record_type.title_field)),
    )


def _unique_slug(session: Session, record_type: RecordType, source: str) -> str:
    model: Any = record_type.model
    return unique_slug(
        source,
        lambda slug: session.exec(select(model.id).where(model.slug == slug)).first() is not None,
    )


def clean(record_type: RecordType, form: dict[str, str], *, today: date) -> dict[str, Any]:
    """Validated Python values of a submitted form; raises ValidationError."""
    return clean_fields(record_type.fields, form, today=today)


def _as_form(record_type: RecordType, record: Any) -> dict[str, str]:
    return {spec.name: _as_text(getattr(record, spec.name)) for spec in record_type.fields}


def _as_text(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)
