"""Loading the default Krefeld content into the database.

Each entry of the content file is loaded at most once, remembered in
``seed_record``: running the loader again changes nothing, an entry an editor
changed is never overwritten and one an editor deleted never comes back.
An entry whose natural key (slug, e-mail) an editor already used is left alone.
"""

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from partner_app.models import (
    ContactPerson,
    DatePrecision,
    NewsItem,
    NewsStatus,
    OfficeAddress,
    PageIntro,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    SeedRecord,
    Topic,
)
from partner_app.services.news_search import refresh_search_text


@dataclass
class LoadReport:
    """What one run of the loader did, by seed key."""

    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def default_content() -> dict[str, Any]:
    """Read the bundled default content (``partner_app/content/krefeld.toml``)."""
    text = resources.files("partner_app.content").joinpath("krefeld.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_default_content(session: Session, content: dict[str, Any] | None = None) -> LoadReport:
    """Load every entry of ``content`` (default: the bundled file) not loaded before.

    Commits once at the end, so a failure leaves the database unchanged.
    """
    content = default_content() if content is None else content
    loader = _Loader(session)
    intro = content["intro"]
    loader.load_once("intro", _first_row_exists(session, PageIntro), lambda: PageIntro(**intro))
    office = content["office"]
    loader.load_once(
        "office", _first_row_exists(session, OfficeAddress), lambda: OfficeAddress(**office)
    )
    for order, contact in enumerate(content.get("contacts", [])):
        loader.load_once(
            f"contact:{contact['email']}",
            _exists(session, select(ContactPerson).where(ContactPerson.email == contact["email"])),
            lambda contact=contact, order=order: ContactPerson(**contact, sort_order=order),
        )
    for order, topic in enumerate(content.get("topics", [])):
        loader.load_once(
            f"topic:{topic['slug']}",
            _exists(session, select(Topic).where(Topic.slug == topic["slug"])),
            lambda topic=topic, order=order: Topic(**topic, sort_order=order),
        )
    for order, partnership in enumerate(content.get("partnerships", [])):
        loader.load_once(
            f"partnership:{partnership['slug']}",
            _exists(session, select(Partnership).where(Partnership.slug == partnership["slug"])),
            lambda partnership=partnership, order=order: _partnership(partnership, order),
        )
    session.flush()
    for news in content.get("news", []):
        loader.load_once(
            f"news:{news['slug']}",
            _exists(session, select(NewsItem).where(NewsItem.slug == news["slug"])),
            lambda news=news: _news_item(session, news),
        )
    session.commit()
    return loader.report


class _Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.report = LoadReport()
        self.seeded = set(session.exec(select(SeedRecord.key)).all())

    def load_once(self, key: str, already_there: bool, build: Callable[[], SQLModel]) -> None:
        if key in self.seeded:
            self.report.skipped.append(key)
            return
        if already_there:
            self.report.skipped.append(key)
        else:
            self.session.add(build())
            self.report.loaded.append(key)
        self.session.add(SeedRecord(key=key))
        self.seeded.add(key)


def _exists(session: Session, statement: Any) -> bool:
    return session.exec(statement.limit(1)).first() is not None


def _first_row_exists(session: Session, table: type[SQLModel]) -> bool:
    return _exists(session, select(table))


def _partnership(entry: dict[str, Any], order: int) -> Partnership:
    return Partnership(
        slug=entry["slug"],
        name=entry["name"],
        name_en=entry.get("name_en", ""),
        native_name=entry["native_name"],
        native_lang=entry["native_lang"],
        country_code=entry["country_code"],
        region=entry.get("region", ""),
        since=date.fromisoformat(entry["since"]),
        since_precision=DatePrecision(entry.get("since_precision", "day")),
        since_note=entry.get("since_note", ""),
        kind=PartnershipKind(entry["kind"]),
        status=PartnershipStatus(entry["status"]),
        status_note=entry.get("status_note", ""),
        description=entry.get("description", "").strip(),
        description_en=entry.get("description_en", "").strip(),
        facts=list(entry.get("facts", [])),
        search_terms=list(entry.get("search_terms", [])),
        sort_order=order,
        latitude=entry["latitude"],
        longitude=entry["longitude"],
    )


def _news_item(session: Session, entry: dict[str, Any]) -> NewsItem:
    cities = entry.get("cities", [])
    topics = entry.get("topics", [])
    news = NewsItem(
        slug=entry["slug"],
        title=entry["title"],
        teaser=entry["teaser"],
        body=entry.get("body", "").strip(),
        published_on=date.fromisoformat(entry["published_on"]),
        published_precision=DatePrecision(entry.get("published_precision", "day")),
        status=NewsStatus(entry.get("status", "published")),
        image_path=entry.get("image", ""),
        image_alt=entry.get("image_alt", ""),
        image_caption=entry.get("image_caption", ""),
        image_credit=entry.get("image_credit", ""),
        partnerships=list(
            session.exec(select(Partnership).where(col(Partnership.slug).in_(cities))).all()
        ),
        topics=list(session.exec(select(Topic).where(col(Topic.slug).in_(topics))).all()),
    )
    refresh_search_text(news)
    return news
