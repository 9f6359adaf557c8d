"""Editor accounts, sessions and login throttling."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from partner_app.models import Editor, EditorSession, LoginAttempt
from partner_app.services import editor_sessions, login_throttle
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


WRONG = "falsch-falsch-falsch"


def fail_repeatedly(
    session: Session, username: str, *, client: str, failures: int, start: datetime
) -> datetime:
    """``failures`` wrong passwords from ``client``, each as soon as the throttle allows it.

    Returns the moment of the last failure.
    """
    now = start
    for _ in range(failures):
        now += login_throttle.wait_needed(
            session, username=username, client=login_throttle.client_key(client), now=now
        )
        assert log_in(session, username, WRONG, client=client, now=now).error == LOGIN_FAILED
    return now


def record_failures(session: Session, username: str, clients: list[str], *, at: datetime) -> None:
    """Failed attempts as ``log_in`` stores them, without the cost of a password check each."""
    for client in clients:
        login_throttle.record_attempt(
            session,
            username=username,
            client=login_throttle.client_key(client),
            succeeded=False,
            now=at,
        )
    session.commit()


def test_delays_grow_after_the_free_failures() -> None:
    delays = [login_throttle.delay_after(n).total_seconds() for n in range(0, 8)]
    assert delays == [0, 0, 0, 1, 2, 4, 8, 16]
    assert login_throttle.delay_after(100) == login_throttle.MAX_WAIT


def test_an_attacker_on_one_client_does_not_lock_out_the_editor_on_another(
    session: Session, editor: Editor
) -> None:
    last_failure = fail_repeatedly(
        session, "redaktion", client="203.0.113.66", failures=20, start=NOW
    )

    # The attacker is refused even with the right password ...
    refused = log_in(session, "redaktion", PASSWORD, client="203.0.113.66", now=last_failure)
    assert refused.token is None
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in refused.error
    # ... while the editor on her own computer gets in at once.
    editor_login = log_in(session, "redaktion", PASSWORD, client="198.51.100.5", now=last_failure)
    assert editor_login.token


def test_a_client_that_failed_waits_a_little_before_trying_again(
    session: Session, editor: Editor
) -> None:
    for _ in range(login_throttle.FREE_FAILURES + 1):
        log_in(session, "redaktion", WRONG, client="c", now=NOW)
    assert log_in(session, "redaktion", PASSWORD, client="c", now=NOW).token is None
    later = NOW + login_throttle.delay_after(login_throttle.FREE_FAILURES + 1)
    assert log_in(session, "redaktion", PASSWORD, client="c", now=later).token
    # The success cleared the pair's failures: a typo costs nothing again.
    log_in(session, "redaktion", WRONG, client="c", now=later)
    assert log_in(session, "redaktion", PASSWORD, client="c", now=later).token


def test_guessing_from_many_addresses_slows_every_address_that_guessed(
    session: Session, editor: Editor
) -> None:
    attackers = [f"192.0.2.{number}" for number in range(login_throttle.USERNAME_FREE_FAILURES + 2)]
    record_failures(session, "redaktion", attackers, at=NOW)
    soon = NOW + timedelta(seconds=1)

    # One failure each, far below the three free ones of a pair, and still every attacker
    # waits (2**2 s at twelve failures), even with the right password ...
    for attacker in attackers:
        assert "Zu viele" in log_in(session, "redaktion", PASSWORD, client=attacker, now=soon).error
    # ... while a client without a failure of its own is checked as usual.
    assert log_in(session, "redaktion", PASSWORD, client="198.51.100.5", now=soon).token
    after_the_wait = NOW + timedelta(seconds=4)
    assert log_in(session, "redaktion", PASSWORD, client=attackers[0], now=after_the_wait).token


def test_the_wait_for_an_attacked_username_reaches_the_cap(
    session: Session, editor: Editor
) -> None:
    attackers = [
        f"192.0.2.{number}" for number in range(login_throttle.USERNAME_FREE_FAILURES + 20)
    ]
    record_failures(session, "redaktion", attackers, at=NOW)
    almost = NOW + login_throttle.MAX_WAIT - timedelta(seconds=1)
    assert log_in(session, "redaktion", PASSWORD, client="192.0.2.0", now=almost).token is None
    assert log_in(
        session, "redaktion", PASSWORD, client="192.0.2.1", now=NOW + login_throttle.MAX_WAIT
    ).token


def test_throttling_per_client_covers_many_usernames(session: Session, editor: Editor) -> None:
    for attempt in range(login_throttle.CLIENT_FREE_FAILURES + 1):
        record_failures(session, f"user{attempt}", ["angreifer"], at=NOW)
    blocked = log_in(session, "redaktion", PASSWORD, client="angreifer", now=NOW)
    assert "Zu viele" in blocked.error
    assert log_in(session, "redaktion", PASSWORD, client="anderer", now=NOW).token


def test_one_ipv6_network_counts_as_one_client(session: Session, editor: Editor) -> None:
    hosts = [f"2001:db8:1:2::{host}" for host in range(1, login_throttle.FREE_FAILURES + 2)]
    record_failures(session, "redaktion", hosts, at=NOW)
    same_network = log_in(session, "redaktion", PASSWORD, client="2001:db8:1:2::99", now=NOW)
    assert same_network.token is None
    assert log_in(session, "redaktion", PASSWORD, client="2001:db8:1:3::1", now=NOW).token
    # IPv4 addresses count one by one: a neighbour's address is another client.
    record_failures(
        session, "redaktion", ["192.0.2.1"] * (login_throttle.FREE_FAILURES + 1), at=NOW
    )
    assert log_in(session, "redaktion", PASSWORD, client="192.0.2.2", now=NOW).token


@pytest.mark.parametrize(
    ("client", "key"),
    [
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7/32"),
        ("192.0.2.7", "192.0.2.7/32"),
        ("unbekannt", "unbekannt"),
    ],
)
def test_the_throttle_counts_ipv6_per_network_and_ipv4_per_address(client: str, key: str) -> None:
    assert login_throttle.client_key(client) == key


def test_known_and_unknown_usernames_get_the_same_answers(
    session: Session, editor: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    original = editor_sessions.password_matches

    def counting_check(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        return original(password_hash, password)

    monkeypatch.setattr(editor_sessions, "password_matches", counting_check)
    answers: dict[str, list[str]] = {}
    checks: dict[str, int] = {}
    for name, client in (("redaktion", "192.0.2.1"), ("niemand", "192.0.2.2")):
        checked.clear()
        answers[name] = [
            log_in(session, name, WRONG, client=client, now=NOW + timedelta(seconds=s)).error
            for s in range(12)
        ]
        checks[name] = len(checked)

    assert answers["redaktion"] == answers["niemand"]
    assert LOGIN_FAILED in answers["niemand"]
    assert any("Zu viele" in answer for answer in answers["niemand"])
    # Both went through the same password checks (an unknown name against a dummy hash).
    assert checks["redaktion"] == checks["niemand"] > 0


def test_old_failures_expire(session: Session, editor: Editor) -> None:
    record_failures(session, "redaktion", ["c"] * 20, at=NOW)
    later = NOW + login_throttle.WINDOW
    assert log_in(session, "redaktion", PASSWORD, client="c", now=later).token


def test_login_attempts_with_their_client_address_are_forgotten_after_a_day(
    session: Session, editor: Editor
) -> None:
    log_in(session, "redaktion", "falsch-falsch-falsch", client="198.51.100.9", now=NOW)
    later = NOW + login_throttle.ATTEMPTS_KEPT + timedelta(seconds=1)
    log_in(session, "redaktion", PASSWORD, client="198.51.100.10", now=later)

    clients = session.exec(select(LoginAttempt.client)).all()
    assert clients == [login_throttle.client_key("198.51.100.10")]
