"""Who is signed in to the admin, and the guard every admin handler passes.

Logging in and out are plain HTTP requests (``partner_app/admin_endpoints.py``) that set
and clear an HttpOnly cookie; the states only ever see its hash, in the headers of the
tab's websocket connection (``partner_app/session_cookie.py``). Reflex's client token is
never a credential: every admin handler is decorated with :func:`editor_only`, which
checks the session behind the *connection's* cookie against the database before the
handler runs, so logout, expiry, a new password and disabling an editor take effect in
every tab at its very next event.

When the second factor is required (``PARTNER_APP_REQUIRE_TWO_FACTOR``) and the editor has
not set it up yet, :func:`editor_only` lets only the handlers of its set-up run (those
marked :func:`open_while_enrolling`) and sends every other event to the account page.

When a check fails, every admin state forgets what it holds (:func:`forget_admin_data`),
and :class:`AdminDataGuard` does the same before a tab is sent its whole state again
(on every reconnect), so nothing of the admin survives its session.
"""

import functools
import inspect
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar, overload
from urllib.parse import urlencode

import reflex as rx
from reflex.middleware.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import Event

from partner_app import closed_tabs, routes, texts_admin
from partner_app.models import utc_now
from partner_app.reflex_internals import is_hydrate_event
from partner_app.services.editor_sessions import (
    CODE_FAILED,
    LOGIN_FAILED,
    LOGIN_THROTTLED,
    SignedInEditor,
    signed_in_editor,
)
from partner_app.session_cookie import session_hash
from partner_app.state.database_thread import in_session

StateT = TypeVar("StateT", bound=rx.State)
P = ParamSpec("P")
R = TypeVar("R")

# Every state holding something only an editor may see; cleared when the session ends.
ADMIN_DATA_STATES: list[type[rx.State]] = []


def holds_admin_data(state_class: type[StateT]) -> type[StateT]:
    """Register ``state_class`` as one :func:`forget_admin_data` clears."""
    ADMIN_DATA_STATES.append(state_class)
    return state_class


class AdminSessionState(rx.State):
    """The login form's messages and the signed-in editor's name."""

    username: rx.Field[str] = rx.field("")
    login_error: rx.Field[str] = rx.field("")
    login_notice: rx.Field[str] = rx.field("")
    # Sent back after a failed login, so the editor types only the password again.
    login_username: rx.Field[str] = rx.field("")
    # The admin page the login returns to (checked again by the login endpoint).
    return_to: rx.Field[str] = rx.field("")
    # The hash of the session this tab's admin data was loaded under ("" = none).
    _session_hash: str = ""

    def _connection_session_hash(self) -> str:
        return session_hash(self.router.headers.cookie)

    async def _current_editor(self) -> SignedInEditor | None:
        """The editor behind this connection's session cookie, checked against the database now."""
        token_hash = self._connection_session_hash()
        editor = await _checked_session(token_hash) if token_hash else None
        if editor is None:
            await forget_admin_data(self)
            return None
        self._session_hash = token_hash
        closed_tabs.remember_editor_tab(self.router.session.client_token)
        if self.username != editor.username:
            self.username = editor.username
        return editor

    @rx.event
    async def open_login(self) -> rx.event.EventSpec | None:
        """On load of the login page: signed-in editors go on; others see why they are here."""
        query = self.router.url.query_parameters
        return_to = routes.admin_return_path(query.get("weiter", ""))
        if await self._current_editor() is not None:
            return rx.redirect(return_to or routes.ADMIN_NEWS, replace=True)
        # Set after the check: a failed one resets this state.
        self.return_to = return_to
        self.login_username = query.get("benutzer", "")[:60]
        if "abgemeldet" in query:
            self.login_notice = texts_admin.LOGGED_OUT
        else:
            self.login_notice = texts_admin.LOGIN_TO_CONTINUE if self.return_to else ""
        self._show_failure(query, LOGIN_FAILED)
        return None

    @rx.event
    async def open_code_step(self) -> rx.event.EventSpec | None:
        """On load of the code form (a login's second step): why the last code failed."""
        query = self.router.url.query_parameters
        return_to = routes.admin_return_path(query.get("weiter", ""))
        if await self._current_editor() is not None:
            return rx.redirect(return_to or routes.ADMIN_NEWS, replace=True)
        self.return_to = return_to
        self.login_notice = ""
        self._show_failure(query, CODE_FAILED)
        return None

    def _show_failure(self, query: Mapping[str, str], failed: str) -> None:
        error = query.get("fehler", "")
        wait = query.get("warten", "")
        if error == "gesperrt" and wait.isdigit():
            self.login_error = LOGIN_THROTTLED.format(seconds=min(int(wait), 24 * 3600))
        elif error == "abgelaufen":
            self.login_error = texts_admin.LOGIN_CODE_EXPIRED
        else:
            self.login_error = failed if error else ""


