"""URL slugs from titles, unique within a table."""

from collections.abc import Callable

from slugify import slugify

GERMAN_REPLACEMENTS = [["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"]]


def slug_from(text: str, *, max_length: int = 80) -> str:
    """A lower-case ASCII slug ("Kultur für Venlo" -> "kultur-fuer-venlo")."""
    return slugify(
        text, max_length=max_length, word_boundary=True, replacements=GERMAN_REPLACEMENTS
    )


def unique_slug(text: str, is_taken: Callable[[str], bool], *, max_length: int = 80) -> str:
    """``slug_from(text)``, with "-2", "-3", … appended while it is taken."""
    base = slug_from(text, max_length=max_length - 4) or "eintrag"
    candidate, number = base, 1
    while is_taken(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate
