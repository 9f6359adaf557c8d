"""Feeds as feed readers see them: feedparser's result, and the formats' own rules.

feedparser ships no type hints, and its FeedParserDict answers attribute access through an
untyped ``__getattr__`` from which pyright guesses ``list[FeedParserDict]`` for every field.
feedparser is also lenient: it reads a feed that breaks the RSS 2.0 or Atom rules, so
``rss_problems`` and ``atom_problems`` check those rules on the XML itself.
"""

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Protocol, cast
from xml.etree import ElementTree as ET

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_MIME_TYPE = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")
_ABSOLUTE = re.compile(r"^https?://[^/\s]+")
_HTML_LINK = re.compile(r'\b(?:href|src)="([^"]*)"')


class FeedTag(Protocol):
    term: str


class FeedContent(Protocol):
    value: str


class FeedLink(Protocol):
    href: str
    rel: str
    type: str
    length: str


class FeedEntry(Protocol):
    link: str
    links: list[FeedLink]
    title: str
    summary: str
    tags: list[FeedTag]
    content: list[FeedContent]
    enclosures: list[FeedLink]
    media_content: list[dict[str, str]]

    def get(self, key: str, default: object = None) -> object: ...


class FeedHead(Protocol):
    title: str
    language: str
    updated: str


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


def _xml(document: bytes) -> ET.Element:
    return ET.fromstring(document)  # noqa: S314 (the app's own answer, in a test)


def _absolute_problems(where: str, url: str | None) -> list[str]:
    return [] if url and _ABSOLUTE.match(url) else [f"{where}: not an absolute URL: {url!r}"]


def _html_link_problems(where: str, html: str | None) -> list[str]:
    problems: list[str] = []
    for link in _HTML_LINK.findall(html or ""):
        problems += _absolute_problems(f"{where} (a link in the HTML)", link)
    return problems


def _rfc822_problems(where: str, value: str | None) -> list[str]:
    try:
        moment = parsedate_to_datetime(value or "")
    except (TypeError, ValueError):
        return [f"{where}: not an RFC 822 date: {value!r}"]
    return [] if moment.tzinfo else [f"{where}: no time zone: {value!r}"]


def _rfc3339_problems(where: str, value: str | None) -> list[str]:
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return [f"{where}: not an RFC 3339 date: {value!r}"]
    return [] if moment.tzinfo else [f"{where}: no time zone: {value!r}"]


def _length_and_type_problems(where: str, element: ET.Element, length: str) -> list[str]:
    problems: list[str] = []
    if not (element.get(length) or "").isdigit():
        problems.append(f"{where}: {length} is no byte count: {element.get(length)!r}")
    if not _MIME_TYPE.match(element.get("type") or ""):
        problems.append(f"{where}: type is no media type: {element.get('type')!r}")
    return problems


def rss_problems(document: bytes) -> list[str]:
    """Where ``document`` breaks the RSS 2.0 specification (and what readers rely on)."""
    root = _xml(document)
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["the root is not <rss version='2.0'>"]
    channel = root.find("channel")
    if channel is None:
        return ["no <channel>"]
    problems: list[str] = []
    for required in ("title", "link", "description"):
        if not (channel.findtext(required) or "").strip():
            problems.append(f"channel: no <{required}>")
    problems += _absolute_problems("channel link", channel.findtext("link"))
    self_links = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(self_links) != 1:
        problems.append("channel: no single atom:link rel='self'")
    for link in self_links:
        problems += _absolute_problems("atom:link rel='self'", link.get("href"))
    for name in ("pubDate", "lastBuildDate"):
        if channel.find(name) is not None:
            problems += _rfc822_problems(f"channel {name}", channel.findtext(name))
    for number, item in enumerate(channel.findall("item"), start=1):
        where = f"item {number}"
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{where}: neither <title> nor <description>")
        problems += _absolute_problems(f"{where} link", item.findtext("link"))
        guid = item.find("guid")
        if guid is None:
            problems.append(f"{where}: no <guid>")
        elif guid.get("isPermaLink", "true") == "true":
            problems += _absolute_problems(f"{where} guid", guid.text)
        if item.find("pubDate") is not None:
            problems += _rfc822_problems(f"{where} pubDate", item.findtext("pubDate"))
        enclosures = item.findall("enclosure")
        if len(enclosures) > 1:
            problems.append(f"{where}: more than one <enclosure>")
        for enclosure in enclosures:
            problems += _absolute_problems(f"{where} enclosure", enclosure.get("url"))
            problems += _length_and_type_problems(f"{where} enclosure", enclosure, "length")
        for media in item.findall(f"{MEDIA}content"):
            problems += _absolute_problems(f"{where} media:content", media.get("url"))
        for category in item.findall("category"):
            if not (category.text or "").strip():
                problems.append(f"{where}: an empty <category>")
        problems += _html_link_problems(f"{where} content", item.findtext(f"{CONTENT}encoded"))
    return problems


def atom_problems(document: bytes) -> list[str]:
    """Where ``document`` breaks RFC 4287 (and what readers rely on)."""
    root = _xml(document)
    if root.tag != f"{ATOM}feed":
        return ["the root is not an Atom <feed>"]
    problems: list[str] = []
    for required in ("id", "title", "updated"):
        if not (root.findtext(f"{ATOM}{required}") or "").strip():
            problems.append(f"feed: no <{required}>")
    problems += _absolute_problems("feed id", root.findtext(f"{ATOM}id"))
    problems += _rfc3339_problems("feed updated", root.findtext(f"{ATOM}updated"))
    feed_has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    links = root.findall(f"{ATOM}link")
    if [link.get("rel") for link in links].count("self") != 1:
        problems.append("feed: no single link rel='self'")
    for link in links:
        problems += _absolute_problems(f"feed link rel={link.get('rel')}", link.get("href"))
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        where = f"entry {number}"
        for required in ("id", "title", "updated"):
            if not (entry.findtext(f"{ATOM}{required}") or "").strip():
                problems.append(f"{where}: no <{required}>")
        problems += _absolute_problems(f"{where} id", entry.findtext(f"{ATOM}id"))
        problems += _rfc3339_problems(f"{where} updated", entry.findtext(f"{ATOM}updated"))
        if entry.find(f"{ATOM}published") is not None:
            published = entry.findtext(f"{ATOM}published")
            problems += _rfc3339_problems(f"{where} published", published)
        if not feed_has_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where}: no author, and the feed has none")
        entry_links = entry.findall(f"{ATOM}link")
        rels = [link.get("rel", "alternate") for link in entry_links]
        if "alternate" not in rels and entry.find(f"{ATOM}content") is None:
            problems.append(f"{where}: neither link rel='alternate' nor <content>")
        for link in entry_links:
            rel = link.get("rel", "alternate")
            problems += _absolute_problems(f"{where} link rel={rel}", link.get("href"))
            if rel == "enclosure":
                problems += _length_and_type_problems(f"{where} enclosure", link, "length")
        problems += _html_link_problems(f"{where} content", entry.findtext(f"{ATOM}content"))
    return problems


def feed_problems(document: bytes) -> list[str]:
    """The rule problems of an RSS or an Atom document."""
    is_atom = _xml(document).tag == f"{ATOM}feed"
    return atom_problems(document) if is_atom else rss_problems(document)
