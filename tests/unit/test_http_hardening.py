"""Security headers and the upload size cap, on a small ASGI app."""

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from partner_app.http_hardening import (
    MAX_UPLOAD_REQUEST_BYTES,
    SECURITY_HEADERS,
    SecurityHeaders,
    UploadSizeLimit,
)
from partner_app.services.image_uploads import MAX_UPLOAD_BYTES, MEGABYTE

CAP = 1000


async def _echo_length(request: Request) -> PlainTextResponse:
    return PlainTextResponse(str(len(await request.body())))


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = Starlette(
        routes=[
            Route("/_upload", _echo_length, methods=["POST"]),
            Route("/", lambda _request: PlainTextResponse("ok")),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(UploadSizeLimit, max_bytes=CAP)],
    )
    with TestClient(app) as test_client:
        yield test_client


def test_every_response_has_the_security_headers(client: TestClient) -> None:
    for response in (client.get("/"), client.get("/gibt-es-nicht")):
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value


def test_policy_forbids_other_hosts_and_framing() -> None:
    policy = dict(
        directive.split(" ", 1)
        for directive in SECURITY_HEADERS["content-security-policy"].split("; ")
    )
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    for directive, sources in policy.items():
        assert "http" not in sources, directive
        assert "*" not in sources, directive


def test_uploads_up_to_the_cap_pass(client: TestClient) -> None:
    response = client.post("/_upload", content=b"x" * CAP)
    assert response.status_code == 200
    assert response.text == str(CAP)


def test_declared_oversize_upload_is_refused_before_reading(client: TestClient) -> None:
    response = client.post("/_upload", content=b"x" * (CAP + 1))
    assert response.status_code == 413
    assert "zu groß" in response.text


def test_the_cap_leaves_room_for_the_envelope_of_an_image_at_the_limit() -> None:
    assert MAX_UPLOAD_BYTES < MAX_UPLOAD_REQUEST_BYTES <= MAX_UPLOAD_BYTES + MEGABYTE
    assert UploadSizeLimit(PlainTextResponse("ok")).max_bytes == MAX_UPLOAD_REQUEST_BYTES


def test_the_refusal_names_the_size_and_the_limit() -> None:
    app = Starlette(
        routes=[Route("/_upload", _echo_length, methods=["POST"])],
        middleware=[Middleware(UploadSizeLimit)],
    )
    with TestClient(app) as client:
        response = client.post(
            "/_upload",
            content=b"x",
            headers={"content-length": str(25 * MEGABYTE + MEGABYTE // 2)},
        )
    assert response.status_code == 413
    assert response.text == "Das Bild ist zu groß (25,5 MB). Erlaubt sind höchstens 20 MB."


def test_streamed_oversize_upload_without_length_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(5):
            yield b"x" * 300

    response = client.post("/_upload", content=chunks())
    assert response.status_code == 413
    # How much more would have come is unknown: the limit, but no size.
    assert response.text == "Das Bild ist zu groß. Erlaubt sind höchstens 20 MB."


async def _read_form(request: Request) -> PlainTextResponse:
    form = await request.form()
    return PlainTextResponse(str(len(form)))


def test_streamed_oversize_upload_to_a_mounted_app_is_refused_with_413() -> None:
    """As Reflex's upload route: an app of its own (with its own error handling) reads the form.

    The inner app turned the cut-off body into a 500 and had started that answer, so
    the cap could no longer answer 413 ("Response already started").
    """
    inner = Starlette(routes=[Route("/_upload", _read_form, methods=["POST"])])
    app = Starlette(
        routes=[Mount("/", app=inner)],
        middleware=[Middleware(UploadSizeLimit, max_bytes=CAP)],
    )

    async def chunks() -> AsyncIterator[bytes]:
        yield b"--grenze\r\nContent-Disposition: form-data; name=files; filename=a.jpg\r\n\r\n"
        for _ in range(5):
            yield b"x" * 300

    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post(
                "/_upload",
                content=chunks(),
                headers={"content-type": "multipart/form-data; boundary=grenze"},
            )

    response = asyncio.run(post())
    assert response.status_code == 413
    assert "zu groß" in response.text
    assert response.request.headers["transfer-encoding"] == "chunked"
