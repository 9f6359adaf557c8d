"""Server tests: the app's Reflex states called in-process against a migrated database."""

import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import pytest
import reflex as rx
from reflex.config import get_config
from reflex.state import State
from sqlalchemy import Engine, create_engine
from sqlmodel import Session

import partner_app.partner_app  # noqa: F401  (registers every state of the app)
from partner_app import reflex_internals
from partner_app.models import utc_now
from partner_app.services.contact_messages import MessageInput, submit_message
from partner_app.services.content_loader import load_default_content
from partner_app.services.editor_accounts import create_editor
from partner_app.services.editor_sessions import log_in
from partner_app.session_cookie import COOKIE_NAME, hashed_cookie_header
from tests.database import fresh_database_url, upgrade_to_head
from tests.support.own_loop import run_in_own_loop

EDITOR = "redaktion"
PASSWORD = "ein-sehr-geheimes-passwort"
ORIGIN = "http://localhost:3000"


@pytest.fixture
def app_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A migrated database with the default content and one editor, used by rx.session().

    Uploaded images go to a folder of the test's own, never to the project's ``data/``.
    """
    monkeypatch.setenv("REFLEX_UPLOADED_FILES_DIR", str(tmp_path / "uploads"))
    url = fresh_database_url(tmp_path / "server.db")
    engine = create_engine(url)
    upgrade_to_head(engine)
    with Session(engine) as session:
        load_default_content(session)
        create_editor(session, EDITOR, PASSWORD)
        # An open message, so inbox handlers have something they must not touch.
        submit_message(
            session,
            MessageInput(name="Anna", email="anna@example.org", text="Hallo", consent=True),
            client_address="192.0.2.1",
            now=utc_now(),
        )
    monkeypatch.setattr(get_config(), "db_url", url)
    yield engine
    engine.dispose()


@pytest.fixture
def root_state(app_engine: Engine) -> State:
    """A fresh state tree, as one browser tab has it."""
    return reflex_internals.new_state_tree()


StateT = TypeVar("StateT", bound=rx.State)


def substate(root: State, state_class: type[StateT]) -> StateT:
    """The instance of ``state_class`` in ``root``'s tree."""
    return root.get_substate(state_class.get_full_name().split(".")[1:])  # type: ignore[return-value]


def call(state: rx.State, handler_name: str, *args: object) -> object:
    """Run an event handler of ``state`` like the server does, and return its result."""

    async def run() -> object:
        result = type(state).event_handlers[handler_name].fn(state, *args)
        if inspect.isawaitable(result):
            result = await result
        return result

    return run_in_own_loop(run())


def browse_to(
    root: State, url: str, *, connection: str = "", token: str = "", session_token: str = ""
) -> None:
    """Put ``root``'s tab at ``url``, its events arriving on websocket ``connection``.

    ``token`` is the tab's client token, ``session_token`` the editor's session cookie
    the connection was opened with (the app keeps it hashed, as for a browser). Without
    a connection the tree is like the server render's, which belongs to no browser.
    """
    parts = urlsplit(url)
    reflex_internals.set_route(root, path=parts.path, query=parts.query, origin=ORIGIN, params={})
    if connection:
        cookie = hashed_cookie_header(f"{COOKIE_NAME}={session_token}") if session_token else ""
        reflex_internals.set_connection(
            root, session_id=connection, client_token=token, cookie=cookie
        )


def new_session_token(engine: Engine) -> str:
    """A session of the editor, opened as the login endpoint opens it."""
    with Session(engine) as session:
        token = log_in(session, EDITOR, PASSWORD, client="192.0.2.10", now=utc_now()).token
    assert token
    return token


def sign_in(root: State, engine: Engine, url: str = "/admin/nachrichten") -> str:
    """Make ``root`` a tab whose connection carries a fresh session cookie; its token."""
    session_token = new_session_token(engine)
    browse_to(
        root, url, connection="sid-editor", token="client-editor", session_token=session_token
    )
    return session_token
