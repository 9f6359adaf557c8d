"""The login and logout endpoints: the cookie they set, what they refuse, where they lead.

Called over HTTP (Starlette's test client on the app's own endpoints), against the
server tests' database. The states' side of the session is in test_admin_sessions.py.
"""

from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from partner_app.http_endpoints import http_endpoints
from partner_app.models import EditorSession
from partner_app.services.editor_sessions import hash_token
from partner_app.session_cookie import COOKIE_NAME
from partner_app.settings import PUBLIC_ORIGIN_VARIABLE
from tests.server.conftest import EDITOR, PASSWORD

ORIGIN = "http://testserver"


@pytest.fixture
def client(app_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    # As `make run` serves it: pages and endpoints on one port.
    monkeypatch.setenv("REFLEX_ENV_MODE", "prod")
    return TestClient(http_endpoints(), base_url=ORIGIN, follow_redirects=False)


def log_in(client: TestClient, password: str = PASSWORD, **fields: str) -> httpx.Response:
    return client.post(
        "/admin/anmelden",
        data={"username": EDITOR, "password": password, **fields},
        headers={"Origin": ORIGIN},
    )


def set_cookie_attributes(response: httpx.Response) -> dict[str, str]:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])
    morsel = cookie[COOKIE_NAME]
    return {"value": morsel.value, **{key: str(value) for key, value in morsel.items() if value}}


def sessions(engine: Engine) -> list[EditorSession]:
    with Session(engine) as session:
        return list(session.exec(select(EditorSession).order_by(col(EditorSession.id))).all())


def test_a_login_sets_an_httponly_strict_cookie_and_opens_the_admin(
    client: TestClient, app_engine: Engine
) -> None:
    response = log_in(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/nachrichten"
    cookie = set_cookie_attributes(response)
    assert cookie["httponly"] == "True"
    assert cookie["samesite"] == "strict"
    assert cookie["path"] == "/"
    assert "secure" not in cookie  # plain http here; see the https test
    [stored] = sessions(app_engine)
    assert stored.token_hash == hash_token(cookie["value"])


def test_over_https_the_cookie_is_secure(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PUBLIC_ORIGIN_VARIABLE, "https://www.krefeld.de")
    response = client.post(
        "/admin/anmelden",
        data={"username": EDITOR, "password": PASSWORD},
        headers={"Origin": "https://www.krefeld.de"},
    )
    assert set_cookie_attributes(response)["secure"] == "True"


def test_every_login_is_a_new_session_and_ends_the_one_it_replaces(
    client: TestClient, app_engine: Engine
) -> None:
    first = set_cookie_attributes(log_in(client))["value"]
    client.cookies.set(COOKIE_NAME, first)
    second = set_cookie_attributes(log_in(client))["value"]
    assert first != second
    old, new = sessions(app_engine)
    assert old.token_hash == hash_token(first)
    assert old.ended_at is not None
    assert new.token_hash == hash_token(second)
    assert new.ended_at is None


def test_a_wrong_password_leads_back_to_the_form_with_the_name_kept(
    client: TestClient, app_engine: Engine
) -> None:
    response = log_in(client, password="falsch-falsch-falsch", weiter="/admin/postfach")
    assert response.status_code == 303
    assert "set-cookie" not in response.headers
    location = urlsplit(response.headers["location"])
    assert location.path == "/admin/anmelden/"
    assert parse_qs(location.query) == {
        "fehler": ["falsch"],
        "benutzer": [EDITOR],
        "weiter": ["/admin/postfach"],
    }
    assert sessions(app_engine) == []


def test_repeated_failures_lead_back_with_the_wait(client: TestClient) -> None:
    responses = [log_in(client, password="falsch-falsch-falsch") for _ in range(6)]
    response = responses[-1]
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["fehler"] == ["gesperrt"]
    assert int(query["warten"][0]) >= 1


def test_the_login_returns_to_the_page_it_interrupted_but_never_elsewhere(
    client: TestClient,
) -> None:
    back = "/admin/nachrichten/bearbeiten?id=2"
    assert log_in(client, weiter=back).headers["location"] == back
    assert log_in(client, weiter="//evil.example/").headers["location"] == "/admin/nachrichten"


@pytest.mark.parametrize("origin", ["https://evil.example", None])
def test_posts_from_other_sites_are_refused(
    client: TestClient, app_engine: Engine, origin: str | None
) -> None:
    headers = {"Origin": origin} if origin else {}
    response = client.post(
        "/admin/anmelden", data={"username": EDITOR, "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 403
    assert "nicht von dieser Website" in response.text
    assert sessions(app_engine) == []
    client.cookies.set(COOKIE_NAME, set_cookie_attributes(log_in(client))["value"])
    assert client.post("/admin/abmelden", headers=headers).status_code == 403
    assert sessions(app_engine)[0].ended_at is None


def test_logout_ends_the_session_and_clears_the_cookie(
    client: TestClient, app_engine: Engine
) -> None:
    client.cookies.set(COOKIE_NAME, set_cookie_attributes(log_in(client))["value"])
    response = client.post("/admin/abmelden", headers={"Origin": ORIGIN})
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/anmelden/?abgemeldet=1"
    cleared = set_cookie_attributes(response)
    assert cleared["value"] == ""
    assert cleared["max-age"] == "0"
    assert sessions(app_engine)[0].ended_at is not None


def test_in_development_mode_the_login_leads_back_to_the_frontend_port(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `make dev` serves the pages on :3000 and the endpoints on :8000.
    monkeypatch.setenv("REFLEX_ENV_MODE", "dev")
    response = client.post(
        "/admin/anmelden",
        data={"username": EDITOR, "password": PASSWORD},
        headers={"Origin": "http://localhost:3000"},
    )
    assert response.headers["location"] == "http://localhost:3000/admin/nachrichten"
