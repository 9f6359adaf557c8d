"""Slowing down password guessing, per username and per client.

A few failures are free; after that each further failure doubles the wait before
the next attempt is even checked, up to a cap. Failures older than the window
no longer count, and a successful login clears its username's failures.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, delete, func, select

from partner_app.models import LoginAttempt

WINDOW = timedelta(minutes=15)
FREE_FAILURES = 3
MAX_WAIT = timedelta(minutes=15)
# Attempts hold a client address; long after the window they only count for nothing.
ATTEMPTS_KEPT = timedelta(days=1)


def wait_needed(session: Session, *, username: str, client: str, now: datetime) -> timedelta:
    """How long the next attempt for ``username`` or from ``client`` must wait (0 = none)."""
    return max(
        _wait_for(session, col(LoginAttempt.username) == username, now, clear_on_success=True),
        _wait_for(session, col(LoginAttempt.client) == client, now, clear_on_success=False),
    )


def record_attempt(
    session: Session, *, username: str, client: str, succeeded: bool, now: datetime
) -> None:
    """Remember an attempt and forget those older than a day (the caller commits)."""
    session.exec(delete(LoginAttempt).where(col(LoginAttempt.attempted_at) < now - ATTEMPTS_KEPT))
    session.add(
        LoginAttempt(username=username, client=client, succeeded=succeeded, attempted_at=now)
    )


def delay_after(failures: int) -> timedelta:
    """The wait after ``failures`` recent failures: none, then 1 s, 2 s, 4 s, … up to the cap."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    exponent = min(failures - FREE_FAILURES, 30)  # 2**30 s is far past the cap already
    return min(timedelta(seconds=2**exponent), MAX_WAIT)


def _wait_for(
    session: Session, matches: ColumnElement[bool], now: datetime, *, clear_on_success: bool
) -> timedelta:
    since = now - WINDOW
    if clear_on_success:
        last_success = session.exec(
            select(func.max(LoginAttempt.attempted_at)).where(
                matches, col(LoginAttempt.succeeded).is_(True), LoginAttempt.attempted_at >= since
            )
        ).one()
        if last_success is not None:
            since = max(since, _aware(last_success))
    failures, last_failure = session.exec(
        select(func.count(), func.max(LoginAttempt.attempted_at)).where(
            matches, col(LoginAttempt.succeeded).is_(False), LoginAttempt.attempted_at >= since
        )
    ).one()
    if not failures or last_failure is None:
        return timedelta(0)
    remaining = _aware(last_failure) + delay_after(failures) - now
    return max(remaining, timedelta(0))


def _aware(value: datetime) -> datetime:
    # Stored as UTC; an aggregate may come back without its time zone.
    return value if value.tzinfo else value.replace(tzinfo=UTC)
