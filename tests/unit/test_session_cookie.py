"""The session cookie as the states see it: hashed, alone, and never the raw token."""

import pytest

from partner_app import routes
from partner_app.services.editor_sessions import hash_token
from partner_app.session_cookie import (
    COOKIE_NAME,
    cookie_value,
    hashed_cookie_header,
    session_hash,
)


def test_the_connection_keeps_only_the_hash_of_the_session_cookie() -> None:
    header = f"theme=dark; {COOKIE_NAME}=geheim-123; tracking=abc"
    kept = hashed_cookie_header(header)
    assert kept == f"{COOKIE_NAME}={hash_token('geheim-123')}"
    assert "geheim-123" not in kept
    assert "tracking" not in kept
    assert session_hash(kept) == hash_token("geheim-123")


@pytest.mark.parametrize("header", ["", "theme=dark", 'a="unterminated', f"{COOKIE_NAME}="])
def test_without_a_session_cookie_there_is_no_session(header: str) -> None:
    assert hashed_cookie_header(header) == ""
    assert session_hash(hashed_cookie_header(header)) == ""


def test_a_hash_sent_as_the_cookie_is_hashed_again() -> None:
    # Knowing a stored hash is worth nothing: the states compare hashes of what was sent.
    stolen_hash = hash_token("token")
    assert session_hash(hashed_cookie_header(f"{COOKIE_NAME}={stolen_hash}")) != stolen_hash


def test_cookie_value_reads_one_cookie() -> None:
    assert cookie_value(f"x=1; {COOKIE_NAME}=abc") == "abc"
    assert cookie_value("x=1") == ""


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("/admin/nachrichten/bearbeiten?id=3", True),
        ("/admin/postfach", True),
        ("/admin/anmelden", False),
        ("/admin/abmelden", False),
        ("//evil.example/admin/", False),
        ("https://evil.example/admin/x", False),
        ("/admin/\\evil.example", False),
        ("/adminx", False),
        ("/admin/x\nLocation: https://evil.example", False),
        ("/", False),
        ("", False),
    ],
)
def test_the_login_returns_only_to_admin_pages(path: str, kept: bool) -> None:
    assert routes.admin_return_path(path) == (path if kept else "")
