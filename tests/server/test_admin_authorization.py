"""Every admin event handler refuses to work without a valid session.

The handlers are found by enumeration, so a handler added later is covered
without touching this file. Each is called with plausible arguments under
every kind of invalid session; neither the database nor the state may change.
"""

import importlib
import inspect
import json
import pickle
import pkgutil
from datetime import timedelta

import pytest
import reflex as rx
from reflex.state import BaseState, State
from sqlalchemy import Engine, MetaData, select, update
from sqlmodel import Session, col

import partner_app.state
from partner_app import reflex_internals
from partner_app.models import Editor, EditorSession, NewsItem, utc_now
from partner_app.services.editor_sessions import hash_token, log_out
from partner_app.state.admin_messages import AdminMessagesState
from partner_app.state.admin_news_list import AdminNewsListState
from partner_app.state.admin_session import ADMIN_DATA_STATES, AdminSessionState
from tests.server.conftest import EDITOR, PASSWORD, browse_to, call, sign_in, substate

# Handlers of the session state that must work signed out, and why.
PUBLIC_HANDLERS = {
    (AdminSessionState, "open_login"): "shows the login form",
    (AdminSessionState, "open_code_step"): "shows the code form of a two-factor login",
}
SESSION_KINDS = [
    "none",
    "garbage",
    "logged_out",
    "idle_expired",
    "absolute_expired",
    "disabled",
    # The tab's client token used from a connection without the cookie (a stolen token).
    "client_token_only",
]


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
    """Leave ``root``'s connection with a session cookie of the given invalid kind."""
    if kind == "none":
        return
    if kind == "garbage":
        browse_to(root, "/admin/nachrichten", connection="sid-1", token="tab", session_token="x")
        return
    session_token = sign_in(root, engine)
    if kind == "client_token_only":
        # The tab loaded its data under the session, then its client token turns up on
        # a connection opened without the browser's cookie.
        assert call(substate(root, AdminNewsListState), "load") is None
        browse_to(root, "/admin/nachrichten", connection="sid-2", token="client-editor")
        return
    with Session(engine) as session:
        if kind == "logged_out":
            log_out(session, hash_token(session_token), now=utc_now())
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
        result = call(state, name, *arguments_for(state_class, name, news_id))
        assert isinstance(result, rx.event.EventSpec), f"{state_class.__name__}.{name}"
        assert "/admin/anmelden" in str(result.args), f"{state_class.__name__}.{name}"
        # Refused, the tab holds nothing of the admin: every admin state is at its defaults.
        assert admin_data_of(root_state) == fresh_admin_data(), f"{state_class.__name__}.{name}"
        assert database_snapshot(app_engine) == database_before, f"{state_class.__name__}.{name}"


def admin_data_of(root: State) -> str:
    return json.dumps(
        {cls.__name__: substate(root, cls).dict() for cls in admin_state_classes()},
        default=str,
        sort_keys=True,
    )


def fresh_admin_data() -> str:
    return admin_data_of(reflex_internals.new_state_tree())


def test_every_admin_state_is_cleared_with_its_session() -> None:
    registered = {AdminSessionState, *ADMIN_DATA_STATES}
    assert set(admin_state_classes()) == registered


def test_a_valid_session_is_let_through(root_state: State, app_engine: Engine) -> None:
    # The counter-check: the same call works when signed in, so the refusals above mean something.
    sign_in(root_state, app_engine)
    news_list = substate(root_state, AdminNewsListState)
    assert call(news_list, "load") is None
    assert len(news_list.rows) == 5
    assert substate(root_state, AdminSessionState).username == EDITOR


def test_tokens_never_reach_the_browser_or_the_stored_state(
    root_state: State, app_engine: Engine
) -> None:
    session_token = sign_in(root_state, app_engine)
    assert call(substate(root_state, AdminNewsListState), "load") is None
    # Serialized as Reflex serializes a delta for the browser.
    sent_to_browser = reflex_internals.json_dumps(root_state.dict())
    # What Reflex writes to .states/ or Redis: every state of the tree, pickled.
    stored = b"".join(pickle.dumps(state) for state in [root_state, *all_substates(root_state)])
    with Session(app_engine) as session:
        password_hash = session.scalars(select(col(Editor.password_hash))).one()
    assert session_token not in sent_to_browser
    assert session_token.encode() not in stored
    assert hash_token(session_token) not in sent_to_browser
    assert password_hash not in sent_to_browser
    assert PASSWORD not in sent_to_browser


def all_substates(state: BaseState) -> list[BaseState]:
    found = []
    for child in state.substates.values():
        found += [child, *all_substates(child)]
    return found


def test_logout_ends_the_session_for_the_next_handler(
    root_state: State, app_engine: Engine
) -> None:
    session_token = sign_in(root_state, app_engine)
    inbox = substate(root_state, AdminMessagesState)
    assert call(inbox, "load") is None
    assert [row.name for row in inbox.rows] == ["Anna"]
    with Session(app_engine) as session:
        log_out(session, hash_token(session_token), now=utc_now())
    refused = call(inbox, "load")
    assert isinstance(refused, rx.event.EventSpec)
    assert "/admin/anmelden" in str(refused.args)
    assert inbox.rows == []
