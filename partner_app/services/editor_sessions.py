"""Logging editors in and out, and checking their sessions on every request.

A session is a random token, new at every login, that the browser keeps in an HttpOnly
cookie (``partner_app/session_cookie.py``); only its SHA-256 hash is stored, and the
app's states see only the hash. It ends after
8 hours without activity, 7 days after login, on logout, and when the editor is
disabled or gets a new password.

An editor with the second factor (``services/two_factor.py``) gets no session for the
password alone: :func:`log_in` then answers a signed, five-minute *pending login* that
:func:`log_in_with_code` turns into a session with a code. For such an editor a correct
password is not recorded as a success, so it never clears the failures of wrong codes.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from partner_app.models import Editor, EditorSession
from partner_app.services import login_throttle, two_factor
from partner_app.services.editor_accounts import (
    MAX_PASSWORD_LENGTH,
    hash_password,
    normalize_username,
    password_matches,
)
from partner_app.settings import secret_key, two_factor_required

IDLE_TIMEOUT = timedelta(hours=8)
ABSOLUTE_TIMEOUT = timedelta(days=7)
# How long the code may be typed after the password.
PENDING_LOGIN_TIMEOUT = timedelta(minutes=5)
# Activity is written at most once a minute, not on every click.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)

LOGIN_FAILED = "Benutzername oder Passwort ist falsch."
CODE_FAILED = "Der Code stimmt nicht."
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
    # The password was right and a code is needed next: the signed pending login.
    pending: str | None = None
    # The second factor is required but not set up: the admin opens only its set-up.
    must_enrol: bool = False


@dataclass(frozen=True)
class SignedInEditor:
    """Who is signed in, as the admin needs to know it."""

    editor_id: int
    username: str
    # The second factor is required (settings) and not set up yet: only its set-up is open.
    must_enrol: bool = False


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
    if succeeded and editor is not None and two_factor.uses_two_factor(editor):
        # Half a login: the code decides whether it counts as a success or a failure.
        return LoginResult(pending=pending_login(editor, now=now))
    login_throttle.record_attempt(
        session, username=normalized, client=client, succeeded=succeeded, now=now
    )
    if not succeeded or editor is None or editor.id is None:
        session.commit()
        return LoginResult(error=LOGIN_FAILED)
    return LoginResult(
        token=_open_session(session, editor, now=now), must_enrol=two_factor_required()
    )


def log_in_with_code(
    session: Session, pending: str, code: str, *, client: str, now: datetime
) -> LoginResult:
    """The second step: a code (TOTP or recovery) for a pending login opens the session.

    Throttled and recorded like passwords, for the same username and client.
    ``LoginResult.error`` is empty when the pending login itself is gone (expired, forged,
    a new password since): the password is needed again.
    """
    editor = pending_login_editor(session, pending, now=now)
    if editor is None:
        return LoginResult()
    client = login_throttle.client_key(client)
    wait = login_throttle.wait_needed(session, username=editor.username, client=client, now=now)
    if wait > timedelta(0):
        seconds = int(wait.total_seconds()) + 1
        return LoginResult(
            error=LOGIN_THROTTLED.format(seconds=seconds), wait_seconds=seconds, pending=pending
        )
    succeeded = two_factor.check_code(session, editor, code, now=now)
    login_throttle.record_attempt(
        session, username=editor.username, client=client, succeeded=succeeded, now=now
    )
    if not succeeded:
        session.commit()
        return LoginResult(error=CODE_FAILED, pending=pending)
    return LoginResult(token=_open_session(session, editor, now=now))


def pending_login(editor: Editor, *, now: datetime) -> str:
    """A signed token naming ``editor`` for :data:`PENDING_LOGIN_TIMEOUT`.

    It is bound to the password hash, so a new password ends a pending login too.
    """
    expires = int((now + PENDING_LOGIN_TIMEOUT).timestamp())
    payload = f"{editor.id}.{expires}"
    return f"{payload}.{_pending_signature(payload, editor.password_hash)}"


def pending_login_editor(session: Session, pending: str, *, now: datetime) -> Editor | None:
    """The active editor with the second factor of a valid pending login, or ``None``."""
    editor_id, _, rest = pending.partition(".")
    expires, _, signature = rest.partition(".")
    if not (editor_id.isdigit() and expires.isdigit()) or int(expires) <= now.timestamp():
        return None
    editor = session.get(Editor, int(editor_id))
    if editor is None or not editor.is_active or not two_factor.uses_two_factor(editor):
        return None
    expected = _pending_signature(f"{editor_id}.{expires}", editor.password_hash)
    return editor if hmac.compare_digest(expected, signature) else None


def _pending_signature(payload: str, password_hash: str) -> str:
    message = f"pending-login:{payload}:{password_hash}".encode()
    return hmac.new(secret_key(), message, hashlib.sha256).hexdigest()


def _open_session(session: Session, editor: Editor, *, now: datetime) -> str:
    assert editor.id is not None
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
    return token


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
    must_enrol = two_factor_required() and not two_factor.uses_two_factor(editor)
    return SignedInEditor(editor_id=editor.id, username=editor.username, must_enrol=must_enrol)


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
