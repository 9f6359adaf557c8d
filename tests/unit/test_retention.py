"""The daily clean-up deletes what the privacy notice promises to delete, and nothing else."""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from partner_app.models import ContactMessage, EditorSession, LoginAttempt
from partner_app.services import login_throttle
from partner_app.services.editor_accounts import create_editor
from partner_app.services.editor_sessions import ABSOLUTE_TIMEOUT
from partner_app.services.retention import (
    ENDED_SESSION_KEPT,
    PurgeSummary,
    purge_expired_data,
)

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def _attempt(session: Session, client: str, *, age: timedelta) -> None:
    session.add(
        LoginAttempt(username="redaktion", client=client, succeeded=False, attempted_at=NOW - age)
    )


def _message(
    session: Session, name: str, *, age: timedelta, done_for: timedelta | None = None
) -> None:
    session.add(
        ContactMessage(
            received_at=NOW - age,
            name=name,
            email="x@example.org",
            sender_key=f"schluessel-{name}",
            text="Hallo",
            done=done_for is not None,
            done_at=NOW - done_for if done_for is not None else None,
            done_by="redaktion" if done_for is not None else "",
        )
    )


def _session(
    session: Session,
    token_hash: str,
    editor_id: int,
    *,
    created: timedelta,
    ended: timedelta | None = None,
) -> None:
    created_at = NOW - created
    session.add(
        EditorSession(
            token_hash=token_hash,
            editor_id=editor_id,
            created_at=created_at,
            last_seen_at=created_at,
            expires_at=created_at + ABSOLUTE_TIMEOUT,
            ended_at=NOW - ended if ended is not None else None,
        )
    )


def test_everything_past_its_period_goes_and_nothing_else(session: Session) -> None:
    editor_id = create_editor(session, "redaktion", "richtig-langes-passwort").id
    assert editor_id is not None
    day = timedelta(days=1)
    _attempt(session, "198.51.100.1", age=login_throttle.ATTEMPTS_KEPT + timedelta(minutes=1))
    _attempt(session, "198.51.100.2", age=login_throttle.ATTEMPTS_KEPT - timedelta(minutes=1))
    _message(session, "gestern", age=day + timedelta(minutes=1))
    _message(session, "heute", age=timedelta(hours=1))
    _message(session, "lange-erledigt", age=100 * day, done_for=90 * day + timedelta(minutes=1))
    _message(session, "kuerzlich-erledigt", age=100 * day, done_for=89 * day)
    _message(session, "lange-offen", age=400 * day)
    _session(session, "abgemeldet-alt", editor_id, created=31 * day, ended=31 * day)
    _session(session, "abgemeldet-neu", editor_id, created=29 * day, ended=29 * day)
    # Expired (7 days after login) more than 30 days ago, never logged out.
    _session(session, "abgelaufen", editor_id, created=ENDED_SESSION_KEPT + ABSOLUTE_TIMEOUT + day)
    # Idle since 36 days: ended 8 hours later, although its absolute expiry is 29 days ago.
    _session(session, "untaetig", editor_id, created=36 * day)
    _session(session, "aktiv", editor_id, created=timedelta(hours=1))
    session.commit()

    summary = purge_expired_data(session, NOW)

    assert summary == PurgeSummary(login_attempts=1, sender_keys=4, messages=1, editor_sessions=3)
    assert session.exec(select(LoginAttempt.client)).all() == ["198.51.100.2"]
    keys = dict(session.exec(select(ContactMessage.name, ContactMessage.sender_key)).all())
    assert keys == {
        "gestern": "",
        "heute": "schluessel-heute",
        "kuerzlich-erledigt": "",
        "lange-offen": "",
    }
    hashes = session.exec(select(EditorSession.token_hash).order_by(col(EditorSession.id))).all()
    assert hashes == ["abgemeldet-neu", "aktiv"]
    # Nothing is left to purge a moment later.
    assert purge_expired_data(session, NOW) == PurgeSummary(0, 0, 0, 0)
