"""The optional second factor of the login: TOTP codes (RFC 6238) and one-time recovery codes.

An editor enrols on their own account page: a new secret is stored (not yet enabled),
the authenticator app reads it from a QR code, and the first correct code enables it and
hands out ten recovery codes, shown once.

- The secret is stored encrypted (Fernet, its key derived from the app's secret key by
  HMAC), so a copy of the database or a backup file alone does not give it away. Should
  the secret key change, the secrets cannot be read any more: those editors' second
  factor is reset on the command line (``reset-two-factor``).
- A code is accepted for the current 30-second step and one step either side (clocks
  drift), and only for a step later than the last one used, so an overheard code is
  worth nothing once it has logged in.
- Recovery codes are random (about 50 bits), so a keyed hash (HMAC-SHA-256 with the
  secret key) is enough; Argon2 would cost a core per code tried. Each works once.
"""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import segno
from cryptography.fernet import Fernet, InvalidToken
from pyotp import random_base32
from pyotp.totp import TOTP
from sqlmodel import Session, col, delete, func, select

from partner_app.models import Editor, RecoveryCode, utc_now
from partner_app.services import login_throttle
from partner_app.services.editor_accounts import (
    MAX_PASSWORD_LENGTH,
    AccountError,
    end_all_sessions,
    find_editor,
    normalize_username,
    password_matches,
)
from partner_app.settings import secret_key

ISSUER = "Städtepartnerschaften Krefeld"
STEP_SECONDS = 30
# Steps accepted either side of the current one.
VALID_WINDOW = 1
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: the codes are read off paper and typed.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_HALF = 5
_TOTP_CODE = re.compile(r"^\d{6}$")

INVALID_CODE = "Der Code stimmt nicht. Bitte geben Sie den aktuellen Code Ihrer App ein."
NOT_ENROLLING = "Bitte beginnen Sie die Einrichtung noch einmal."
DISABLE_FAILED = "Das Passwort oder der Code stimmt nicht."
THROTTLED = (
    "Zu viele fehlgeschlagene Versuche. Bitte warten Sie {seconds} Sekunden "
    "und versuchen Sie es dann erneut."
)


class TwoFactorError(ValueError):
    """A two-factor step that cannot be done; the message is for people (German)."""


@dataclass(frozen=True)
class Enrolment:
    """What the editor needs to add the account to an authenticator app."""

    secret: str
    qr_svg_data_uri: str
    secret_for_typing: str


@dataclass(frozen=True)
class TwoFactorStatus:
    """Whether an editor uses the second factor, and how many recovery codes are left."""

    enabled: bool
    recovery_codes_left: int


def _fernet() -> Fernet:
    key = hmac.new(secret_key(), b"partner-app totp secret", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_secret(secret: str) -> str:
    """The stored form of a TOTP secret."""
    return _fernet().encrypt(secret.encode()).decode()


def decrypt_secret(stored: str | None) -> str | None:
    """The TOTP secret of a stored value (``None`` if unreadable, e.g. after a new key)."""
    if not stored:
        return None
    try:
        return _fernet().decrypt(stored.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def normalize_code(code: str) -> str:
    """A typed code without spaces and dashes, lower-case."""
    return re.sub(r"[\s-]", "", code).lower()[:40]


def accepted_step(secret: str, code: str, *, now: datetime, last_step: int | None) -> int | None:
    """The time step a 6-digit ``code`` belongs to, or ``None`` if it is wrong or used."""
    code = normalize_code(code)
    if not _TOTP_CODE.fullmatch(code):
        return None
    totp = TOTP(secret, interval=STEP_SECONDS)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _recovery_hash(editor_id: int, code: str) -> str:
    message = f"{editor_id}:{normalize_code(code)}".encode()
    return hmac.new(secret_key(), b"recovery:" + message, hashlib.sha256).hexdigest()


def _new_recovery_code() -> str:
    halves = (
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_HALF)) for _ in range(2)
    )
    return "-".join(halves)


def start_enrolment(session: Session, editor: Editor) -> Enrolment:
    """Store a new secret for ``editor`` (not yet enabled) and say how to add it to an app."""
    if editor.totp_enabled_at is not None:
        msg = "Die Zwei-Faktor-Anmeldung ist bereits eingerichtet."
        raise TwoFactorError(msg)
    secret = random_base32()
    editor.totp_secret = encrypt_secret(secret)
    editor.totp_last_step = None
    session.add(editor)
    session.commit()
    uri = TOTP(secret, interval=STEP_SECONDS).provisioning_uri(
        name=editor.username, issuer_name=ISSUER
    )
    # Dark on white whatever the page's colour scheme: scanners need the contrast.
    qr = segno.make(uri, error="m").svg_data_uri(scale=5, border=4, light="#fff", dark="#000")
    spaced = " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
    return Enrolment(secret=secret, qr_svg_data_uri=qr, secret_for_typing=spaced)


