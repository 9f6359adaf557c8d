"""Editor accounts, sessions and login throttling."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from partner_app.models import Editor, EditorSession, LoginAttempt
from partner_app.services import login_throttle
from partner_app.services.editor_accounts import (
    AccountError,
    create_editor,
    disable_editor,
    enable_editor,
    set_password,
)
from partner_app.services.editor_sessions import (
    IDLE_TIMEOUT,
    LOGIN_FAILED,
    hash_token,
    log_in,
    log_out,
    signed_in_editor,
)

PASSWORD = "richtig-langes-passwort"
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def editor(session: Session) -> Editor:
    return create_editor(session, "Redaktion", PASSWORD)


def opened_session_token(session: Session, *, client: str) -> str:
    """The token of a successful login as the fixture's editor."""
    token = log_in(session, "redaktion", PASSWORD, client=client, now=NOW).token
    assert token is not None, "the right password did not open a session"
    return token


def test_editor_is_stored_lower_case_with_an_argon2_hash(editor: Editor) -> None:
    assert editor.username == "redaktion"
    assert editor.password_hash.startswith("$argon2id$")
    assert PASSWORD not in editor.password_hash


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("neu", "zu-kurz", "mindestens 12 Zeichen"),
        ("a b", PASSWORD, "Benutzername"),
        ("", PASSWORD, "Benutzername"),
        ("redaktion", PASSWORD, "gibt es bereits"),
    ],
)
def test_bad_accounts_are_refused(
    session: Session, editor: Editor, username: str, password: str, message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        create_editor(session, username, password)


def test_login_with_right_password_opens_a_session(session: Session, editor: Editor) -> None:
    result = log_in(session, "REDAKTION ", PASSWORD, client="1.2.3.4", now=NOW)
    assert result.token
    stored = session.exec(select(EditorSession)).one()
    assert stored.token_hash == hash_token(result.token)
    assert result.token not in stored.token_hash
    signed_in = signed_in_editor(session, hash_token(result.token), now=NOW)
    assert signed_in is not None
    assert signed_in.username == "redaktion"


def test_wrong_password_and_unknown_user_get_the_same_message(
    session: Session, editor: Editor
) -> None:
    wrong = log_in(session, "redaktion", "falsches-passwort!", client="c1", now=NOW)
    unknown = log_in(session, "niemand", PASSWORD, client="c2", now=NOW)
    assert wrong.token is None
    assert unknown.token is None
    assert wrong.error == unknown.error == LOGIN_FAILED


def test_session_ends_after_idle_time(session: Session, editor: Editor) -> None:
    token = opened_session_token(session, client="c")
    assert signed_in_editor(
        session, hash_token(token), now=NOW + IDLE_TIMEOUT - timedelta(minutes=1)
    )
    later = NOW + IDLE_TIMEOUT - timedelta(minutes=1) + IDLE_TIMEOUT
    assert signed_in_editor(session, hash_token(token), now=later) is None


def test_activity_keeps_a_session_alive_but_not_past_seven_days(
    session: Session, editor: Editor
) -> None:
    token = opened_session_token(session, client="c")
    now = NOW
    for _ in range(7 * 24 // 4 - 1):
        now += timedelta(hours=4)
        assert signed_in_editor(session, hash_token(token), now=now) is not None
    assert signed_in_editor(session, hash_token(token), now=NOW + timedelta(days=7)) is None


def test_logout_ends_the_session_at_once(session: Session, editor: Editor) -> None:
    token = opened_session_token(session, client="c")
    log_out(session, hash_token(token), now=NOW)
    assert signed_in_editor(session, hash_token(token), now=NOW) is None


def test_disabling_ends_sessions_and_blocks_login(session: Session, editor: Editor) -> None:
    token = opened_session_token(session, client="c")
    disable_editor(session, "redaktion")
    assert signed_in_editor(session, hash_token(token), now=NOW) is None
    assert log_in(session, "redaktion", PASSWORD, client="c", now=NOW).error == LOGIN_FAILED
    enable_editor(session, "redaktion")
    assert log_in(session, "redaktion", PASSWORD, client="c2", now=NOW).token
    assert signed_in_editor(session, hash_token(token), now=NOW) is None  # old sessions stay ended


def test_new_password_ends_sessions_and_replaces_the_old_one(
    session: Session, editor: Editor
) -> None:
    token = opened_session_token(session, client="c")
    set_password(session, "redaktion", "ein-ganz-neues-passwort")
    assert signed_in_editor(session, hash_token(token), now=NOW) is None
    assert log_in(session, "redaktion", PASSWORD, client="c", now=NOW).token is None
    assert log_in(session, "redaktion", "ein-ganz-neues-passwort", client="d", now=NOW).token


def test_invalid_tokens_are_refused(session: Session, editor: Editor) -> None:
    assert signed_in_editor(session, "", now=NOW) is None
    assert signed_in_editor(session, "erfunden", now=NOW) is None


def test_delays_grow_after_the_free_failures() -> None:
    delays = [login_throttle.delay_after(n).total_seconds() for n in range(0, 8)]
    assert delays == [0, 0, 0, 1, 2, 4, 8, 16]
    assert login_throttle.delay_after(100) == login_throttle.MAX_WAIT


def test_throttling_per_username_refuses_even_the_right_password(
    session: Session, editor: Editor
) -> None:
    for attempt in range(login_throttle.FREE_FAILURES + 2):
        log_in(session, "redaktion", "falsch-falsch-falsch", client=f"c{attempt}", now=NOW)
    blocked = log_in(session, "redaktion", PASSWORD, client="neu", now=NOW)
    assert blocked.token is None
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in blocked.error
    allowed = log_in(session, "redaktion", PASSWORD, client="neu", now=NOW + timedelta(seconds=5))
    assert allowed.token


def test_throttling_per_client_covers_many_usernames(session: Session, editor: Editor) -> None:
    for attempt in range(login_throttle.FREE_FAILURES + 3):
        log_in(session, f"user{attempt}", "falsch-falsch-falsch", client="angreifer", now=NOW)
    blocked = log_in(session, "redaktion", PASSWORD, client="angreifer", now=NOW)
    assert "Zu viele" in blocked.error
    assert log_in(session, "redaktion", PASSWORD, client="anderer", now=NOW).token


def test_throttled_message_is_the_same_for_unknown_users(session: Session, editor: Editor) -> None:
    for name in ("redaktion", "niemand"):
        for attempt in range(login_throttle.FREE_FAILURES + 1):
            log_in(session, name, "falsch-falsch-falsch", client=f"{name}{attempt}", now=NOW)
    known = log_in(session, "redaktion", "x" * 12, client="z1", now=NOW)
    unknown = log_in(session, "niemand", "x" * 12, client="z2", now=NOW)
    assert known.error == unknown.error


def test_old_failures_expire(session: Session, editor: Editor) -> None:
    for attempt in range(10):
        log_in(session, "redaktion", "falsch-falsch-falsch", client=f"c{attempt}", now=NOW)
    later = NOW + login_throttle.WINDOW + timedelta(seconds=1)
    assert log_in(session, "redaktion", PASSWORD, client="x", now=later).token


def test_login_attempts_with_their_client_address_are_forgotten_after_a_day(
    session: Session, editor: Editor
) -> None:
    log_in(session, "redaktion", "falsch-falsch-falsch", client="198.51.100.9", now=NOW)
    later = NOW + login_throttle.ATTEMPTS_KEPT + timedelta(seconds=1)
    log_in(session, "redaktion", PASSWORD, client="198.51.100.10", now=later)

    clients = session.exec(select(LoginAttempt.client)).all()
    assert clients == ["198.51.100.10"]
