"""A script flooding the websocket: refused within a budget, told on the page, logged safely."""

import asyncio
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import socketio
from playwright.sync_api import Page, expect

from partner_app import event_limits, texts, texts_en
from partner_app.components.connection_notice import BUSY_NOTICE_ID
from partner_app.reflex_internals import (
    CONNECT_AUTH_EVENT,
    EVENT_ENDPOINT,
    HYDRATE_EVENT,
    ON_LOAD_EVENT,
    SOCKET_EVENT,
    websocket_event,
)
from partner_app.services.event_budget import BudgetRules
from tests.browser.conftest import open_page
from tests.support.own_loop import run_in_own_loop

FORGED = "ERROR Forged log line"
FRONTEND_EXCEPTION_EVENT = (
    "reflex___state____state.reflex___state____frontend_event_exception_state"
    ".handle_frontend_exception"
)


async def send_until(
    base_url: str, token: str, events: list[dict[str, Any]], done: Callable[[dict], bool]
) -> list[dict[str, Any]]:
    """As a page of ``/``: connect, send ``events`` at once, collect updates until ``done``."""
    received: list[dict[str, Any]] = []
    hydrated, finished = asyncio.Event(), asyncio.Event()
    client = socketio.AsyncClient(reconnection=False)

    def on_update(update: dict[str, Any]) -> None:
        if not hydrated.is_set():
            hydrated.set()
            return
        received.append(update)
        if done(update):
            finished.set()

    client.on(SOCKET_EVENT, on_update, namespace=EVENT_ENDPOINT)
    await client.connect(
        f"{base_url}?token={token}",
        headers={"Origin": base_url},
        auth={CONNECT_AUTH_EVENT: websocket_event(HYDRATE_EVENT, {}, "/")},
        transports=["websocket"],
        namespaces=[EVENT_ENDPOINT],
        socketio_path=EVENT_ENDPOINT,
        wait_timeout=10,
    )
    try:
        await asyncio.wait_for(hydrated.wait(), 10)
        for event in events:
            await client.emit(SOCKET_EVENT, event, namespace=EVENT_ENDPOINT)
        await asyncio.wait_for(finished.wait(), 15)
    finally:
        await client.disconnect()
    return received


def _is_busy_notice(update: dict[str, Any]) -> bool:
    return BUSY_NOTICE_ID in json.dumps(update.get("events", []))


def test_a_flood_of_events_is_refused_and_the_page_is_told(base_url: str) -> None:
    sent = 3 * int(BudgetRules().capacity)
    events = [websocket_event(ON_LOAD_EVENT, {}, "/") for _ in range(sent)]
    received = run_in_own_loop(send_until(base_url, str(uuid.uuid4()), events, _is_busy_notice))
    # The notice comes only with a refusal: past the budget, events went unanswered.
    [notice] = [update for update in received if _is_busy_notice(update)]
    [script] = notice["events"]
    assert script["payload"]["javascript_code"] == event_limits.SHOW_NOTICE


@pytest.mark.parametrize(
    ("path", "notice"), [("/", texts.TOO_MANY_EVENTS), ("/?lang=en", texts_en.TOO_MANY_EVENTS)]
)
def test_the_notice_is_announced_in_the_pages_language(
    app_page: Page, path: str, notice: str
) -> None:
    open_page(app_page, path)
    region = app_page.locator(f"#{BUSY_NOTICE_ID}")
    # Present (so screen readers announce what is put in), empty and taking no room.
    expect(region).to_have_attribute("role", "status")
    expect(region).to_have_text("")
    assert region.bounding_box() is None
    app_page.evaluate(event_limits.SHOW_NOTICE)
    expect(region).to_have_text(notice)
    expect(region).to_be_visible()


def test_unknown_events_and_page_errors_are_logged_on_one_line_without_the_token(
    base_url: str, app_log: Path
) -> None:
    if not app_log.exists():
        pytest.skip("the app under test was not started here (--base-url)")
    token = str(uuid.uuid4())
    events = [
        websocket_event("no.such.handler\n" + FORGED, {}, "/"),
        websocket_event(
            FRONTEND_EXCEPTION_EVENT,
            {"info": f"TypeError\n{FORGED} " + "x" * 5000, "component_stack": FORGED},
            "/",
        ),
        websocket_event(ON_LOAD_EVENT, {}, "/"),
    ]
    run_in_own_loop(send_until(base_url, token, events, lambda _update: True))
    log = app_log.read_text()
    assert "no.such.handler" in log
    assert "TypeError" in log
    assert [line for line in log.splitlines() if line.lstrip().startswith(FORGED)] == []
    assert token not in log
    assert "x" * 400 not in log