def confirm_enrolment(session: Session, editor: Editor, code: str, *, now: datetime) -> list[str]:
    """Enable the second factor with the first code from the app; the new recovery codes."""
    secret = decrypt_secret(editor.totp_secret)
    if editor.totp_enabled_at is not None or secret is None or editor.id is None:
        raise TwoFactorError(NOT_ENROLLING)
    step = accepted_step(secret, code, now=now, last_step=None)
    if step is None:
        raise TwoFactorError(INVALID_CODE)
    editor.totp_enabled_at = now
    editor.totp_last_step = step
    session.add(editor)
    codes = _replace_recovery_codes(session, editor.id, now=now)
    session.commit()
    return codes


def cancel_enrolment(session: Session, editor: Editor) -> None:
    """Forget a secret never confirmed."""
    if editor.totp_enabled_at is None and editor.totp_secret is not None:
        editor.totp_secret = None
        session.add(editor)
        session.commit()


def _replace_recovery_codes(session: Session, editor_id: int, *, now: datetime) -> list[str]:
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.editor_id) == editor_id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        session.add(
            RecoveryCode(
                editor_id=editor_id, code_hash=_recovery_hash(editor_id, code), created_at=now
            )
        )
    return codes


def uses_two_factor(editor: Editor) -> bool:
    """Whether a login of ``editor`` needs a code after the password."""
    return editor.totp_enabled_at is not None


def check_code(session: Session, editor: Editor, code: str, *, now: datetime) -> bool:
    """Whether ``code`` is a current TOTP code or an unused recovery code of ``editor``.

    Either is used up by a success (the caller commits).
    """
    if editor.id is None or not uses_two_factor(editor):
        return False
    secret = decrypt_secret(editor.totp_secret)
    if secret is not None:
        step = accepted_step(secret, code, now=now, last_step=editor.totp_last_step)
        if step is not None:
            editor.totp_last_step = step
            session.add(editor)
            return True
    recovery = session.exec(
        select(RecoveryCode).where(
            RecoveryCode.editor_id == editor.id,
            RecoveryCode.code_hash == _recovery_hash(editor.id, code),
            col(RecoveryCode.used_at).is_(None),
        )
    ).first()
    if recovery is None:
        return False
    recovery.used_at = now
    session.add(recovery)
    return True


def status(session: Session, editor: Editor) -> TwoFactorStatus:
    """Whether ``editor`` uses the second factor and how many recovery codes remain."""
    left = session.exec(
        select(func.count()).where(
            RecoveryCode.editor_id == editor.id, col(RecoveryCode.used_at).is_(None)
        )
    ).one()
    return TwoFactorStatus(enabled=uses_two_factor(editor), recovery_codes_left=left)


def remove_two_factor(session: Session, editor: Editor) -> None:
    """Switch the second factor off: secret and recovery codes are deleted (the caller commits)."""
    editor.totp_secret = None
    editor.totp_enabled_at = None
    editor.totp_last_step = None
    session.add(editor)
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.editor_id) == editor.id))


def disable_with_proof(
    session: Session, editor: Editor, proof: str, *, client: str, now: datetime
) -> None:
    """Switch the second factor off when ``proof`` is the password or a current code.

    A wrong proof counts as a failed login of the editor from ``client`` (and is refused
    while the throttle says wait), so a session left open cannot be used to guess the
    password. Raises :class:`TwoFactorError` with the reason.
    """
    client = login_throttle.client_key(client)
    wait = login_throttle.wait_needed(session, username=editor.username, client=client, now=now)
    if wait > timedelta(0):
        seconds = int(wait.total_seconds()) + 1
        raise TwoFactorError(THROTTLED.format(seconds=seconds))
    proof = proof[:MAX_PASSWORD_LENGTH]
    proven = password_matches(editor.password_hash, proof) or check_code(
        session, editor, proof, now=now
    )
    if not proven:
        login_throttle.record_attempt(
            session, username=editor.username, client=client, succeeded=False, now=now
        )
        session.commit()
        raise TwoFactorError(DISABLE_FAILED)
    remove_two_factor(session, editor)
    session.commit()


def reset_two_factor(session: Session, username: str) -> Editor:
    """Remove an editor's second factor and end all of their sessions (the command line)."""
    editor = find_editor(session, username)
    if editor is None:
        msg = f"Den Benutzer „{normalize_username(username)}“ gibt es nicht."
        raise AccountError(msg)
    remove_two_factor(session, editor)
    end_all_sessions(session, editor, now=utc_now())
    session.commit()
    return editor
