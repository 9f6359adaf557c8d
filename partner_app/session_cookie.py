"""The editor's session cookie: how it is set, cleared and read (no Reflex imports).

The session is an HttpOnly cookie set by the login endpoint, so one login serves every
tab of the browser and no script on the page can read it. Reflex sees the cookie only in
the headers of each websocket connection; before they reach any state, the value is
replaced by its hash (:func:`hashed_cookie_header`), so the raw token is never kept in a
state file, in Redis or in a log.

The cookie's path is ``/``: it must reach both the websocket (``/_event``) and the
admin's endpoints (``/admin/…``), which share no narrower prefix.
"""

from http.cookies import CookieError, SimpleCookie

from starlette.responses import Response

from partner_app.routes import ADMIN_LOGIN
from partner_app.services.editor_sessions import PENDING_LOGIN_TIMEOUT, hash_token

COOKIE_NAME = "partner_admin_session"
# The browser forgets the cookie when the session would end anyway (absolute timeout).
COOKIE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60
# Between the password and the code of a two-factor login: only the login's own
# endpoints need it, so it never travels with the websocket.
PENDING_COOKIE_NAME = "partner_admin_pending"


def cookie_value(cookie_header: str, name: str = COOKIE_NAME) -> str:
    """The value of cookie ``name`` in a ``Cookie`` header ("" when absent or malformed)."""
    if not cookie_header:
        return ""
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(cookie_header)
    except CookieError:
        return ""
    morsel = cookies.get(name)
    return morsel.value if morsel is not None else ""


def hashed_cookie_header(cookie_header: str) -> str:
    """A ``Cookie`` header holding only the session cookie, its value hashed.

    The app sets no other cookie; anything else a client sends is dropped, so it is not
    stored with the connection either.
    """
    token = cookie_value(cookie_header)
    return f"{COOKIE_NAME}={hash_token(token)}" if token else ""


def session_hash(hashed_header: str) -> str:
    """The session hash in a header made by :func:`hashed_cookie_header` ("" if none)."""
    return cookie_value(hashed_header)


def set_session_cookie(response: Response, token: str, *, secure: bool) -> None:
    """Give the browser the session: HttpOnly, SameSite=Strict, Secure over https."""
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=COOKIE_MAX_AGE_SECONDS,
        path="/",
        secure=secure,
        httponly=True,
        samesite="strict",
    )


def clear_session_cookie(response: Response, *, secure: bool) -> None:
    """Tell the browser to forget the session cookie."""
    response.delete_cookie(COOKIE_NAME, path="/", secure=secure, httponly=True, samesite="strict")


def set_pending_cookie(response: Response, pending: str, *, secure: bool) -> None:
    """Remember a login waiting for its code, for the login's addresses only."""
    response.set_cookie(
        PENDING_COOKIE_NAME,
        pending,
        max_age=int(PENDING_LOGIN_TIMEOUT.total_seconds()),
        path=ADMIN_LOGIN,
        secure=secure,
        httponly=True,
        samesite="strict",
    )


def clear_pending_cookie(response: Response, *, secure: bool) -> None:
    """Tell the browser to forget a pending login."""
    response.delete_cookie(
        PENDING_COOKIE_NAME, path=ADMIN_LOGIN, secure=secure, httponly=True, samesite="strict"
    )
