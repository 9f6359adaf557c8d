"""Checking form input on the server, with a message per field.

Messages are German; the checks the public message form uses also speak English.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from partner_app.i18n import text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
# Digits with the usual German separators: "0 21 51 / 86-1554", "+49 2151 86-1554".
_PHONE = re.compile(r"^\+?[0-9][0-9 /()\-]{4,30}[0-9]$")
EARLIEST_DATE = date(1900, 1, 1)
# Characters no one types (NUL and the other C0 controls but tab and line breaks): a
# script may send them, and PostgreSQL refuses a NUL in text.
_INVISIBLE_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_controls(value: str) -> str:
    """``value`` without the control characters no one types (tab and line breaks stay)."""
    return _INVISIBLE_CONTROLS.sub("", value)


class ValidationError(ValueError):
    """Input that cannot be saved; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        """Keep the messages per field."""
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class FormChecker:
    """Collects messages while fields are checked; ``raise_if_any`` ends the check."""

    errors: dict[str, str] = field(default_factory=dict)
    # The language of the messages of text, email and choice (the public form's checks).
    lang: str = "de"

    def text(self, name: str, value: str, *, max_length: int, required: bool = True) -> str:
        """A stripped text of limited length, without invisible control characters."""
        cleaned = without_controls(value).strip()
        if required and not cleaned:
            self.errors[name] = text("VALIDATION_REQUIRED", self.lang)
        elif len(cleaned) > max_length:
            self.errors[name] = text("VALIDATION_TOO_LONG", self.lang).format(
                limit=max_length, length=len(cleaned)
            )
        return cleaned

    def email(self, name: str, value: str, *, required: bool = True) -> str:
        """An e-mail address of plausible form."""
        cleaned = self.text(name, value, max_length=200, required=required)
        if cleaned and name not in self.errors and not _EMAIL.fullmatch(cleaned):
            self.errors[name] = text("VALIDATION_EMAIL", self.lang)
        return cleaned

    def phone(self, name: str, value: str, *, required: bool = True) -> str:
        """A telephone number of digits and the usual separators."""
        cleaned = self.text(name, value, max_length=60, required=required)
        if cleaned and name not in self.errors and not _PHONE.fullmatch(cleaned):
            self.errors[name] = "Bitte geben Sie eine Telefonnummer an, z. B. 0 21 51 / 86-1554."
        return cleaned

    def plausible_date(self, name: str, value: str, *, latest: date) -> date | None:
        """An ISO date (YYYY-MM-DD) between 1900 and ``latest``."""
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            self.errors[name] = "Bitte geben Sie ein Datum an (TT.MM.JJJJ)."
            return None
        if not EARLIEST_DATE <= parsed <= latest:
            self.errors[name] = (
                f"Das Datum muss zwischen {EARLIEST_DATE:%d.%m.%Y} und {latest:%d.%m.%Y} liegen."
            )
            return None
        return parsed

    def choice(self, name: str, value: str, allowed: set[str]) -> str:
        """One of ``allowed``."""
        if value not in allowed:
            self.errors[name] = text("VALIDATION_CHOICE", self.lang)
        return value

    def choices(self, name: str, values: list[str], allowed: set[str]) -> list[str]:
        """A subset of ``allowed``, without repeats, in the given order."""
        unknown = [value for value in values if value not in allowed]
        if unknown:
            self.errors[name] = "Bitte wählen Sie nur angebotene Werte."
        return list(dict.fromkeys(value for value in values if value in allowed))

    def integer(self, name: str, value: str, *, minimum: int, maximum: int) -> int | None:
        """A whole number within a range."""
        try:
            number = int(value.strip())
        except ValueError:
            self.errors[name] = "Bitte geben Sie eine ganze Zahl an."
            return None
        if not minimum <= number <= maximum:
            self.errors[name] = f"Die Zahl muss zwischen {minimum} und {maximum} liegen."
            return None
        return number

    def decimal(self, name: str, value: str, *, minimum: float, maximum: float) -> float | None:
        """A decimal number (comma or point) within a range."""
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            self.errors[name] = "Bitte geben Sie eine Zahl an, z. B. 51,33."
            return None
        if not minimum <= number <= maximum:
            self.errors[name] = f"Die Zahl muss zwischen {minimum:g} und {maximum:g} liegen."
            return None
        return number

    def lines(self, name: str, value: str, *, max_length: int, max_lines: int = 30) -> list[str]:
        """Non-empty lines, each of limited length."""
        items = [line.strip() for line in value.splitlines() if line.strip()]
        if len(items) > max_lines:
            self.errors[name] = f"Höchstens {max_lines} Zeilen."
        elif any(len(item) > max_length for item in items):
            self.errors[name] = f"Jede Zeile darf höchstens {max_length} Zeichen haben."
        return items

    def pattern(self, name: str, value: str, regex: re.Pattern[str], message: str) -> str:
        """A required text matching ``regex``."""
        cleaned = value.strip()
        if not regex.fullmatch(cleaned):
            self.errors[name] = message
        return cleaned

    def raise_if_any(self) -> None:
        """Raise :class:`ValidationError` when any field failed."""
        if self.errors:
            raise ValidationError(dict(self.errors))
