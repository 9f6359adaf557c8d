"""feedparser's result, typed for the parts the tests read.

feedparser ships no type hints, and its FeedParserDict answers attribute access through an
untyped ``__getattr__`` from which pyright guesses ``list[FeedParserDict]`` for every field.
"""

from typing import Protocol, cast

import feedparser


class FeedTag(Protocol):
    term: str


class FeedContent(Protocol):
    value: str


class FeedEntry(Protocol):
    link: str
    title: str
    published: str
    tags: list[FeedTag]
    content: list[FeedContent]


class FeedHead(Protocol):
    title: str
    language: str


class ParsedFeed(Protocol):
    bozo: int  # 0 or 1; feedparser sets it when the document is not well-formed
    version: str
    feed: FeedHead
    entries: list[FeedEntry]

    def get(self, key: str, default: object = None) -> object: ...


def parse_feed(document: str | bytes) -> ParsedFeed:
    """Parse an RSS or Atom document with feedparser."""
    # The cast only names the fields feedparser fills; nothing is converted or checked.
    return cast(ParsedFeed, feedparser.parse(document))
