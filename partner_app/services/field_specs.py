"""Admin form fields described once: how each is shown and which rule its input follows.

Every admin form (news, partnerships, contacts, address, intro) is a tuple of
:class:`FieldSpec`. The page renders the fields from it, :func:`clean_fields`
checks the input with German messages, and the labels name the fields in
conflict reports and the audit log. A text field's length limit comes from its
database column unless the spec sets a tighter one.
"""

import dataclasses
import enum
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from partner_app.services.form_validation import FormChecker
from partner_app.services.image_uploads import KNOWN_IMAGE_PATH, UNKNOWN_IMAGE_PATH

_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class FieldKind(enum.StrEnum):
    """What a field holds; decides its control and its check."""

    text = "text"
    textarea = "textarea"
    email = "email"
    phone = "phone"
    date = "date"
    # One of ``choices``.
    choice = "choice"
    # Any of the values the caller allows when checking (cities, topics from the database).
    choices = "choices"
    integer = "integer"
    decimal = "decimal"
    # Several short texts, one per line.
    lines = "lines"
    # A language tag such as "nl" or "uk".
    lang = "lang"
    # The path of an uploaded or bundled image.
    image = "image"


# Kinds whose input is a text with a length limit.
TEXT_KINDS = frozenset({FieldKind.text, FieldKind.textarea, FieldKind.image, FieldKind.lines})


@dataclass(frozen=True)
class FieldSpec:
    """One form field: how it is shown and which rule its input must follow."""

    name: str
    label: str
    kind: FieldKind = FieldKind.text
    required: bool = True
    # None: the column's length (see with_column_limits).
    max_length: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    minimum: float = 0
    maximum: float = 0
    hint: str = ""
    enum_type: type[enum.Enum] | None = None
    # Required only when this other field has a value (an image's alt text and credit).
    required_with: str = ""
    # How far after today a date may lie (news can be scheduled; history cannot).
    days_ahead: int = 0
    # Visible lines of a textarea or lines field (0: the form's default).
    rows: int = 0
    # A choice list's first, empty entry ("Bitte wählen"): a new record has nothing chosen
    # until the editor chooses, instead of silently the first of a long list.
    prompt: str = ""

    @property
    def limit(self) -> int:
        """The length limit of a text field."""
        if self.max_length is None:
            msg = f"field {self.name} has no length limit: give one or use with_column_limits"
            raise ValueError(msg)
        return self.max_length


def with_column_limits(model: type[Any], fields: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    """``fields`` with each open text limit taken from the length of ``model``'s column."""
    columns = model.__table__.columns  # a SQLModel table

    def limited(spec: FieldSpec) -> FieldSpec:
        if spec.max_length is not None or spec.kind not in TEXT_KINDS:
            return spec
        length = getattr(columns[spec.name].type, "length", None)
        if length is None:
            msg = f"{model.__name__}.{spec.name} has no column length: give the spec one"
            raise ValueError(msg)
        return dataclasses.replace(spec, max_length=length)

    return tuple(limited(spec) for spec in fields)


def labels_of(fields: tuple[FieldSpec, ...]) -> dict[str, str]:
    """Field name -> label, for conflict reports and the audit log."""
    return {spec.name: spec.label for spec in fields}


def clean_fields(
    fields: tuple[FieldSpec, ...],
    form: Mapping[str, Any],
    *,
    today: date,
    allowed: Mapping[str, Collection[str]] | None = None,
) -> dict[str, Any]:
    """Validated Python values of a submitted form; raises ValidationError.

    ``allowed`` gives the values a ``choices`` field accepts.
    """
    check = FormChecker()
    values: dict[str, Any] = {}
    for spec in fields:
        raw = form.get(spec.name, "")
        if spec.required_with:
            has_partner = bool(str(form.get(spec.required_with, "")).strip())
            spec = dataclasses.replace(spec, required=has_partner)
        if spec.kind == FieldKind.choices:
            chosen = [str(value) for value in raw] if isinstance(raw, list | tuple) else []
            values[spec.name] = check.choices(
                spec.name, chosen, set((allowed or {}).get(spec.name, ()))
            )
        else:
            values[spec.name] = _clean_one(check, spec, str(raw), today)
    check.raise_if_any()
    return values


def _clean_one(check: FormChecker, spec: FieldSpec, raw: str, today: date) -> Any:
    name = spec.name
    match spec.kind:
        case FieldKind.text | FieldKind.textarea:
            return check.text(name, raw, max_length=spec.limit, required=spec.required)
        case FieldKind.image:
            path = check.text(name, raw, max_length=spec.limit, required=spec.required)
            return check.pattern(name, path, KNOWN_IMAGE_PATH, UNKNOWN_IMAGE_PATH) if path else ""
        case FieldKind.email:
            return check.email(name, raw, required=spec.required)
        case FieldKind.phone:
            return check.phone(name, raw, required=spec.required)
        case FieldKind.date:
            latest = today + timedelta(days=spec.days_ahead)
            return check.plausible_date(name, raw, latest=latest)
        case FieldKind.choice:
            value = check.choice(name, raw, {value for value, _ in spec.choices})
            return spec.enum_type(value) if spec.enum_type and name not in check.errors else value
        case FieldKind.integer:
            return check.integer(name, raw, minimum=int(spec.minimum), maximum=int(spec.maximum))
        case FieldKind.decimal:
            return check.decimal(name, raw, minimum=spec.minimum, maximum=spec.maximum)
        case FieldKind.lines:
            return check.lines(name, raw, max_length=spec.limit)
        case FieldKind.lang:
            return check.pattern(
                name,
                raw,
                _LANGUAGE_TAG,
                "Bitte geben Sie einen Sprachcode an, z. B. nl, fr oder uk.",
            )
        case FieldKind.choices:
            msg = f"{name}: a choices field is checked by clean_fields"
            raise ValueError(msg)
