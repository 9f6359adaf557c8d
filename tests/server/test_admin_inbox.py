"""The inbox state: a spam wave's notice, and answering a message."""

from datetime import timedelta

from reflex.state import State
from sqlalchemy import Engine
from sqlmodel import Session, select

from partner_app.models import AuditEntry, utc_now
from partner_app.services.contact_messages import UNUSUAL_PER_HOUR
from partner_app.state.admin_messages import AdminMessagesState
from tests.server.conftest import EDITOR, call, sign_in, substate
from tests.support.own_loop import run_in_own_loop
from tests.support.stored_messages import add_stored_messages


def test_the_inbox_shows_a_notice_while_unusually_many_messages_arrive(
    root_state: State, app_engine: Engine
) -> None:
    inbox = substate(root_state, AdminMessagesState)
    run_in_own_loop(inbox._refresh())
    assert inbox.volume_alert == ""

    wave = [f"netz-{number}" for number in range(UNUSUAL_PER_HOUR)]
    with Session(app_engine) as session:
        add_stored_messages(session, wave, received_at=utc_now() - timedelta(minutes=1))
    run_in_own_loop(inbox._refresh())
    # The fixture's own message and the wave.
    assert inbox.volume_alert.startswith(
        f"Ungewöhnlich viele Nachrichten in der letzten Stunde: {UNUSUAL_PER_HOUR + 1}."
    )


def test_answering_notes_who_answered_and_keeps_the_message_open(
    root_state: State, app_engine: Engine
) -> None:
    sign_in(root_state, app_engine)
    inbox = substate(root_state, AdminMessagesState)
    assert call(inbox, "load") is None
    [row] = inbox.rows
    assert row.reply_href.startswith("mailto:anna@example.org?subject=")

    assert call(inbox, "answer", row.id) is None

    assert inbox.status.startswith("Die Antwort öffnet sich in Ihrem E-Mail-Programm.")
    [row] = inbox.rows
    assert row.answered_label.startswith("Beantwortet am ")
    assert row.answered_label.endswith(f" von {EDITOR}")
    assert not row.done
    with Session(app_engine) as session:
        entry = session.exec(select(AuditEntry)).one()
        assert (entry.editor_username, entry.action) == (EDITOR, "answered")


def test_answering_a_message_deleted_meanwhile_says_so(
    root_state: State, app_engine: Engine
) -> None:
    sign_in(root_state, app_engine)
    inbox = substate(root_state, AdminMessagesState)

    assert call(inbox, "answer", 999) is None

    assert inbox.status == "Diese Nachricht gibt es nicht mehr."
    with Session(app_engine) as session:
        assert session.exec(select(AuditEntry)).all() == []
