"""Dates as precisely as they are known: a time only when known, no invented day."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from partner_app.models import AuditAction, AuditEntity, DatePrecision, NewsItem, NewsStatus
from partner_app.services import audit_log
from partner_app.services.news_dates import PublicationDate, publication_dates
from tests.unit.factories import add_news

DAY = date(2026, 3, 10)


def log(
    session: Session, news_id: int, action: AuditAction, at: datetime, **changes: object
) -> None:
    audit_log.record(
        session,
        editor="anna",
        action=action,
        entity_type=AuditEntity.news,
        entity_id=news_id,
        label="x",
        changes=dict(changes),
        at=at,
    )
    session.commit()


def dated(session: Session, precision: DatePrecision = DatePrecision.day) -> int:
    item = add_news(session, "x", published_on=DAY, precision=precision)
    session.commit()
    assert item.id is not None
    return item.id


def date_of(session: Session, news_id: int) -> PublicationDate:
    items = session.exec(select(NewsItem)).all()
    return publication_dates(session, items)[news_id]


def test_an_item_made_public_on_its_day_carries_that_moment(session: Session) -> None:
    news_id = dated(session)
    log(
        session,
        news_id,
        AuditAction.created,
        datetime(2026, 3, 10, 8, 0, tzinfo=UTC),
        status=[None, "draft"],
    )
    log(session, news_id, AuditAction.published, datetime(2026, 3, 10, 13, 5, tzinfo=UTC))
    # Withdrawn and published again the same day: it first appeared at 14:05.
    log(session, news_id, AuditAction.published, datetime(2026, 3, 10, 15, 0, tzinfo=UTC))

    published = date_of(session, news_id)

    assert published.iso == "2026-03-10T14:05:00+01:00"
    assert published.feed_time == datetime(2026, 3, 10, 13, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("action", "changes"),
    [
        (AuditAction.created, {"status": [None, "published"]}),
        (AuditAction.changed, {"status": ["draft", "published"], "title": ["a", "b"]}),
    ],
)
def test_a_save_that_publishes_counts(session: Session, action: AuditAction, changes: dict) -> None:
    news_id = dated(session)
    log(session, news_id, action, datetime(2026, 3, 10, 9, 30, tzinfo=UTC), **changes)

    assert date_of(session, news_id).iso == "2026-03-10T10:30:00+01:00"


def test_a_save_that_does_not_publish_or_another_day_gives_the_day_alone(
    session: Session,
) -> None:
    news_id = dated(session)
    # Saved on its day without publishing; published a day early (scheduled); a late edit.
    log(
        session,
        news_id,
        AuditAction.changed,
        datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        title=["a", "b"],
    )
    log(session, news_id, AuditAction.published, datetime(2026, 3, 9, 12, 0, tzinfo=UTC))
    log(
        session,
        news_id,
        AuditAction.changed,
        datetime(2026, 3, 11, 9, 0, tzinfo=UTC),
        status=["draft", "published"],
    )

    published = date_of(session, news_id)

    assert published.iso == "2026-03-10"
    # RSS and Atom need a time: midnight in Krefeld, when a scheduled item appears.
    assert published.feed_time == datetime(2026, 3, 9, 23, 0, tzinfo=UTC)


def test_the_days_borders_are_krefelds(session: Session) -> None:
    news_id = dated(session)
    # 23:30 UTC on the 9th is already the 10th in Krefeld.
    log(session, news_id, AuditAction.published, datetime(2026, 3, 9, 23, 30, tzinfo=UTC))

    assert date_of(session, news_id).iso == "2026-03-10T00:30:00+01:00"


@pytest.mark.parametrize(
    ("precision", "iso"), [(DatePrecision.month, "2026-03"), (DatePrecision.year, "2026")]
)
def test_a_date_known_to_the_month_or_year_has_no_day(
    session: Session, precision: DatePrecision, iso: str
) -> None:
    news_id = dated(session, precision)
    log(session, news_id, AuditAction.published, datetime(2026, 3, 10, 13, 5, tzinfo=UTC))

    published = date_of(session, news_id)

    assert published.iso == iso
    assert published.feed_time is None
    assert published.moment is None


def test_other_items_entries_do_not_count(session: Session) -> None:
    news_id = dated(session)
    other = add_news(session, "y", published_on=DAY, status=NewsStatus.draft)
    session.commit()
    assert other.id is not None
    log(session, other.id, AuditAction.published, datetime(2026, 3, 10, 13, 5, tzinfo=UTC))
    audit_log.record(
        session,
        editor="anna",
        action=AuditAction.published,
        entity_type=AuditEntity.partnership,
        entity_id=news_id,
        label="Venlo",
        changes={},
        at=datetime(2026, 3, 10, 13, 5, tzinfo=UTC),
    )
    session.commit()

    assert date_of(session, news_id).moment is None