async def _checked_session(token_hash: str) -> SignedInEditor | None:
    return await in_session(lambda session: signed_in_editor(session, token_hash, now=utc_now()))


async def forget_admin_data(state: rx.State) -> None:
    """Reset every admin state of ``state``'s tab, the signed-in name included."""
    for state_class in (AdminSessionState, *ADMIN_DATA_STATES):
        admin_state = await state.get_state(state_class)
        admin_state.reset()


class AdminDataGuard(Middleware):
    """Before a tab is sent its whole state, drop the admin data of a session gone by.

    A tab reconnecting (a reload, another tab's logout, an expiry, a stolen client
    token used without the cookie) would otherwise be sent the inbox, drafts and
    forms its session loaded. Tabs that never loaded admin data cost nothing here.
    A signed-in tab's page load is checked twice, here and by its on_load: two events,
    one indexed query each, cheaper than a cache that could let an ended session through.
    """

    async def preprocess(self, app: Any, state: BaseState, event: Event) -> StateUpdate | None:
        """Check the session of a tab that holds admin data when it hydrates."""
        if not isinstance(state, rx.State) or not is_hydrate_event(event):
            return None
        session_state = await state.get_state(AdminSessionState)
        if not session_state._session_hash:
            return None
        if session_state._connection_session_hash() != session_state._session_hash:
            await forget_admin_data(state)
            return None
        await session_state._current_editor()
        return None


def to_login(state: rx.State) -> rx.event.EventSpec:
    """A full page load of the login, coming back to the current admin page afterwards.

    A full load, not an in-app navigation: the new websocket connection carries the
    browser's current cookie, so a tab opened before the login in another tab is let in.
    """
    # The raw query: repeated parameters and their order survive the way back.
    url = state.router.url
    back = routes.admin_return_path(url.path + (f"?{url.query}" if url.query else ""))
    login = routes.page_url(routes.ADMIN_LOGIN) + (
        f"?{urlencode({'weiter': back})}" if back else ""
    )
    return rx.call_script(f"window.location.replace({json.dumps(login)})")


async def require_editor(state: rx.State) -> SignedInEditor | None:
    """The signed-in editor for any admin state's handler, or ``None``."""
    session_state = await state.get_state(AdminSessionState)
    return await session_state._current_editor()


def open_while_enrolling(handler: Callable[P, R]) -> Callable[P, R]:
    """Mark a handler of the second factor's set-up: it runs while the set-up is due.

    Put it below :func:`editor_only`, which reads the mark.
    """
    handler._open_while_enrolling = True  # type: ignore[attr-defined]
    return handler


@overload
def editor_only(
    handler: Callable[Concatenate[StateT, SignedInEditor, P], Awaitable[R]],
) -> Callable[Concatenate[StateT, P], Awaitable[R]]: ...
@overload
def editor_only(
    handler: Callable[Concatenate[StateT, P], Awaitable[R]],
) -> Callable[Concatenate[StateT, P], Awaitable[R]]: ...
def editor_only(handler: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Run ``handler`` only for a signed-in editor; send anybody else to the login.

    A handler whose first parameter after ``self`` is ``editor`` receives the
    :class:`SignedInEditor` there. The parameter is hidden from the signature
    Reflex reads, so the browser can never pass one in.
    """
    signature = inspect.signature(handler)
    parameters = list(signature.parameters.values())
    wants_editor = len(parameters) > 1 and parameters[1].name == "editor"
    open_while_enrolling = getattr(handler, "_open_while_enrolling", False)

    @functools.wraps(handler)
    async def guarded(state: rx.State, *args: Any, **kwargs: Any) -> Any:
        editor = await require_editor(state)
        if editor is None:
            return to_login(state)
        if editor.must_enrol and not open_while_enrolling:
            # Nothing of the admin before the required second factor is set up.
            return rx.redirect(routes.ADMIN_ACCOUNT, replace=True)
        kwargs.pop("editor", None)  # only the checked editor, never one sent along
        if wants_editor:
            return await handler(state, editor, *args, **kwargs)
        return await handler(state, *args, **kwargs)

    if wants_editor:
        # inspect.signature reads __signature__; Reflex reads the hints from __annotations__.
        guarded.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[parameters[0], *parameters[2:]]
        )
        guarded.__annotations__ = {
            name: hint for name, hint in handler.__annotations__.items() if name != "editor"
        }
    return guarded
