"""The two-factor login: enrolment, TOTP codes at a fixed time, recovery codes, the login steps."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from pyotp import random_base32
from pyotp.totp import TOTP
from sqlmodel import Session, col, select

from partner_app import settings
from partner_app.models import Editor, EditorSession, LoginAttempt, RecoveryCode
from partner_app.services import two_factor
from partner_app.services.editor_accounts import AccountError, create_editor, set_password
from partner_app.services.editor_sessions import (
    CODE_FAILED,
    LOGIN_FAILED,
    hash_token,
    log_in,
    log_in_with_code,
    pending_login,
    signed_in_editor,
)
from partner_app.services.two_factor import TwoFactorError

PASSWORD = "richtig-langes-passwort"
NOW = datetime(2026, 11, 25, 10, 0, 10, tzinfo=UTC)
CLIENT = "192.0.2.7"


def code_at(secret: str, when: datetime) -> str:
    return TOTP(secret).at(when)


@pytest.fixture
def editor(session: Session) -> Editor:
    return create_editor(session, "redaktion", PASSWORD)


def enrol(session: Session, editor: Editor) -> tuple[str, list[str]]:
    """Set the second factor up for ``editor``; its secret and recovery codes."""
    secret = two_factor.start_enrolment(session, editor).secret
    codes = two_factor.confirm_enrolment(session, editor, code_at(secret, NOW), now=NOW)
    return secret, codes


def pending_for(session: Session, *, now: datetime = NOW) -> str:
    result = log_in(session, "redaktion", PASSWORD, client=CLIENT, now=now)
    assert result.token is None
    assert result.pending is not None
    return result.pending


def test_the_secret_is_stored_encrypted_and_shown_as_qr_code_and_text(
    session: Session, editor: Editor
) -> None:
    enrolment = two_factor.start_enrolment(session, editor)
    session.refresh(editor)
    assert editor.totp_secret is not None
    assert enrolment.secret not in editor.totp_secret
    assert two_factor.decrypt_secret(editor.totp_secret) == enrolment.secret
    assert enrolment.qr_svg_data_uri.startswith("data:image/svg+xml")
    assert enrolment.secret_for_typing.replace(" ", "") == enrolment.secret
    # Not enabled before the first code: the login still needs only the password.
    assert log_in(session, "redaktion", PASSWORD, client=CLIENT, now=NOW).token


def test_another_secret_key_cannot_read_the_secret(
    session: Session, editor: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_factor.start_enrolment(session, editor)
    monkeypatch.setenv(settings.SECRET_KEY_VARIABLE, "ein-ganz-anderer-schluessel-" + "y" * 32)
    assert two_factor.decrypt_secret(editor.totp_secret) is None


def test_enrolment_needs_a_correct_code_and_then_gives_ten_recovery_codes(
    session: Session, editor: Editor
) -> None:
    secret = two_factor.start_enrolment(session, editor).secret
    with pytest.raises(TwoFactorError, match="Code stimmt nicht"):
        two_factor.confirm_enrolment(session, editor, "000000", now=NOW)
    assert not two_factor.uses_two_factor(editor)

    codes = two_factor.confirm_enrolment(session, editor, code_at(secret, NOW), now=NOW)
    assert len(set(codes)) == two_factor.RECOVERY_CODE_COUNT == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", code) for code in codes)
    assert two_factor.uses_two_factor(editor)
    stored = session.exec(select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10
    assert not {code for code in codes for row in stored if code.replace("-", "") in row}
    assert two_factor.status(session, editor) == two_factor.TwoFactorStatus(True, 10)


def test_a_cancelled_enrolment_forgets_the_secret(session: Session, editor: Editor) -> None:
    two_factor.start_enrolment(session, editor)
    two_factor.cancel_enrolment(session, editor)
    assert editor.totp_secret is None
    with pytest.raises(TwoFactorError, match="noch einmal"):
        two_factor.confirm_enrolment(session, editor, "123456", now=NOW)


def test_codes_are_accepted_one_step_either_side_and_never_twice() -> None:
    secret = random_base32()
    step = int(NOW.timestamp()) // 30
    for offset in (-1, 0, 1):
        code = code_at(secret, NOW + timedelta(seconds=30 * offset))
        assert two_factor.accepted_step(secret, code, now=NOW, last_step=None) == step + offset
    too_old = code_at(secret, NOW - timedelta(seconds=60))
    assert two_factor.accepted_step(secret, too_old, now=NOW, last_step=None) is None
    current = code_at(secret, NOW)
    assert two_factor.accepted_step(secret, current, now=NOW, last_step=step) is None
    assert two_factor.accepted_step(
        secret, current[:3] + " " + current[3:], now=NOW, last_step=None
    )
    assert two_factor.accepted_step(secret, "abcdef", now=NOW, last_step=None) is None


def test_the_password_alone_opens_no_session_but_the_code_does(
    session: Session, editor: Editor
) -> None:
    secret, _ = enrol(session, editor)
    pending = pending_for(session)
    assert session.exec(select(EditorSession)).all() == []
    later = NOW + timedelta(seconds=30)
    result = log_in_with_code(session, pending, code_at(secret, later), client=CLIENT, now=later)
    assert result.token is not None
    assert signed_in_editor(session, hash_token(result.token), now=later) is not None


def test_a_used_code_is_refused_for_the_next_login(session: Session, editor: Editor) -> None:
    secret, _ = enrol(session, editor)
    later = NOW + timedelta(seconds=30)
    code = code_at(secret, later)
    assert log_in_with_code(session, pending_for(session), code, client=CLIENT, now=later).token
    again = log_in_with_code(session, pending_for(session), code, client=CLIENT, now=later)
    assert again.token is None
    assert again.error == CODE_FAILED


def test_a_recovery_code_works_once(session: Session, editor: Editor) -> None:
    _, codes = enrol(session, editor)
    typed = codes[0].upper().replace("-", " ")
    assert log_in_with_code(session, pending_for(session), typed, client=CLIENT, now=NOW).token
    second = log_in_with_code(session, pending_for(session), codes[0], client=CLIENT, now=NOW)
    assert second.token is None
    assert two_factor.status(session, editor).recovery_codes_left == 9


def test_wrong_codes_count_in_the_throttle_and_the_password_does_not_clear_them(
    session: Session, editor: Editor
) -> None:
    secret, _ = enrol(session, editor)
    for second in range(4):
        now = NOW + timedelta(seconds=second)
        result = log_in_with_code(
            session, pending_for(session, now=now), "000000", client=CLIENT, now=now
        )
        assert result.error == CODE_FAILED
    attempts = session.exec(select(LoginAttempt)).all()
    assert [attempt.succeeded for attempt in attempts] == [False] * 4
    assert {attempt.username for attempt in attempts} == {"redaktion"}
    # The fourth failure costs a wait: even the right password and code wait now.
    now = NOW + timedelta(seconds=4)
    refused = log_in(session, "redaktion", PASSWORD, client=CLIENT, now=now)
    assert refused.wait_seconds > 0
    # A pending login made before the wait began is held up at the code too.
    pending = pending_login(editor, now=now)
    waited = log_in_with_code(session, pending, code_at(secret, now), client=CLIENT, now=now)
    assert waited.token is None
    assert waited.wait_seconds > 0
    # Another client is not held up by this one's failures.
    assert log_in(session, "redaktion", PASSWORD, client="198.51.100.1", now=now).pending


def test_a_pending_login_ends_after_five_minutes_a_new_password_or_forgery(
    session: Session, editor: Editor
) -> None:
    secret, _ = enrol(session, editor)
    pending = pending_for(session)
    late = NOW + timedelta(minutes=5, seconds=1)
    expired = log_in_with_code(session, pending, code_at(secret, late), client=CLIENT, now=late)
    assert (expired.token, expired.pending, expired.error) == (None, None, "")

    editor_id, expires, signature = pending_for(session).split(".")
    forged = f"{editor_id}.{int(expires) + 3600}.{signature}"
    assert log_in_with_code(session, forged, "000000", client=CLIENT, now=NOW).pending is None

    pending = pending_for(session)
    set_password(session, "redaktion", "ein-ganz-neues-passwort")
    later = NOW + timedelta(seconds=30)
    changed = log_in_with_code(session, pending, code_at(secret, later), client=CLIENT, now=later)
    assert changed.pending is None


def test_a_wrong_password_of_a_two_factor_editor_is_an_ordinary_failure(
    session: Session, editor: Editor
) -> None:
    enrol(session, editor)
    result = log_in(session, "redaktion", "falsch-falsch-falsch", client=CLIENT, now=NOW)
    assert (result.token, result.pending, result.error) == (None, None, LOGIN_FAILED)


def test_switching_off_needs_the_password_or_a_current_code(
    session: Session, editor: Editor
) -> None:
    secret, _ = enrol(session, editor)
    with pytest.raises(TwoFactorError, match="stimmt nicht"):
        two_factor.disable_with_proof(session, editor, "geraten", client=CLIENT, now=NOW)
    assert session.exec(select(col(LoginAttempt.succeeded))).all() == [False]
    assert two_factor.uses_two_factor(editor)
    later = NOW + timedelta(seconds=30)
    two_factor.disable_with_proof(session, editor, code_at(secret, later), client=CLIENT, now=later)
    assert not two_factor.uses_two_factor(editor)
    assert editor.totp_secret is None
    assert session.exec(select(RecoveryCode)).all() == []

    enrol(session, editor)
    two_factor.disable_with_proof(session, editor, PASSWORD, client=CLIENT, now=later)
    assert log_in(session, "redaktion", PASSWORD, client=CLIENT, now=later).token


def test_the_reset_removes_the_second_factor_and_ends_the_sessions(
    session: Session, editor: Editor
) -> None:
    secret, _ = enrol(session, editor)
    later = NOW + timedelta(seconds=30)
    token = log_in_with_code(
        session, pending_for(session), code_at(secret, later), client=CLIENT, now=later
    ).token
    assert token
    two_factor.reset_two_factor(session, "Redaktion")
    assert not two_factor.uses_two_factor(editor)
    assert signed_in_editor(session, hash_token(token), now=later) is None
    with pytest.raises(AccountError, match="gibt es nicht"):
        two_factor.reset_two_factor(session, "niemand")


def test_when_required_an_editor_without_it_must_enrol_first(
    session: Session, editor: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.REQUIRE_TWO_FACTOR_VARIABLE, "1")
    result = log_in(session, "redaktion", PASSWORD, client=CLIENT, now=NOW)
    assert result.token is not None
    assert result.must_enrol
    signed_in = signed_in_editor(session, hash_token(result.token), now=NOW)
    assert signed_in is not None
    assert signed_in.must_enrol
    enrol(session, editor)
    signed_in = signed_in_editor(session, hash_token(result.token), now=NOW)
    assert signed_in is not None
    assert not signed_in.must_enrol
    monkeypatch.setenv(settings.REQUIRE_TWO_FACTOR_VARIABLE, "0")
    assert not settings.two_factor_required()
