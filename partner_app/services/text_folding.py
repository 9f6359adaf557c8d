"""Folding text for case- and umlaut-insensitive search.

Both the stored search text and the user's query are folded the same way, so a
plain ``LIKE`` in the database finds "Dünkirchen" for "dunkirchen",
"DÜNKIRCHEN" and "Duenkirchen" alike.
"""

import re
import unicodedata

_GERMAN_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents ("Dünkirchen" -> "dunkirchen")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WHITESPACE.sub(" ", stripped).strip()


def searchable_text(*parts: str) -> str:
    """Build the stored search column: the folded text plus its German transliteration.

    The transliterated copy ("duenkirchen") lets people who type umlauts as
    "ue" find the same items as people who type "u" or "ü".
    """
    text = " ".join(part for part in parts if part)
    transliterated = text.casefold().translate(_GERMAN_TRANSLITERATION)
    return f"{fold(text)} | {fold(transliterated)}"


def search_terms(query: str) -> list[str]:
    """Split a user's query into folded terms that must all occur."""
    return [term for term in fold(query).split(" ") if term]
