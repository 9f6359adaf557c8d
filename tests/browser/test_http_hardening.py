"""The running app's answers carry the security headers, and big uploads are refused early."""

import base64
import os
import socket
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from partner_app.http_hardening import MAX_UPLOAD_REQUEST_BYTES, SECURITY_HEADERS
from partner_app.state.admin_news_editor import AdminNewsEditorState


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?lang=en",
        "/nachrichten/spende-20000-euro-kropyvnytskyi",
        "/nachrichten/gibt-es-nicht",
        "/feeds/nachrichten.rss",
        "/sitemap.xml",
        "/styles.css",
        "/admin/anmelden",
        "/ping",
    ],
)
def test_security_headers_on_every_kind_of_answer(base_url: str, path: str) -> None:
    response = httpx.get(base_url + path)

    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, f"{name} on {path}"


def test_oversized_upload_is_refused_before_it_is_read(base_url: str) -> None:
    response = httpx.post(
        f"{base_url}/_upload",
        content=b"x" * (MAX_UPLOAD_REQUEST_BYTES + 1),
        headers={"content-type": "application/octet-stream"},
    )

    assert response.status_code == 413
    assert "Das Bild ist zu groß" in response.text
    assert "höchstens 20 MB" in response.text


def test_oversized_chunked_upload_is_refused_with_413(base_url: str) -> None:
    """Without a length the body is counted as it arrives, and the answer is still 413."""
    boundary = "grenze"

    def body() -> Iterator[bytes]:
        yield (
            f"--{boundary}\r\nContent-Disposition: form-data; name=files; filename=a.jpg\r\n"
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        chunk = b"x" * (1024 * 1024)
        for _ in range(MAX_UPLOAD_REQUEST_BYTES // len(chunk) + 2):
            yield chunk

    response = httpx.post(
        f"{base_url}/_upload",
        content=body(),
        headers={
            "content-type": f"multipart/form-data; boundary={boundary}",
            # What the page sends, so that Reflex's upload route reads the body.
            "reflex-client-token": str(uuid.uuid4()),
            "reflex-event-handler": f"{AdminNewsEditorState.get_full_name()}.upload_image",
        },
        timeout=30,
    )

    assert response.request.headers["transfer-encoding"] == "chunked"
    assert response.status_code == 413
    assert "zu groß" in response.text


FOREIGN_ORIGIN = "https://fremde-seite.example"


def _websocket_handshake_status(base_url: str, origin: str) -> str:
    """The status line the server answers a websocket upgrade from ``origin`` with."""
    address = urlsplit(base_url)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_event/?EIO=4&transport=websocket HTTP/1.1\r\n"
        f"Host: {address.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
    )
    assert address.port is not None, f"{base_url} names no port"
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(request.encode())
        return connection.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def test_websocket_handshake_from_a_foreign_origin_is_refused(base_url: str) -> None:
    assert _websocket_handshake_status(base_url, base_url).endswith("101 Switching Protocols")
    assert _websocket_handshake_status(base_url, FOREIGN_ORIGIN).endswith("403 Forbidden")


def test_cors_allows_only_the_public_origin(base_url: str) -> None:
    def preflight(origin: str) -> httpx.Response:
        return httpx.options(
            f"{base_url}/_upload",
            headers={"origin": origin, "access-control-request-method": "POST"},
        )

    assert preflight(base_url).headers.get("access-control-allow-origin") == base_url
    assert "access-control-allow-origin" not in preflight(FOREIGN_ORIGIN).headers
