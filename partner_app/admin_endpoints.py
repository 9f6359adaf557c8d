"""Logging in and out: plain HTTP form posts that set and clear the session cookie.

The login form posts here (it works without JavaScript, and password managers know it);
the answer is a redirect (303, post/redirect/get): to the admin with the cookie set, or
back to the login page with the reason in its address. Only posts from the app's own
pages are accepted (``Origin``), so another site can neither log a visitor in as
somebody else nor out. Password hashing runs in a worker thread, one at a time, so a
burst of logins never stalls the event loop that serves every visitor.
"""

from urllib.parse import urlencode

import anyio
import reflex as rx
from reflex.config import get_config
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from partner_app import routes, texts_admin
from partner_app.models import utc_now
from partner_app.reflex_internals import client_ip, in_dev_mode
from partner_app.services.editor_sessions import LoginResult, hash_token, log_in, log_out
from partner_app.session_cookie import (
    clear_session_cookie,
    cookie_value,
    set_session_cookie,
)
from partner_app.settings import public_origin

# Argon2 takes a core and 64 MiB per hash: one at a time leaves the other core to visitors.
_password_checks = anyio.CapacityLimiter(1)
MAX_FIELD_LENGTH = 1000
# The login page's final address (the one without the slash answers 307).
LOGIN_PAGE = routes.page_url(routes.ADMIN_LOGIN)


def post_url(path: str) -> str:
    """Where a page's form posts ``path``: the backend (its own port only in ``make dev``)."""
    return (get_config().api_url if in_dev_mode() else "") + path


def _page_url(path: str) -> str:
    # In ``make dev`` the pages are on the frontend's port, not on this one.
    return (get_config().deploy_url or "" if in_dev_mode() else "") + path


def client_address(request: Request) -> str:
    """The client's address, by the same rule as the websocket's (trusted proxies only)."""
    return client_ip(request.scope) or "unbekannt"


def _own_origins(request: Request) -> set[str]:
    own = str(request.base_url).rstrip("/")
    origins = {own, public_origin(own)}
    if in_dev_mode():
        origins.add((get_config().deploy_url or "").rstrip("/"))
    return origins


def _from_own_page(request: Request) -> bool:
    # Browsers send Origin with every form post; a post without one is not from our page.
    return request.headers.get("origin", "") in _own_origins(request)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or public_origin().startswith("https://")


def _refused() -> Response:
    return PlainTextResponse(texts_admin.LOGIN_FROM_ELSEWHERE, status_code=403)


async def log_in_endpoint(request: Request) -> Response:
    """Check the credentials; on success a new session cookie and the admin page."""
    if not _from_own_page(request):
        return _refused()
    form = await request.form()
    username = str(form.get("username", ""))[:MAX_FIELD_LENGTH]
    password = str(form.get("password", ""))[:MAX_FIELD_LENGTH]
    back = routes.admin_return_path(str(form.get("weiter", "")))
    previous = cookie_value(request.headers.get("cookie", ""))
    client = client_address(request)

    def attempt() -> LoginResult:
        with rx.session() as session:
            result = log_in(session, username, password, client=client, now=utc_now())
            if result.token and previous:
                # One session per browser: the one this login replaces ends now.
                log_out(session, hash_token(previous), now=utc_now())
            return result

    result = await anyio.to_thread.run_sync(attempt, limiter=_password_checks)
    if result.token is None:
        query = {"fehler": "gesperrt" if result.wait_seconds else "falsch"}
        if result.wait_seconds:
            query["warten"] = str(result.wait_seconds)
        query["benutzer"] = username[:60]
        if back:
            query["weiter"] = back
        return RedirectResponse(_page_url(f"{LOGIN_PAGE}?{urlencode(query)}"), status_code=303)
    response = RedirectResponse(_page_url(back or routes.ADMIN_NEWS), status_code=303)
    set_session_cookie(response, result.token, secure=_secure(request))
    return response


async def log_out_endpoint(request: Request) -> Response:
    """End the browser's session (in every tab at its next event) and forget the cookie."""
    if not _from_own_page(request):
        return _refused()
    token = cookie_value(request.headers.get("cookie", ""))
    if token:

        def end() -> None:
            with rx.session() as session:
                log_out(session, hash_token(token), now=utc_now())

        await run_in_threadpool(end)
    response = RedirectResponse(_page_url(f"{LOGIN_PAGE}?abgemeldet=1"), status_code=303)
    clear_session_cookie(response, secure=_secure(request))
    return response
