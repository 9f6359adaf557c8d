"""When a news item was published, said no more precisely than it is known.

An item stores the day it is dated (``published_on``) and how much of that date is known
(``published_precision``): many archive items are known only to the month or the year,
their day only orders the list. The time of day is stored nowhere on the item; the audit
log knows when an editor made it public. The rule, the same for feeds and JSON-LD:

* **Day and time**: an item that became public on its own date (published through the
  admin that day, by a new item or a status change) carries that moment, e.g. 14:05.
* **Day only**: any other item whose day is known (a scheduled item appears at midnight
  of its day; an archive item entered later, or loaded with the default content, has a
  known day but no known time). JSON-LD says the date alone; RSS and Atom must name a
  time, and name 00:00 in Krefeld (documented in docs/public-site.md).
* **Month or year only**: no day is invented. JSON-LD says ``2024-03`` or ``2024``
  (ISO 8601's reduced precision); RSS leaves ``pubDate`` out and Atom ``published``
  (both optional), and the item's text opens with the date as the page shows it,
  "März 2024".
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from partner_app.models import AuditAction, AuditEntity, AuditEntry, DatePrecision, NewsItem
from partner_app.services.clock import CITY_TIMEZONE
from partner_app.services.dates import machine_readable_date

_BECOMING_PUBLIC = (AuditAction.published, AuditAction.created, AuditAction.changed)


@dataclass(frozen=True)
class PublicationDate:
    """An item's date as precisely as it is known."""

    day: date
    precision: DatePrecision
    # The moment it became public, when that was on its own day; None when unknown.
    moment: datetime | None = None

    @property
    def feed_time(self) -> datetime | None:
        """The time RSS ``pubDate`` and Atom ``published`` name; None to leave them out."""
        if self.precision != DatePrecision.day:
            return None
        if self.moment is not None:
            return self.moment.astimezone(CITY_TIMEZONE)
        return midnight_in_krefeld(self.day)

    @property
    def iso(self) -> str:
        """ISO 8601 with no more than is known: date and time, the date, "2024-03", "2024"."""
        if self.precision == DatePrecision.day and self.moment is not None:
            return self.moment.astimezone(CITY_TIMEZONE).isoformat(timespec="seconds")
        return machine_readable_date(self.day, self.precision)


def midnight_in_krefeld(day: date) -> datetime:
    """The start of ``day`` in Krefeld (when a scheduled item appears)."""
    return datetime.combine(day, time(0, 0), tzinfo=CITY_TIMEZONE)


def publication_dates(session: Session, items: Sequence[NewsItem]) -> dict[int, PublicationDate]:
    """The publication date of each item, by id (one query of the audit log)."""
    moments = _moments_on_their_day(
        session, [item for item in items if item.published_precision == DatePrecision.day]
    )
    return {
        item.id: PublicationDate(item.published_on, item.published_precision, moments.get(item.id))
        for item in items
        if item.id is not None
    }


def _moments_on_their_day(session: Session, items: Sequence[NewsItem]) -> dict[int, datetime]:
    """When each item first became public during its own day, where the audit log says so."""
    days = {item.id: item.published_on for item in items if item.id is not None}
    if not days:
        return {}
    entries = session.exec(
        select(AuditEntry.entity_id, AuditEntry.at, AuditEntry.action, AuditEntry.changes)
        .where(
            AuditEntry.entity_type == AuditEntity.news.value,
            col(AuditEntry.entity_id).in_(list(days)),
            col(AuditEntry.action).in_([action.value for action in _BECOMING_PUBLIC]),
            col(AuditEntry.at) >= midnight_in_krefeld(min(days.values())),
            col(AuditEntry.at) < midnight_in_krefeld(max(days.values()) + timedelta(days=1)),
        )
        .order_by(col(AuditEntry.at), col(AuditEntry.id))
    ).all()
    moments: dict[int, datetime] = {}
    for news_id, at, action, changes in entries:
        if news_id is None or news_id in moments or not _made_public(action, changes):
            continue
        if at.astimezone(CITY_TIMEZONE).date() == days[news_id]:
            moments[news_id] = at
    return moments


def _made_public(action: str, changes: Mapping[str, object]) -> bool:
    """Whether an audit entry records the item becoming published."""
    if action == AuditAction.published:
        return True
    status = changes.get("status")
    # A save records [before, after]; a new item's "before" is None.
    if not (isinstance(status, list) and len(status) == 2):
        return False
    before, after = status
    return after == "published" and before != "published"
