"""The admin guard hands the handler the editor it checked, never one the caller names."""

import inspect

from reflex.state import State
from sqlalchemy import Engine
from sqlmodel import Session, select

from partner_app.models import AuditEntry, ContactMessage
from partner_app.services.editor_sessions import SignedInEditor
from partner_app.state.admin_messages import AdminMessagesState
from tests.server.conftest import EDITOR, sign_in, substate
from tests.support.own_loop import run_in_own_loop


def test_the_editor_parameter_is_hidden_from_reflex() -> None:
    handler = AdminMessagesState.event_handlers["mark_done"]
    assert list(inspect.signature(handler.fn).parameters) == ["self", "message_id"]
    assert "editor" not in handler.fn.__annotations__


def test_a_name_smuggled_in_as_editor_is_replaced_by_the_signed_in_one(
    root_state: State, app_engine: Engine
) -> None:
    sign_in(root_state, app_engine)
    inbox = substate(root_state, AdminMessagesState)
    with Session(app_engine) as session:
        message_id = session.exec(select(ContactMessage.id)).one()
    mallory = SignedInEditor(editor_id=99, username="mallory")

    handler = AdminMessagesState.event_handlers["mark_done"].fn
    assert run_in_own_loop(handler(inbox, message_id, editor=mallory)) is None

    with Session(app_engine) as session:
        assert session.exec(select(ContactMessage.done_by)).one() == EDITOR
        entry = session.exec(select(AuditEntry)).one()
        assert (entry.editor_username, entry.action) == (EDITOR, "done")
