"""What a database's fast path answers for one filter change of a search (both backends).

``fts5_archive`` (SQLite, up to three words) and ``postgres_archive`` (PostgreSQL) each
answer a search's page, count and facet counts in their database's own way; the
archive (``news_archive``) asks either through :class:`FastArchive` and falls back to
its general statement when a backend has none for the words.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class ArchiveFilters:
    """The filters besides the text ("" and None: not set)."""

    today: date
    year: int | None = None
    city: str = ""
    topic: str = ""


@dataclass(frozen=True)
class ArchiveAnswer:
    """One page of ids (best first), the number of all matches, and the facet counts
    (slug or year: matches with the other filters; options with none left out)."""

    news_ids: list[int] = field(default_factory=list)
    total: int = 0
    cities: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)


class FastArchive(Protocol):
    """A search's words as one database answers them."""

    def answer(
        self, filters: ArchiveFilters, *, offset: int, limit: int, facet_limit: int | None
    ) -> ArchiveAnswer:
        """The page at ``offset``, the count, and (unless ``facet_limit`` is None) the
        facet counts, each counted at least up to ``facet_limit`` + 1."""
        ...
