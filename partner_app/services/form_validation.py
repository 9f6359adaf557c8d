"""Checking form input on the server, with German messages per field."""

import re
from dataclasses import dataclass, field
from datetime import date

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
# Digits with the usual German separators: "0 21 51 / 86-1554", "+49 2151 86-1554".
_PHONE = re.compile(r"^\+?[0-9][0-9 /()\-]{4,30}[0-9]$")
EARLIEST_DATE = date(1900, 1, 1)


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

    def text(self, name: str, value: str, *, max_length: int, required: bool = True) -> str:
        """A stripped text of limited length."""
        cleaned = value.strip()
        if required and not cleaned:
            self.errors[name] = "Bitte füllen Sie dieses Feld aus."
        elif len(cleaned) > max_length:
            self.errors[name] = f"Höchstens {max_length} Zeichen (jetzt {len(cleaned)})."
        return cleaned

    def email(self, name: str, value: str, *, required: bool = True) -> str:
        """An e-mail address of plausible form."""
        cleaned = self.text(name, value, max_length=200, required=required)
        if cleaned and name not in self.errors and not _EMAIL.fullmatch(cleaned):
            self.errors[name] = (
                "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@krefeld.de."
            )
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
            self.errors[name] = "Bitte wählen Sie einen der angebotenen Werte."
        return value

    def choices(self, name: str, values: list[str], allowed: set[str]) -> list[str]:
        """A subset of ``allowed``, without repeats, in the given order."""
        unknown = [value for value in values if value not in allowed]
        if unknown:
            self.errors[name] = "Bitte wählen Sie nur angebotene Werte."
        return list(dict.fromkeys(value for value in values if value in allowed))

    def raise_if_any(self) -> None:
        """Raise :class:`ValidationError` when any field failed."""
        if self.errors:
            raise ValidationError(dict(self.errors))
