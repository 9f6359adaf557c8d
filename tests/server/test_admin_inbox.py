"""The inbox state tells the editors of a spam wave."""

from datetime import timedelta

from reflex.state import State
from sqlalchemy import Engine
from sqlmodel import Session

from partner_app.models import utc_now
from partner_app.services.contact_messages import UNUSUAL_PER_HOUR
from partner_app.state.admin_messages import AdminMessagesState
from tests.server.conftest import substate
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
