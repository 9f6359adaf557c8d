"""Every admin event handler refuses to work without a valid session.

The handlers are found by enumeration, so a handler added later is covered
without touching this file. Each is called with plausible arguments under
every kind of invalid session; neither the database nor the state may change.
"""

import importlib
import inspect
import json
import pkgutil
from datetime import timedelta

import pytest
import reflex as rx
from reflex.state import State
from sqlalchemy import Engine, MetaData, select, update
from sqlmodel import Session, col

import partner_app.state
from partner_app.models import Editor, EditorSession, NewsItem, utc_now
from partner_app.services.editor_sessions import log_in
from partner_app.state.admin_session import AdminSessionState
from tests.server.conftest import EDITOR, PASSWORD, call, substate

# Handlers of the session state that must work signed out, and why.
PUBLIC_HANDLERS = {
    (AdminSessionState, "submit_login"): "the login itself",
    (AdminSessionState, "log_out"): "ends whatever session there is",
    (AdminSessionState, "open_login"): "shows the login form",
}
SESSION_KINDS = ["none", "garbage", "logged_out", "idle_expired", "absolute_expired", "disabled"]


def admin_state_classes() -> list[type[rx.State]]:
    """Every state defined in a ``partner_app.state.admin_*`` module."""
    classes = []
    for module_info in pkgutil.iter_modules(partner_app.state.__path__):
        if not module_info.name.startswith("admin_"):
            continue
        module = importlib.import_module(f"partner_app.state.{module_info.name}")
        classes += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, rx.State)
            and value.__module__ == module.__name__
        ]
    return classes


def admin_handlers() -> list[tuple[type[rx.State], str]]:
    return [
        (state_class, name)
        for state_class in admin_state_classes()
        for name in state_class.event_handlers
        if name != "setvar" and (state_class, name) not in PUBLIC_HANDLERS
    ]


def test_the_enumeration_finds_the_admin_handlers() -> None:
    names = {f"{cls.__name__}.{name}" for cls, name in admin_handlers()}
    assert {
        "AdminNewsListState.confirm_delete",
        "AdminNewsListState.publish",
        "AdminNewsEditorState.save",
        "AdminAuditState.load",
    } <= names


def arguments_for(state_class: type[rx.State], name: str, news_id: int) -> list[object]:
    """Plausible arguments by the handler's signature: they would work for an editor."""
    parameters = list(inspect.signature(state_class.event_handlers[name].fn).parameters.values())
    arguments: list[object] = []
    for parameter in parameters[1:]:
        annotation = str(parameter.annotation)
        if "int" in annotation:
            arguments.append(news_id)
        elif "dict" in annotation:
            arguments.append(
                {
                    "title": "Eingeschleust",
                    "teaser": "Sollte nie gespeichert werden.",
                    "published_on": "2024-01-01",
                    "published_precision": "day",
                    "status": "published",
                }
            )
        else:
            arguments.append("eingeschleust")
    return arguments


def database_snapshot(engine: Engine) -> dict[str, list[tuple]]:
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
            for table in metadata.sorted_tables
        }


def make_session_invalid(root: State, engine: Engine, kind: str) -> None:
    """Leave ``root``'s session state holding a token of the given invalid kind."""
    auth = substate(root, AdminSessionState)
    if kind == "none":
        return
    if kind == "garbage":
        auth._session_token = "erfunden"
        return
    with Session(engine) as session:
        token = log_in(session, EDITOR, PASSWORD, client="test", now=utc_now()).token
        assert token
        auth._session_token = token
        if kind == "logged_out":
            session.exec(update(EditorSession).values(ended_at=utc_now()))
        elif kind == "idle_expired":
            session.exec(update(EditorSession).values(last_seen_at=utc_now() - timedelta(hours=9)))
        elif kind == "absolute_expired":
            session.exec(update(EditorSession).values(expires_at=utc_now() - timedelta(seconds=1)))
        elif kind == "disabled":
            session.exec(update(Editor).values(is_active=False))
        session.commit()


@pytest.mark.parametrize("kind", SESSION_KINDS)
def test_no_admin_handler_reads_or_writes_without_a_valid_session(
    root_state: State, app_engine: Engine, kind: str
) -> None:
    with Session(app_engine) as session:
        news_id = session.scalars(select(col(NewsItem.id))).first()
    assert news_id is not None, "the handlers need a seeded news item to aim at"
    make_session_invalid(root_state, app_engine, kind)
    database_before = database_snapshot(app_engine)
    handlers = admin_handlers()
    assert handlers
    for state_class, name in handlers:
        state = substate(root_state, state_class)
        state_before = json.dumps(state.dict(), default=str, sort_keys=True)
        result = call(state, name, *arguments_for(state_class, name, news_id))
        assert isinstance(result, rx.event.EventSpec), f"{state_class.__name__}.{name}"
        assert "/admin/anmelden" in str(result.args), f"{state_class.__name__}.{name}"
        assert json.dumps(state.dict(), default=str, sort_keys=True) == state_before, name
        assert database_snapshot(app_engine) == database_before, f"{state_class.__name__}.{name}"


def test_a_valid_session_is_let_through(root_state: State, app_engine: Engine) -> None:
    # The counter-check: the same call works when signed in, so the refusals above mean something.
    from partner_app.state.admin_news_list import AdminNewsListState

    auth = substate(root_state, AdminSessionState)
    call(auth, "submit_login", {"username": EDITOR, "password": PASSWORD})
    news_list = substate(root_state, AdminNewsListState)
    assert call(news_list, "load") is None
    assert len(news_list.rows) == 5


def test_tokens_and_hashes_never_reach_the_browser(root_state: State, app_engine: Engine) -> None:
    auth = substate(root_state, AdminSessionState)
    call(auth, "submit_login", {"username": EDITOR, "password": PASSWORD})
    token = auth._session_token
    assert token
    assert "_session_token" not in AdminSessionState.base_vars  # backend-only
    sent_to_browser = json.dumps(root_state.dict(), default=str)
    with Session(app_engine) as session:
        password_hash = session.scalars(select(col(Editor.password_hash))).one()
        token_hash = session.scalars(select(col(EditorSession.token_hash))).one()
    assert token not in sent_to_browser
    assert token_hash not in sent_to_browser
    assert password_hash not in sent_to_browser
    assert PASSWORD not in sent_to_browser
    assert auth.username == EDITOR


def test_login_is_throttled_through_the_state(root_state: State, app_engine: Engine) -> None:
    auth = substate(root_state, AdminSessionState)
    for _ in range(5):
        call(auth, "submit_login", {"username": EDITOR, "password": "falsch-falsch-falsch"})
    assert (
        auth.login_error == "Benutzername oder Passwort ist falsch."
        or "Zu viele" in auth.login_error
    )
    call(auth, "submit_login", {"username": EDITOR, "password": PASSWORD})
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in auth.login_error
    assert auth._session_token == ""


def test_logout_ends_the_session_for_the_next_handler(
    root_state: State, app_engine: Engine
) -> None:
    from partner_app.state.admin_audit import AdminAuditState

    auth = substate(root_state, AdminSessionState)
    call(auth, "submit_login", {"username": EDITOR, "password": PASSWORD})
    audit = substate(root_state, AdminAuditState)
    assert call(audit, "load") is None
    call(auth, "log_out")
    refused = call(audit, "load")
    assert isinstance(refused, rx.event.EventSpec)
    assert "/admin/anmelden" in str(refused.args)
