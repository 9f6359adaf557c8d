"""Editing simple records (partnerships, contacts, address, intro) from field specs.

Each editable table is described once as a :class:`RecordType`: its fields with
labels and rules. From that, this module reads records into forms, validates
input with German messages, saves with version checks and writes the audit log.
"""

import dataclasses
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from partner_app.models import DatePrecision, utc_now
from partner_app.services import audit_log
from partner_app.services.edit_conflicts import EditConflictError, RecordGoneError, changed_fields
from partner_app.services.form_validation import FormChecker
from partner_app.services.image_uploads import KNOWN_IMAGE_PATH, UNKNOWN_IMAGE_PATH
from partner_app.services.slugs import unique_slug

_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class FieldSpec:
    """One form field: how it is shown and which rule its input must follow."""

    name: str
    label: str
    kind: str = "text"  # text, textarea, email, phone, date, choice, integer, decimal, lines, lang
    required: bool = True
    max_length: int = 200
    choices: tuple[tuple[str, str], ...] = ()
    minimum: float = 0
    maximum: float = 0
    hint: str = ""
    enum_type: type[enum.Enum] | None = None
    # Required only when this other field has a value (an image's alt text and credit).
    required_with: str = ""


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
    model: type[SQLModel]
    fields: tuple[FieldSpec, ...]
    title_field: str
    order_by: tuple[str, ...]
    details: Callable[[Any], str] = lambda record: ""
    creatable: bool = True
    deletable: bool = False
    slug_source: str = ""
    after_save: Callable[[Session, Any], None] = lambda session, record: None


def empty_form(record_type: RecordType) -> dict[str, str]:
    """The form of a new record."""
    defaults = {
        spec.name: spec.choices[0][0] if spec.choices else "" for spec in record_type.fields
    }
    if "since_precision" in defaults:
        defaults["since_precision"] = DatePrecision.day.value
    return defaults


def record_form(
    session: Session, record_type: RecordType, record_id: int
) -> tuple[dict[str, str], int]:
    """The form of an existing record and its version."""
    record = _get(session, record_type, record_id)
    return _as_form(record_type, record), record.version  # type: ignore[attr-defined]


def list_records(session: Session, record_type: RecordType) -> list[RecordRow]:
    """All records of a type, in their display order."""
    model = record_type.model
    order = [col(getattr(model, name)) for name in record_type.order_by]
    return [
        RecordRow(
            id=record.id,  # type: ignore[attr-defined]
            title=str(getattr(record, record_type.title_field)),
            details=record_type.details(record),
        )
        for record in session.exec(select(model).order_by(*order)).all()
    ]


def first_record_id(session: Session, record_type: RecordType) -> int | None:
    """The id of a single-row record (address, intro), if it exists."""
    return session.exec(select(record_type.model.id)).first()  # type: ignore[attr-defined]


def save_record(
    session: Session,
    record_type: RecordType,
    form: dict[str, str],
    *,
    editor: str,
    today: date,
    record_id: int | None = None,
    base: dict[str, str] | None = None,
    base_version: int | None = None,
) -> int:
    """Create or update a record; raises ValidationError, EditConflictError, RecordGoneError."""
    if record_id is None and not record_type.creatable:
        raise RecordGoneError
    values = clean(record_type, form, today=today)
    labels = {spec.name: spec.label for spec in record_type.fields}
    if record_id is None:
        record = record_type.model(**values)
        if record_type.slug_source:
            model = record_type.model
            record.slug = unique_slug(  # type: ignore[attr-defined]
                values[record_type.slug_source],
                lambda slug: (
                    session.exec(select(model.id).where(model.slug == slug)).first()  # type: ignore[attr-defined]
                    is not None
                ),
            )
        before: dict[str, str] = {}
        action = "angelegt"
    else:
        record = _get(session, record_type, record_id, for_update=True)
        current = _as_form(record_type, record)
        if base_version is not None and record.version != base_version:  # type: ignore[attr-defined]
            changes = changed_fields(base or {}, current, labels)
            if changes:
                raise EditConflictError(changes)
        before = current
        for name, value in values.items():
            setattr(record, name, value)
        record.version += 1  # type: ignore[attr-defined]
        action = "geändert"
    if hasattr(record, "updated_at"):
        record.updated_at = utc_now()  # type: ignore[attr-defined]
    session.add(record)
    session.flush()
    after = _as_form(record_type, record)
    audit_log.record(
        session,
        editor=editor,
        action=action,
        entity_type=record_type.label,
        entity_id=record.id,  # type: ignore[attr-defined]
        label=str(getattr(record, record_type.title_field)),
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    record_type.after_save(session, record)
    session.commit()
    return record.id  # type: ignore[attr-defined]


def delete_record(
    session: Session, record_type: RecordType, record_id: int, *, editor: str
) -> None:
    """Delete a record of a deletable type."""
    if not record_type.deletable:
        raise RecordGoneError
    record = _get(session, record_type, record_id)
    audit_log.record(
        session,
        editor=editor,
        action="gelöscht",
        entity_type=record_type.label,
        entity_id=record_id,
        label=str(getattr(record, record_type.title_field)),
        changes=_as_form(record_type, record),
    )
    session.delete(record)
    session.commit()


def clean(record_type: RecordType, form: dict[str, str], *, today: date) -> dict[str, Any]:
    """Validated Python values of a submitted form; raises ValidationError."""
    check = FormChecker()
    values: dict[str, Any] = {}
    for spec in record_type.fields:
        raw = str(form.get(spec.name, ""))
        if spec.required_with:
            has_partner = bool(str(form.get(spec.required_with, "")).strip())
            spec = dataclasses.replace(spec, required=has_partner)
        values[spec.name] = _clean_field(check, spec, raw, today)
    check.raise_if_any()
    return values


def _clean_field(check: FormChecker, spec: FieldSpec, raw: str, today: date) -> Any:
    name = spec.name
    if spec.kind in {"text", "textarea"}:
        return check.text(name, raw, max_length=spec.max_length, required=spec.required)
    if spec.kind == "image":
        path = check.text(name, raw, max_length=spec.max_length, required=spec.required)
        return check.pattern(name, path, KNOWN_IMAGE_PATH, UNKNOWN_IMAGE_PATH) if path else ""
    if spec.kind == "email":
        return check.email(name, raw, required=spec.required)
    if spec.kind == "phone":
        return check.phone(name, raw, required=spec.required)
    if spec.kind == "date":
        return check.plausible_date(name, raw, latest=today)
    if spec.kind == "choice":
        value = check.choice(name, raw, {value for value, _ in spec.choices})
        return spec.enum_type(value) if spec.enum_type and name not in check.errors else value
    if spec.kind == "integer":
        return check.integer(name, raw, minimum=int(spec.minimum), maximum=int(spec.maximum))
    if spec.kind == "decimal":
        return check.decimal(name, raw, minimum=spec.minimum, maximum=spec.maximum)
    if spec.kind == "lines":
        return check.lines(name, raw, max_length=spec.max_length)
    if spec.kind == "lang":
        return check.pattern(
            name, raw, _LANGUAGE_TAG, "Bitte geben Sie einen Sprachcode an, z. B. nl, fr oder uk."
        )
    msg = f"unknown field kind {spec.kind}"
    raise ValueError(msg)


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


def _get(
    session: Session, record_type: RecordType, record_id: int, *, for_update: bool = False
) -> Any:
    # Saves lock the row until they commit (see news_admin._get).
    record = session.get(record_type.model, record_id, with_for_update=for_update)
    if record is None:
        raise RecordGoneError
    return record
