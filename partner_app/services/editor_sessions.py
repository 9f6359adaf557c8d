"""Logging editors in and out, and checking their sessions on every request.

A session is a random token, new at every login, that the browser keeps in an HttpOnly
cookie (``partner_app/session_cookie.py``); only its SHA-256 hash is stored, and the
app's states see only the hash. It ends after
8 hours without activity, 7 days after login, on logout, and when the editor is
disabled or gets a new password.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from partner_app.models import Editor, EditorSession
from partner_app.services import login_throttle
from partner_app.services.editor_accounts import (
    MAX_PASSWORD_LENGTH,
    hash_password,
    normalize_username,
    password_matches,
)

IDLE_TIMEOUT = timedelta(hours=8)
ABSOLUTE_TIMEOUT = timedelta(days=7)
# Activity is written at most once a minute, not on every click.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)

LOGIN_FAILED = "Benutzername oder Passwort ist falsch."
LOGIN_THROTTLED = (
    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie {seconds} Sekunden "
    "und versuchen Sie es dann erneut."
)

# Checked against when the username is unknown, so both cases take the same time.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class LoginResult:
    """A new session token, or a message saying why there is none."""

    token: str | None = None
    error: str = ""
    # When the attempt was refused unchecked: how long to wait (0 for wrong credentials).
    wait_seconds: int = 0


@dataclass(frozen=True)
class SignedInEditor:
    """Who is signed in, as the admin needs to know it."""

    editor_id: int
    username: str


def hash_token(token: str) -> str:
    """The stored form of a session token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def log_in(
    session: Session, username: str, password: str, *, client: str, now: datetime
) -> LoginResult:
    """Check the credentials (throttled, see ``login_throttle``) and open a session.

    ``client`` is the client's address; the throttle counts it as its ``client_key``.
    """
    normalized = normalize_username(username)[:60]
    client = login_throttle.client_key(client)
    wait = login_throttle.wait_needed(session, username=normalized, client=client, now=now)
    if wait > timedelta(0):
        seconds = int(wait.total_seconds()) + 1
        return LoginResult(error=LOGIN_THROTTLED.format(seconds=seconds), wait_seconds=seconds)

    editor = session.exec(select(Editor).where(Editor.username == normalized)).first()
    password = password[:MAX_PASSWORD_LENGTH]
    matches = password_matches(editor.password_hash if editor else _DUMMY_HASH, password)
    succeeded = editor is not None and editor.is_active and matches
    login_throttle.record_attempt(
        session, username=normalized, client=client, succeeded=succeeded, now=now
    )
    if not succeeded or editor is None or editor.id is None:
        session.commit()
        return LoginResult(error=LOGIN_FAILED)

    token = secrets.token_urlsafe(32)
    session.add(
        EditorSession(
            token_hash=hash_token(token),
            editor_id=editor.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + ABSOLUTE_TIMEOUT,
        )
    )
    session.commit()
    return LoginResult(token=token)


def signed_in_editor(session: Session, token_hash: str, *, now: datetime) -> SignedInEditor | None:
    """The editor of a valid session (given by its token's hash), or ``None``; records activity."""
    if not token_hash:
        return None
    row = session.exec(
        select(EditorSession, Editor)
        .join(Editor, col(Editor.id) == EditorSession.editor_id)
        .where(EditorSession.token_hash == token_hash)
    ).first()
    if row is None:
        return None
    editor_session, editor = row
    if (
        editor_session.ended_at is not None
        or not editor.is_active
        or now >= editor_session.expires_at
        or now - editor_session.last_seen_at >= IDLE_TIMEOUT
    ):
        return None
    if now - editor_session.last_seen_at >= LAST_SEEN_RESOLUTION:
        editor_session.last_seen_at = now
        session.add(editor_session)
        session.commit()
    assert editor.id is not None
    return SignedInEditor(editor_id=editor.id, username=editor.username)


def log_out(session: Session, token_hash: str, *, now: datetime) -> None:
    """End the session of a token's hash (nothing happens for an unknown one)."""
    if not token_hash:
        return
    editor_session = session.exec(
        select(EditorSession).where(EditorSession.token_hash == token_hash)
    ).first()
    if editor_session is not None and editor_session.ended_at is None:
        editor_session.ended_at = now
        session.add(editor_session)
        session.commit()
