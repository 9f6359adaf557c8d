"""The admin navigation counts the new messages on every admin page; the inbox clears them."""

from datetime import timedelta

import pytest
from reflex.state import State
from sqlalchemy import Engine
from sqlmodel import Session

from partner_app import partner_app, routes
from partner_app.models import utc_now
from partner_app.settings import REQUIRE_TWO_FACTOR_VARIABLE
from partner_app.state.admin_messages import AdminMessagesState
from partner_app.state.admin_navigation import AdminNavigationState
from tests.server.conftest import call, sign_in, substate
from tests.support.stored_messages import add_stored_messages

# The pages without the navigation: the two steps of the login.
WITHOUT_NAVIGATION = {routes.ADMIN_LOGIN, routes.ADMIN_LOGIN_CODE}


def test_every_admin_page_with_the_navigation_counts_on_load() -> None:
    admin_pages = [
        page
        for page, _component in partner_app.PAGES
        if page.ROUTE.startswith(routes.ADMIN + "/") and page.ROUTE not in WITHOUT_NAVIGATION
    ]
    assert len(admin_pages) == 7
    for page in admin_pages:
        assert AdminNavigationState.load in page.ON_LOAD, page.ROUTE


def test_the_navigation_counts_new_messages_and_the_inbox_marks_them_seen(
    root_state: State, app_engine: Engine
) -> None:
    sign_in(root_state, app_engine)
    navigation = substate(root_state, AdminNavigationState)
    with Session(app_engine) as session:
        add_stored_messages(session, ["a", "b"], received_at=utc_now() - timedelta(minutes=1))

    assert call(navigation, "load") is None
    # The fixture's message and the two just stored.
    assert (navigation.new_messages, navigation.new_messages_label) == (3, "3 neue Nachrichten")

    inbox = substate(root_state, AdminMessagesState)
    assert call(inbox, "load") is None
    assert [row.new for row in inbox.rows] == [True, True, True]
    # The inbox page itself no longer counts what it shows.
    assert (navigation.new_messages, navigation.new_messages_label) == (0, "")

    # Marking one done keeps "Neu" on this page view ...
    assert call(inbox, "mark_done", inbox.rows[0].id) is None
    assert [row.new for row in inbox.rows] == [True, True]
    # ... and the next page load counts nothing and marks nothing new.
    assert call(navigation, "load") is None
    assert navigation.new_messages == 0
    assert call(inbox, "load") is None
    assert [row.new for row in inbox.rows] == [False, False]


def test_while_a_required_second_factor_is_set_up_the_navigation_shows_no_number(
    root_state: State, app_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(REQUIRE_TWO_FACTOR_VARIABLE, "1")
    sign_in(root_state, app_engine, "/admin/konto")
    navigation = substate(root_state, AdminNavigationState)

    # It runs on the account page (no redirect to itself) but reveals nothing.
    assert call(navigation, "load") is None
    assert (navigation.new_messages, navigation.new_messages_label) == (0, "")
