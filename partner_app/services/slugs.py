"""URL slugs from titles, unique within a table."""

import re
from collections.abc import Callable

from slugify import slugify

# What slug_from makes: lower-case ASCII words joined by hyphens.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG_LENGTH = 120
GERMAN_REPLACEMENTS = [["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"]]


def slug_from(text: str, *, max_length: int = 80) -> str:
    """A lower-case ASCII slug ("Kultur für Venlo" -> "kultur-fuer-venlo")."""
    return slugify(
        text, max_length=max_length, word_boundary=True, replacements=GERMAN_REPLACEMENTS
    )


def is_slug(value: str) -> bool:
    """Whether ``value`` can be a slug at all (checked before a lookup by a visitor's value).

    A value from an address may hold anything, a NUL byte among it, which PostgreSQL
    refuses with an error instead of finding nothing.
    """
    return len(value) <= MAX_SLUG_LENGTH and _SLUG.fullmatch(value) is not None


def unique_slug(text: str, is_taken: Callable[[str], bool], *, max_length: int = 80) -> str:
    """``slug_from(text)``, with "-2", "-3", … appended while it is taken."""
    base = slug_from(text, max_length=max_length - 4) or "eintrag"
    candidate, number = base, 1
    while is_taken(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate
