"""A closed public tab's state goes soon; an editor's stays (its open form lives there)."""

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import redis
import socketio

from partner_app import reflex_internals, routes
from partner_app.reflex_internals import (
    CONNECT_AUTH_EVENT,
    EVENT_ENDPOINT,
    HYDRATE_EVENT,
    SOCKET_EVENT,
    websocket_event,
)
from partner_app.session_cookie import COOKIE_NAME
from tests.support.own_app import EDITOR, EDITOR_PASSWORD, OwnApp
from tests.support.own_loop import run_in_own_loop
from tests.support.simulated_visitor import SimulatedVisitor

GRACE_S = 1


def stored_check(states_dir: Path) -> Callable[[str], bool]:
    """Whether a client's root state is stored (Redis on the production stack, else files)."""
    redis_url = os.environ.get("REFLEX_REDIS_URL")
    if redis_url:
        client = redis.Redis.from_url(redis_url)
        return lambda token: bool(client.exists(reflex_internals.root_state_key(token)))
    return lambda token: (states_dir / reflex_internals.root_state_file(token)).exists()


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` passed."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)  # polling the store, bounded by the deadline
    return True


async def editor_tab(url: str, token: str, cookie: str) -> None:
    """An editor's tab on the news list: connect with the session cookie, load, close."""
    signed_in = asyncio.Event()

    def on_update(update: dict[str, Any]) -> None:
        # Not the first delta (it holds the empty defaults): the one naming the editor,
        # sent once the page's on_load checked the session and the tab holds admin data.
        for substate in update.get("delta", {}).values():
            if any(
                key.startswith("username") and value == EDITOR for key, value in substate.items()
            ):
                signed_in.set()

    client = socketio.AsyncClient(reconnection=False)
    client.on(SOCKET_EVENT, on_update, namespace=EVENT_ENDPOINT)
    await client.connect(
        f"{url}?token={token}",
        headers={"Origin": url, "Cookie": f"{COOKIE_NAME}={cookie}"},
        auth={CONNECT_AUTH_EVENT: websocket_event(HYDRATE_EVENT, {}, routes.ADMIN_NEWS)},
        transports=["websocket"],
        namespaces=[EVENT_ENDPOINT],
        socketio_path=EVENT_ENDPOINT,
        wait_timeout=10,
    )
    try:
        await asyncio.wait_for(signed_in.wait(), 15)
    finally:
        await client.disconnect()


async def public_tab(url: str, stored: Callable[[str], bool]) -> str:
    """A visitor filtering the archive; closed once its state is stored."""
    visitor = SimulatedVisitor(url)
    await visitor.open()
    await visitor.choose_city("venlo")
    # The disk manager writes after a short debounce.
    written = await asyncio.to_thread(wait_for, lambda: stored(visitor.token))
    await visitor.close()
    assert written, "the public tab's state was never stored"
    return visitor.token


def test_a_closed_public_tab_is_forgotten_and_an_editors_kept(tmp_path: Path) -> None:
    states_dir = tmp_path / "states"
    app = OwnApp(
        tmp_path / "app",
        {"PARTNER_APP_CLOSED_TAB_SECONDS": str(GRACE_S), "REFLEX_STATES_WORKDIR": str(states_dir)},
    )
    app.start()
    try:
        login = httpx.post(
            app.url + routes.ADMIN_LOGIN,
            data={"username": EDITOR, "password": EDITOR_PASSWORD},
            headers={"Origin": app.url},
        )
        cookie = login.cookies[COOKIE_NAME]
        editor_token = "editor-tab-0000"
        stored = stored_check(states_dir)
        run_in_own_loop(editor_tab(app.url, editor_token, cookie))
        assert wait_for(lambda: stored(editor_token)), "the editor's state was never stored"
        public_token = run_in_own_loop(public_tab(app.url, stored))
        # The public tab's state goes after the grace period; the editor's (closed
        # earlier) stays.
        assert wait_for(lambda: not stored(public_token)), "a closed public tab's state stayed"
        assert stored(editor_token)
    finally:
        app.stop()
