"""The admin's states and the session cookie: nothing of the admin outlives its session.

A tab's admin data (inbox, drafts, an open form) is loaded under the session behind its
connection's cookie. When that session ends — logout in another tab, expiry — or the
tab's client token turns up on a connection without the cookie, the next hydrate (every
reconnect) must send none of it.
"""

import json

import pytest
from reflex.state import State
from reflex_base.event import Event
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from partner_app import reflex_internals
from partner_app.models import EditorSession, NewsItem, NewsStatus, utc_now
from partner_app.services.editor_sessions import hash_token, log_out
from partner_app.state.admin_messages import AdminMessagesState
from partner_app.state.admin_news_editor import AdminNewsEditorState
from partner_app.state.admin_news_list import AdminNewsListState
from partner_app.state.admin_session import AdminDataGuard, AdminSessionState
from tests.server.conftest import EDITOR, browse_to, call, sign_in, substate
from tests.support.own_loop import run_in_own_loop

HYDRATE = Event(name=reflex_internals.HYDRATE_EVENT, payload={})


def open_inbox_drafts_and_a_form(root: State, engine: Engine) -> list[str]:
    """Load what only an editor may see; the texts that must not leak afterwards."""
    with Session(engine) as session:
        draft = session.exec(select(NewsItem).where(NewsItem.status == NewsStatus.draft)).first()
        if draft is None:
            draft = session.exec(select(NewsItem)).first()
            assert draft is not None
            session.exec(
                update(NewsItem).where(col(NewsItem.id) == draft.id).values(status="draft")
            )
            session.commit()
        draft_id, draft_title = draft.id, draft.title
    assert call(substate(root, AdminMessagesState), "load") is None
    assert call(substate(root, AdminNewsListState), "load") is None
    browse_to(root, f"/admin/nachrichten/bearbeiten?id={draft_id}")
    assert call(substate(root, AdminNewsEditorState), "load") is None
    shown = sent_on_hydrate(root)
    secrets = ["anna@example.org", "Hallo", draft_title, EDITOR]
    assert all(secret in shown for secret in secrets), "the tab shows the admin data first"
    return secrets


def sent_on_hydrate(root: State) -> str:
    """What the tab is sent when it (re)connects: the guard runs, then the whole state."""
    run_in_own_loop(AdminDataGuard().preprocess(None, root, HYDRATE))
    return reflex_internals.json_dumps(root.dict())


def test_a_reconnect_after_logout_sends_no_admin_data(
    root_state: State, app_engine: Engine
) -> None:
    session_token = sign_in(root_state, app_engine)
    secrets = open_inbox_drafts_and_a_form(root_state, app_engine)
    with Session(app_engine) as session:
        log_out(session, hash_token(session_token), now=utc_now())
    # The same client token, the same (now ended) cookie: a reload after logout elsewhere.
    browse_to(
        root_state, "/admin/postfach", connection="sid-3", token="t", session_token=session_token
    )
    shown = sent_on_hydrate(root_state)
    assert [secret for secret in secrets if secret in shown] == []


@pytest.mark.parametrize("how", ["without_the_cookie", "expired"])
def test_a_stolen_client_token_or_an_expired_session_gets_no_admin_data(
    root_state: State, app_engine: Engine, how: str
) -> None:
    session_token = sign_in(root_state, app_engine)
    secrets = open_inbox_drafts_and_a_form(root_state, app_engine)
    if how == "expired":
        with Session(app_engine) as session:
            session.exec(update(EditorSession).values(expires_at=utc_now()))
            session.commit()
        cookie = session_token
    else:
        cookie = ""
    browse_to(root_state, "/admin/postfach", connection="sid-4", token="t", session_token=cookie)
    shown = sent_on_hydrate(root_state)
    assert [secret for secret in secrets if secret in shown] == []
    assert substate(root_state, AdminSessionState)._session_hash == ""


def test_a_reconnect_with_the_valid_cookie_keeps_the_editors_work(
    root_state: State, app_engine: Engine
) -> None:
    session_token = sign_in(root_state, app_engine)
    secrets = open_inbox_drafts_and_a_form(root_state, app_engine)
    browse_to(
        root_state, "/admin/postfach", connection="sid-5", token="t", session_token=session_token
    )
    shown = sent_on_hydrate(root_state)
    assert all(secret in shown for secret in secrets)


def test_a_tab_that_never_signed_in_is_not_checked(root_state: State, app_engine: Engine) -> None:
    browse_to(root_state, "/", connection="sid-6", token="visitor")
    before = json.dumps(root_state.dict(), default=str, sort_keys=True)
    sent_on_hydrate(root_state)
    assert json.dumps(root_state.dict(), default=str, sort_keys=True) == before
