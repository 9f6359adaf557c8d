"""Slowing down password guessing without locking the real editor out.

Three counts of failed logins, each over the last 15 minutes (``WINDOW``):

* **Per username and client.** Three failures are free; after that each further failure
  doubles the wait before this client's next attempt for this username is even checked
  (1 s, 2 s, 4 s, … up to 15 minutes). A success of the pair clears its failures.
* **Per client, over all usernames** (password spraying from one address): ten failures
  are free, then the same doubling waits. A success does not clear them, so one valid
  account cannot wash an attacker's guesses at other accounts away.
* **Per username, over all clients** (guessing from many addresses). Once a username has
  ten failures in the window, a client that itself failed for this username in the window
  has no free failures left: it waits a time that doubles with the username's whole count
  (1 s at ten failures, the 15-minute cap from twenty on), counted from its own last
  failure. A client *without* a recent failure for the username is checked as usual, so
  the editor who types the right password on her own computer logs in at once while the
  attack goes on; each of the attacker's addresses gets one guess per wait instead of
  three free ones.

Rejected: refusing every client once a username is attacked (the old rule: a few failures
from anywhere refused even the right password, for a wait growing to 15 minutes), and
holding the answer back for a while (it would keep a worker thread or a connection busy
per attempt, which an attacker can multiply, and still leave the editor waiting).

Every count is keyed by the username as typed (normalised), whether or not the account
exists, and a refusal comes before the password is checked: an unknown username gets the
same answers, in the same time, as a known one. A refused attempt is not stored.

A "client" is one IPv4 address or one IPv6 /64 network: one connection usually holds a
whole /64, so single IPv6 addresses would give an attacker 2**64 fresh clients.
Attempts are stored with that client and deleted after a day (``ATTEMPTS_KEPT``), by the
daily clean-up (``services/retention.py``) and at every attempt.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, delete, func, select

from partner_app.models import LoginAttempt
from partner_app.services.client_networks import network_of

WINDOW = timedelta(minutes=15)
FREE_FAILURES = 3
CLIENT_FREE_FAILURES = 10
USERNAME_FREE_FAILURES = 10
MAX_WAIT = timedelta(minutes=15)
# Attempts hold a client address; long after the window they only count for nothing.
ATTEMPTS_KEPT = timedelta(days=1)
# The length of the stored client (LoginAttempt.client).
MAX_CLIENT_LENGTH = 100


def client_key(client: str) -> str:
    """The client as the throttle counts it: an IPv4 address or an IPv6 /64 network."""
    return network_of(client, ipv4_bits=32)[:MAX_CLIENT_LENGTH]


def wait_needed(session: Session, *, username: str, client: str, now: datetime) -> timedelta:
    """How long the next attempt for ``username`` from ``client`` must wait (0 = none).

    ``client`` is a :func:`client_key`.
    """
    since = now - WINDOW
    pair = (col(LoginAttempt.username) == username, col(LoginAttempt.client) == client)
    last_pair_success = session.exec(
        select(func.max(LoginAttempt.attempted_at)).where(
            *pair, col(LoginAttempt.succeeded).is_(True), LoginAttempt.attempted_at >= since
        )
    ).one()
    pair_since = max(since, _aware(last_pair_success)) if last_pair_success else since
    pair_failures, last_pair_failure = _failures(session, pair_since, *pair)
    client_failures, last_client_failure = _failures(
        session, since, col(LoginAttempt.client) == client
    )
    waits = [
        _remaining(last_pair_failure, delay_after(pair_failures), now),
        _remaining(last_client_failure, delay_after(client_failures, CLIENT_FREE_FAILURES), now),
    ]
    if pair_failures:
        username_failures, _ = _failures(session, since, col(LoginAttempt.username) == username)
        if username_failures >= USERNAME_FREE_FAILURES:
            attacked = _doubling(username_failures - USERNAME_FREE_FAILURES)
            waits.append(_remaining(last_pair_failure, attacked, now))
    return max(waits)


def record_attempt(
    session: Session, *, username: str, client: str, succeeded: bool, now: datetime
) -> None:
    """Remember an attempt and forget those older than a day (the caller commits)."""
    forget_old_attempts(session, now)
    session.add(
        LoginAttempt(username=username, client=client, succeeded=succeeded, attempted_at=now)
    )


def forget_old_attempts(session: Session, now: datetime) -> int:
    """Delete the attempts older than ``ATTEMPTS_KEPT``; how many (the caller commits)."""
    result = session.exec(
        delete(LoginAttempt).where(col(LoginAttempt.attempted_at) < now - ATTEMPTS_KEPT)
    )
    return result.rowcount


def delay_after(failures: int, free: int = FREE_FAILURES) -> timedelta:
    """The wait after ``failures`` recent failures: none, then 1 s, 2 s, 4 s, … up to the cap."""
    if failures < free:
        return timedelta(0)
    return _doubling(failures - free)


def _doubling(step: int) -> timedelta:
    exponent = min(step, 30)  # 2**30 s is far past the cap already
    return min(timedelta(seconds=2**exponent), MAX_WAIT)


def _failures(
    session: Session, since: datetime, *matches: ColumnElement[bool]
) -> tuple[int, datetime | None]:
    count, last = session.exec(
        select(func.count(), func.max(LoginAttempt.attempted_at)).where(
            *matches,
            col(LoginAttempt.succeeded).is_(False),
            LoginAttempt.attempted_at >= since,
        )
    ).one()
    return count, _aware(last) if last is not None else None


def _remaining(last_failure: datetime | None, delay: timedelta, now: datetime) -> timedelta:
    if last_failure is None or not delay:
        return timedelta(0)
    return max(last_failure + delay - now, timedelta(0))


def _aware(value: datetime) -> datetime:
    # Stored as UTC; an aggregate may come back without its time zone.
    return value if value.tzinfo else value.replace(tzinfo=UTC)
