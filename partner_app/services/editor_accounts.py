"""Editor accounts: creation, passwords, disabling. There is no public registration.

Passwords are hashed with Argon2id (argon2-cffi's defaults follow RFC 9106).
"""

import re
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select, update

from partner_app.models import Editor, EditorSession, utc_now
from partner_app.services.form_validation import without_controls

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
_hasher = PasswordHasher()


class AccountError(ValueError):
    """A request about an account that cannot be done; the message is for people (German)."""


def normalize_username(username: str) -> str:
    """Usernames are case-insensitive and stored lower-case (a NUL never reaches a query)."""
    return without_controls(username).strip().lower()


def check_username(username: str) -> str:
    """The normalized username, or an :class:`AccountError`."""
    normalized = normalize_username(username)
    if not _USERNAME.fullmatch(normalized):
        msg = (
            "Der Benutzername muss 2 bis 60 Zeichen lang sein und darf nur Buchstaben a–z, "
            "Ziffern, Punkt, Binde- und Unterstrich enthalten."
        )
        raise AccountError(msg)
    return normalized


def check_password(password: str) -> None:
    """Raise an :class:`AccountError` unless ``password`` is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        msg = f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein."
        raise AccountError(msg)
    if len(password) > MAX_PASSWORD_LENGTH:
        msg = f"Das Passwort darf höchstens {MAX_PASSWORD_LENGTH} Zeichen lang sein."
        raise AccountError(msg)


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password``."""
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash`` (never raises)."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def find_editor(session: Session, username: str) -> Editor | None:
    """The editor with this username (any case), or ``None``."""
    normalized = normalize_username(username)
    return session.exec(select(Editor).where(Editor.username == normalized)).first()


def create_editor(session: Session, username: str, password: str) -> Editor:
    """Create an active editor; the username must be new."""
    normalized = check_username(username)
    check_password(password)
    if find_editor(session, normalized) is not None:
        msg = f"Den Benutzer „{normalized}“ gibt es bereits."
        raise AccountError(msg)
    editor = Editor(username=normalized, password_hash=hash_password(password))
    session.add(editor)
    session.commit()
    session.refresh(editor)
    return editor


def set_password(session: Session, username: str, password: str) -> Editor:
    """Give an editor a new password and end all of their sessions."""
    editor = _existing(session, username)
    check_password(password)
    now = utc_now()
    editor.password_hash = hash_password(password)
    editor.password_changed_at = now
    session.add(editor)
    end_all_sessions(session, editor, now=now)
    session.commit()
    return editor


def disable_editor(session: Session, username: str) -> Editor:
    """Disable an editor: no more logins, and every open session ends at once."""
    editor = _existing(session, username)
    editor.is_active = False
    session.add(editor)
    end_all_sessions(session, editor, now=utc_now())
    session.commit()
    return editor


def enable_editor(session: Session, username: str) -> Editor:
    """Allow a disabled editor to log in again (with their current password)."""
    editor = _existing(session, username)
    editor.is_active = True
    session.add(editor)
    session.commit()
    return editor


def end_all_sessions(session: Session, editor: Editor, *, now: datetime) -> None:
    """End every open session of ``editor`` (the caller commits)."""
    session.exec(
        update(EditorSession)
        .where(col(EditorSession.editor_id) == editor.id, col(EditorSession.ended_at).is_(None))
        .values(ended_at=now)
    )


def _existing(session: Session, username: str) -> Editor:
    editor = find_editor(session, username)
    if editor is None:
        msg = f"Den Benutzer „{normalize_username(username)}“ gibt es nicht."
        raise AccountError(msg)
    return editor
