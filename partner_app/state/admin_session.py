"""Who is signed in to the admin, and the guard every admin handler passes.

The session token lives only in a backend-only var (``_session_token``): it is
never sent to the browser. Every admin handler is decorated with
:func:`editor_only`, which checks the token against the database before the
handler runs, so logout, expiry and disabling an editor take effect on the very
next event.
"""

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, Concatenate, ParamSpec, TypeVar, overload

import reflex as rx

from partner_app import routes
from partner_app.models import utc_now
from partner_app.services.editor_sessions import SignedInEditor, log_in, log_out, signed_in_editor


class AdminSessionState(rx.State):
    """The login form and the signed-in editor's name."""

    username: rx.Field[str] = rx.field("")
    login_error: rx.Field[str] = rx.field("")
    _session_token: str = ""

    def _current_editor(self) -> SignedInEditor | None:
        """The signed-in editor, checked against the database now."""
        if not self._session_token:
            return None
        with rx.session() as session:
            editor = signed_in_editor(session, self._session_token, now=utc_now())
        if editor is None:
            self._session_token = ""
            self.username = ""
        return editor

    @rx.event
    def submit_login(self, form_data: dict[str, str]) -> rx.event.EventSpec | None:
        """Check the credentials; on success open the news list."""
        username = str(form_data.get("username", ""))
        password = str(form_data.get("password", ""))
        with rx.session() as session:
            result = log_in(session, username, password, client=self._client(), now=utc_now())
            if result.token is None:
                self.login_error = result.error
                return None
            self._session_token = result.token
            editor = signed_in_editor(session, result.token, now=utc_now())
        self.login_error = ""
        self.username = editor.username if editor else ""
        return rx.redirect(routes.ADMIN_NEWS)

    @rx.event
    def log_out(self) -> rx.event.EventSpec:
        """End the session on the server and show the login form."""
        if self._session_token:
            with rx.session() as session:
                log_out(session, self._session_token, now=utc_now())
        self._session_token = ""
        self.username = ""
        return rx.redirect(routes.ADMIN_LOGIN)

    @rx.event
    def open_login(self) -> rx.event.EventSpec | None:
        """On load of the login page: signed-in editors go straight to the news list."""
        if self._current_editor() is not None:
            return rx.redirect(routes.ADMIN_NEWS)
        return None

    def _client(self) -> str:
        # Behind a reverse proxy every client would share its address: Reflex takes it
        # from X-Forwarded-For only with REFLEX_TRUSTED_PROXY_HOPS set (see the README).
        return self.router.session.client_ip or "unbekannt"


async def require_editor(state: rx.State) -> SignedInEditor | None:
    """The signed-in editor for any admin state's handler, or ``None``."""
    session_state = await state.get_state(AdminSessionState)
    return session_state._current_editor()


StateT = TypeVar("StateT", bound=rx.State)
P = ParamSpec("P")
R = TypeVar("R")


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

    @functools.wraps(handler)
    async def guarded(state: rx.State, *args: Any, **kwargs: Any) -> Any:
        editor = await require_editor(state)
        if editor is None:
            return rx.redirect(routes.ADMIN_LOGIN)
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
