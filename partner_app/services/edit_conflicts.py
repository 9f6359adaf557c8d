"""Refusing to save over a newer version of a record, and saying what changed."""

from collections.abc import Mapping
from typing import Any


class EditConflictError(Exception):
    """Somebody saved the record after this form was opened.

    ``changes`` maps the labels of the fields the other save changed to their
    values now, so the editor can see what they would overwrite.
    """

    def __init__(self, changes: dict[str, str]) -> None:
        """Keep what the other save changed."""
        super().__init__("Der Eintrag wurde inzwischen geändert.")
        self.changes = changes


class RecordGoneError(Exception):
    """The record was deleted after the form was opened."""


def changed_fields(
    before: Mapping[str, Any], now: Mapping[str, Any], labels: Mapping[str, str]
) -> dict[str, str]:
    """Labels and current values of the fields that differ between two snapshots."""
    return {
        labels.get(name, name): display_value(now[name])
        for name in now
        if before.get(name) != now[name]
    }


def display_value(value: Any) -> str:
    """A field value as text for a message."""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "–"
    return str(value) if value not in ("", None) else "–"
