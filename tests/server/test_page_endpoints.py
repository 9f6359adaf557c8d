"""The public pages' HTTP answers: rendered for the request, else the prerendered shell."""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from partner_app import reflex_internals
from partner_app.http_endpoints import http_endpoints
from partner_app.server_render import endpoints
from partner_app.server_render.context_patch import STATE_ELEMENT_ID
from partner_app.server_render.not_found import RenderedNotFound
from partner_app.server_render.renderer import RenderedPage
from partner_app.settings import SERVER_RENDER_VARIABLE

SHELL = '<!DOCTYPE html><html lang="de"><head><title>Shell</title></head><body></body></html>'
SLUG = "spende-20000-euro-kropyvnytskyi"


class FakeRenderer:
    """Answers like the bun child: the shell as 'rendered', remembering what it was given."""

    def __init__(self, *, works: bool = True) -> None:
        self.works = works
        self.calls: list[tuple[str, dict]] = []

    def is_resting(self) -> bool:
        return False

    async def render(self, url: str, state_json: str) -> RenderedPage | None:
        self.calls.append((url, json.loads(state_json)))
        return RenderedPage(status=200, html=SHELL) if self.works else None


@pytest.fixture
def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A static build holding the prerendered shells the fallback serves."""
    (tmp_path / "__spa-fallback.html").write_text(SHELL)
    (tmp_path / "index.html").write_text(SHELL.replace("Shell", "Prerendered start page"))
    monkeypatch.setattr(reflex_internals, "static_dir", lambda: tmp_path)
    return tmp_path


@pytest.fixture
def client(app_engine: Engine, build: Path) -> Iterator[TestClient]:
    with TestClient(http_endpoints(), base_url="http://testserver") as test_client:
        yield test_client


def _use(monkeypatch: pytest.MonkeyPatch, renderer: FakeRenderer) -> FakeRenderer:
    monkeypatch.setattr(endpoints, "page_renderer", renderer)
    return renderer


def test_rendered_page_carries_the_request_state_and_language(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = _use(monkeypatch, FakeRenderer())
    response = client.get("/?stadt=venlo&lang=en")
    assert response.status_code == 200
    assert response.text.startswith('<!DOCTYPE html><html lang="en"><head>')
    match = re.search(
        rf'<script id="{STATE_ELEMENT_ID}" type="application/json">(.*?)</script></head>',
        response.text,
    )
    assert match is not None
    assert json.loads(match.group(1)) == renderer.calls[0][1]
    assert renderer.calls[0][0] == "http://testserver/?stadt=venlo&lang=en"
    assert response.headers["cache-control"] == "no-cache"


def test_unknown_news_item_is_rendered_with_status_404(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use(monkeypatch, FakeRenderer())
    assert client.get(f"/nachrichten/{SLUG}").status_code == 200
    assert client.get("/nachrichten/gibt-es-nicht").status_code == 404


def test_without_a_renderer_the_prerendered_pages_are_served(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use(monkeypatch, FakeRenderer(works=False))
    start = client.get("/")
    assert start.status_code == 200
    assert "Prerendered start page" in start.text
    # The detail shell gets the item's head tags for crawlers, and the right status.
    detail = client.get(f"/nachrichten/{SLUG}")
    assert detail.status_code == 200
    assert re.search(r"<title data-server-head>20\.000 Euro", detail.text)
    missing = client.get("/nachrichten/gibt-es-nicht")
    assert missing.status_code == 404
    assert '<meta data-server-head name="robots" content="noindex"' in missing.text


def test_server_render_can_be_switched_off(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = _use(monkeypatch, FakeRenderer())
    monkeypatch.setenv(SERVER_RENDER_VARIABLE, "0")
    assert "Prerendered start page" in client.get("/").text
    assert renderer.calls == []


def test_pages_are_sent_compressed(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _use(monkeypatch, FakeRenderer())
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    # The state alone is several kilobytes; on the wire it is a fraction of that.
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < len(response.text) / 3
    assert response.headers["vary"] == "Accept-Encoding"


def _reflex_404_app() -> Starlette:
    async def shell(request: Request) -> Response:
        return HTMLResponse(SHELL, status_code=404)

    return Starlette(routes=[Route("/{path:path}", shell)])


@pytest.mark.parametrize("works", [True, False])
def test_an_unknown_address_gets_the_rendered_not_found_page(
    app_engine: Engine, monkeypatch: pytest.MonkeyPatch, works: bool
) -> None:
    renderer = _use(monkeypatch, FakeRenderer(works=works))
    with TestClient(RenderedNotFound(_reflex_404_app())) as test_client:
        page = test_client.get("/gibt/es/nicht?lang=en", headers={"Accept": "text/html"})
        image = test_client.get("/bild.png", headers={"Accept": "image/*"})
    assert page.status_code == 404
    if works:
        assert page.text.startswith('<!DOCTYPE html><html lang="en">')
        assert STATE_ELEMENT_ID in page.text
    else:
        # Without a renderer Reflex's own answer goes out unchanged.
        assert page.text == SHELL
    # Only pages: a missing image keeps Reflex's answer, and the renderer is not asked.
    assert image.status_code == 404
    assert image.text == SHELL
    assert len(renderer.calls) == 1


def test_the_login_page_is_rendered_with_the_reason_it_was_opened(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = _use(monkeypatch, FakeRenderer())
    response = client.get("/admin/anmelden/?fehler=falsch&benutzer=redaktion")
    assert response.status_code == 200
    state = renderer.calls[0][1]
    login = next(fields for name, fields in state.items() if name.endswith("admin_session_state"))
    assert login["login_username_rx_state_"] == "redaktion"
    assert login["login_error_rx_state_"] == "Benutzername oder Passwort ist falsch."
