"""The two-factor login over HTTP: password, then code, then the session cookie.

Called with Starlette's test client on the app's own endpoints, against the server tests'
database, as in test_admin_login_endpoints.py.
"""

from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pyotp.totp import TOTP
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from partner_app.cli import main
from partner_app.http_endpoints import http_endpoints
from partner_app.models import EditorSession, LoginAttempt, utc_now
from partner_app.services import two_factor
from partner_app.services.editor_accounts import find_editor
from partner_app.session_cookie import COOKIE_NAME, PENDING_COOKIE_NAME
from tests.server.conftest import EDITOR, PASSWORD

ORIGIN = "http://testserver"


@pytest.fixture
def client(app_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("REFLEX_ENV_MODE", "prod")
    return TestClient(http_endpoints(), base_url=ORIGIN, follow_redirects=False)


@pytest.fixture
def enrolled(app_engine: Engine) -> tuple[str, list[str]]:
    """The editor with the second factor set up: its secret and recovery codes.

    Confirmed with the code of the previous step, so the current one is still unused.
    """
    with Session(app_engine) as session:
        editor = find_editor(session, EDITOR)
        assert editor is not None
        secret = two_factor.start_enrolment(session, editor).secret
        earlier = utc_now() - timedelta(seconds=30)
        codes = two_factor.confirm_enrolment(session, editor, TOTP(secret).at(earlier), now=earlier)
    return secret, codes


def post(client: TestClient, path: str, **fields: str) -> httpx.Response:
    return client.post(path, data=fields, headers={"Origin": ORIGIN})


def password_step(client: TestClient, **fields: str) -> httpx.Response:
    return post(client, "/admin/anmelden", username=EDITOR, password=PASSWORD, **fields)


def code_step(client: TestClient, code: str, **fields: str) -> httpx.Response:
    return post(client, "/admin/anmelden/code", code=code, **fields)


def cookies_set(response: httpx.Response) -> dict[str, dict[str, str]]:
    jar = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        jar.load(header)
    return {
        name: {"value": morsel.value, **{key: str(value) for key, value in morsel.items() if value}}
        for name, morsel in jar.items()
    }


def sessions(engine: Engine) -> list[EditorSession]:
    with Session(engine) as session:
        return list(session.exec(select(EditorSession).order_by(col(EditorSession.id))).all())


def failures(engine: Engine) -> int:
    with Session(engine) as session:
        return len(
            session.exec(select(LoginAttempt).where(col(LoginAttempt.succeeded).is_(False))).all()
        )


def test_the_password_alone_sets_no_session_cookie_but_leads_to_the_code(
    client: TestClient, app_engine: Engine, enrolled: tuple[str, list[str]]
) -> None:
    response = password_step(client, weiter="/admin/postfach")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/anmelden/code/?weiter=%2Fadmin%2Fpostfach"
    cookies = cookies_set(response)
    assert COOKIE_NAME not in cookies
    pending = cookies[PENDING_COOKIE_NAME]
    assert pending["httponly"] == "True"
    assert pending["samesite"] == "strict"
    assert pending["path"] == "/admin/anmelden"
    assert pending["max-age"] == "300"
    assert sessions(app_engine) == []

    secret, _ = enrolled
    signed_in = code_step(client, TOTP(secret).now(), weiter="/admin/postfach")
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == "/admin/postfach"
    cookies = cookies_set(signed_in)
    assert cookies[COOKIE_NAME]["httponly"] == "True"
    assert cookies[PENDING_COOKIE_NAME]["max-age"] == "0"
    assert len(sessions(app_engine)) == 1


def test_a_wrong_code_leads_back_and_counts_in_the_throttle(
    client: TestClient, app_engine: Engine, enrolled: tuple[str, list[str]]
) -> None:
    password_step(client)
    for _ in range(3):
        response = code_step(client, "000000")
        assert urlsplit(response.headers["location"]).path == "/admin/anmelden/code/"
        assert parse_qs(urlsplit(response.headers["location"]).query) == {"fehler": ["falsch"]}
        assert COOKIE_NAME not in cookies_set(response)
    assert failures(app_engine) == 3
    code_step(client, "000000")
    # Past the free failures: even the right code waits, as a password would.
    secret, _ = enrolled
    waiting = code_step(client, TOTP(secret).now())
    query = parse_qs(urlsplit(waiting.headers["location"]).query)
    assert query["fehler"] == ["gesperrt"]
    assert int(query["warten"][0]) >= 1
    assert sessions(app_engine) == []
    # And so does the password form for this client.
    assert parse_qs(urlsplit(password_step(client).headers["location"]).query)["fehler"] == [
        "gesperrt"
    ]


def test_a_recovery_code_works_once(
    client: TestClient, app_engine: Engine, enrolled: tuple[str, list[str]]
) -> None:
    _, codes = enrolled
    password_step(client)
    assert COOKIE_NAME in cookies_set(code_step(client, codes[0]))
    client.cookies.clear()
    password_step(client)
    again = code_step(client, codes[0])
    assert COOKIE_NAME not in cookies_set(again)
    assert parse_qs(urlsplit(again.headers["location"]).query) == {"fehler": ["falsch"]}
    assert len(sessions(app_engine)) == 1


def test_a_code_that_logged_in_once_is_refused_the_second_time(
    client: TestClient, app_engine: Engine, enrolled: tuple[str, list[str]]
) -> None:
    secret, _ = enrolled
    code = TOTP(secret).now()
    password_step(client)
    assert COOKIE_NAME in cookies_set(code_step(client, code))
    client.cookies.clear()
    password_step(client)
    assert COOKIE_NAME not in cookies_set(code_step(client, code))
    assert len(sessions(app_engine)) == 1


def test_without_a_pending_login_the_code_leads_back_to_the_password(
    client: TestClient, app_engine: Engine, enrolled: tuple[str, list[str]]
) -> None:
    secret, _ = enrolled
    response = code_step(client, TOTP(secret).now(), weiter="/admin/postfach")
    location = urlsplit(response.headers["location"])
    assert location.path == "/admin/anmelden/"
    assert parse_qs(location.query) == {"fehler": ["abgelaufen"], "weiter": ["/admin/postfach"]}
    assert sessions(app_engine) == []
    # A pending login is the login's own: another site cannot post a code.
    password_step(client)
    forged = client.post(
        "/admin/anmelden/code",
        data={"code": TOTP(secret).now()},
        headers={"Origin": "https://evil.example"},
    )
    assert forged.status_code == 403


def test_an_editor_without_the_second_factor_logs_in_as_before(
    client: TestClient, app_engine: Engine
) -> None:
    response = password_step(client)
    assert response.headers["location"] == "/admin/nachrichten"
    assert COOKIE_NAME in cookies_set(response)


def test_when_required_the_login_leads_to_the_set_up(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTNER_APP_REQUIRE_TWO_FACTOR", "1")
    response = password_step(client, weiter="/admin/postfach")
    assert response.headers["location"] == "/admin/konto"
    assert COOKIE_NAME in cookies_set(response)


def test_the_command_line_resets_the_second_factor_and_ends_the_sessions(
    client: TestClient,
    app_engine: Engine,
    enrolled: tuple[str, list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret, _ = enrolled
    password_step(client)
    assert COOKIE_NAME in cookies_set(code_step(client, TOTP(secret).now()))

    assert main(["reset-two-factor", EDITOR.upper()]) == 0
    assert "Zwei-Faktor-Anmeldung von „redaktion“ entfernt" in capsys.readouterr().out
    assert all(stored.ended_at is not None for stored in sessions(app_engine))
    client.cookies.clear()
    assert COOKIE_NAME in cookies_set(password_step(client))

    assert main(["reset-two-factor", "niemand"]) == 1
    assert "gibt es nicht" in capsys.readouterr().err
