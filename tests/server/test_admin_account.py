"""The account page's two-factor set-up, and the required setting, in the Reflex states."""

import pickle

import pytest
import reflex as rx
from pyotp.totp import TOTP
from reflex.state import State
from sqlalchemy import Engine
from sqlmodel import Session

from partner_app import reflex_internals
from partner_app.models import Editor
from partner_app.services import two_factor
from partner_app.services.editor_accounts import find_editor
from partner_app.settings import REQUIRE_TWO_FACTOR_VARIABLE
from partner_app.state.admin_account import AdminAccountState
from partner_app.state.admin_messages import AdminMessagesState
from partner_app.state.admin_navigation import AdminNavigationState
from partner_app.state.admin_news_list import AdminNewsListState
from partner_app.state.admin_session import AdminSessionState
from tests.server.conftest import PASSWORD, browse_to, call, sign_in, substate
from tests.server.test_admin_authorization import (
    admin_handlers,
    all_substates,
    arguments_for,
    database_snapshot,
)

OPEN_WHILE_ENROLLING = {
    "load",
    "start_enrolment",
    "confirm_enrolment",
    "cancel_enrolment",
    "disable",
}


def editor_row(engine: Engine) -> Editor:
    with Session(engine) as session:
        editor = find_editor(session, "redaktion")
        assert editor is not None
        return editor


def secret_of(engine: Engine) -> str:
    secret = two_factor.decrypt_secret(editor_row(engine).totp_secret)
    assert secret is not None
    return secret


def stored_states(root: State) -> bytes:
    """What Reflex writes to .states/ or Redis: every state of the tree, pickled."""
    return b"".join(pickle.dumps(state) for state in [root, *all_substates(root)])


def test_an_editor_sets_up_the_second_factor_on_the_account_page(
    root_state: State, app_engine: Engine
) -> None:
    sign_in(root_state, app_engine, "/admin/konto")
    account = substate(root_state, AdminAccountState)
    assert call(account, "load") is None
    assert not account.enabled

    assert call(account, "start_enrolment") is None
    assert account.qr_data_uri.startswith("data:image/svg+xml")
    secret = secret_of(app_engine)
    assert account.secret_text.replace(" ", "") == secret

    assert call(account, "confirm_enrolment", {"code": "000000"}) is None
    assert "stimmt nicht" in account.error
    assert not editor_row(app_engine).totp_enabled_at

    shown = account.secret_text
    assert shown.encode() in stored_states(root_state)
    assert call(account, "confirm_enrolment", {"code": TOTP(secret).now()}) is None
    assert account.error == ""
    assert account.enabled
    assert len(account.recovery_codes) == 10
    # The set-up is over: the secret is in no state, neither shown nor stored.
    assert account.qr_data_uri == account.secret_text == ""
    assert shown.encode() not in stored_states(root_state)
    assert shown not in reflex_internals.json_dumps(root_state.dict())

    assert call(account, "codes_saved") is None
    assert account.recovery_codes == []


def test_switching_off_needs_the_password(root_state: State, app_engine: Engine) -> None:
    sign_in(root_state, app_engine, "/admin/konto")
    account = substate(root_state, AdminAccountState)
    call(account, "start_enrolment")
    call(account, "confirm_enrolment", {"code": TOTP(secret_of(app_engine)).now()})
    assert call(account, "disable", {"proof": "geraten-geraten"}) is None
    assert account.error == "Das Passwort oder der Code stimmt nicht."
    assert account.enabled
    assert call(account, "disable", {"proof": PASSWORD}) is None
    assert not account.enabled
    assert account.message == "Die Zwei-Faktor-Anmeldung ist ausgeschaltet."
    assert editor_row(app_engine).totp_secret is None


def test_when_required_nothing_but_the_set_up_runs_until_it_is_done(
    root_state: State, app_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(REQUIRE_TWO_FACTOR_VARIABLE, "1")
    sign_in(root_state, app_engine)
    database_before = database_snapshot(app_engine)
    blocked = [
        (state_class, name)
        for state_class, name in admin_handlers()
        if not (state_class is AdminAccountState and name in OPEN_WHILE_ENROLLING)
        # The account page's navigation; it shows no number then (test_admin_navigation).
        and (state_class, name) != (AdminNavigationState, "load")
    ]
    assert (AdminMessagesState, "load") in blocked
    for state_class, name in blocked:
        result = call(substate(root_state, state_class), name, *arguments_for(state_class, name, 1))
        assert isinstance(result, rx.event.EventSpec), f"{state_class.__name__}.{name}"
        assert "/admin/konto" in str(result.args), f"{state_class.__name__}.{name}"
    assert database_snapshot(app_engine) == database_before
    assert substate(root_state, AdminMessagesState).rows == []

    account = substate(root_state, AdminAccountState)
    assert call(account, "load") is None
    assert account.must_enrol
    call(account, "start_enrolment")
    call(account, "confirm_enrolment", {"code": TOTP(secret_of(app_engine)).now()})
    assert account.enabled
    assert not account.must_enrol
    # Set up: the admin opens, and the saved codes lead on to it.
    saved = call(account, "codes_saved")
    assert isinstance(saved, rx.event.EventSpec)
    assert "/admin/nachrichten" in str(saved.args)
    news_list = substate(root_state, AdminNewsListState)
    assert call(news_list, "load") is None
    assert len(news_list.rows) == 5


def test_a_cancelled_set_up_forgets_the_secret_and_leaves_the_page(
    root_state: State, app_engine: Engine
) -> None:
    sign_in(root_state, app_engine, "/admin/konto")
    account = substate(root_state, AdminAccountState)
    call(account, "start_enrolment")
    assert editor_row(app_engine).totp_secret is not None
    assert call(account, "cancel_enrolment") is None
    assert account.qr_data_uri == account.secret_text == ""
    assert editor_row(app_engine).totp_secret is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/admin/anmelden/code?fehler=falsch", "Der Code stimmt nicht."),
        ("/admin/anmelden/code?fehler=gesperrt&warten=8", "Bitte warten Sie 8 Sekunden"),
        ("/admin/anmelden?fehler=abgelaufen", "Die Zeit für den Code ist abgelaufen."),
    ],
)
def test_the_login_pages_say_why_a_code_step_failed(
    root_state: State, url: str, message: str
) -> None:
    browse_to(root_state, url, connection="sid-1", token="tab")
    session_state = substate(root_state, AdminSessionState)
    handler = "open_code_step" if "/code" in url else "open_login"
    assert call(session_state, handler) is None
    assert message in session_state.login_error


def test_the_code_step_sends_a_signed_in_editor_on(root_state: State, app_engine: Engine) -> None:
    sign_in(root_state, app_engine, "/admin/anmelden/code?weiter=%2Fadmin%2Fpostfach")
    redirect = call(substate(root_state, AdminSessionState), "open_code_step")
    assert isinstance(redirect, rx.event.EventSpec)
    assert "/admin/postfach" in str(redirect.args)
