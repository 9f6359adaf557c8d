"""A closed tab's state: kept a moment for a reconnect, then dropped unless an editor's.

Reflex keeps every tab's state (about 250 KB and six state files, or Redis keys) for an
hour after the tab closed. A public page derives everything from its address (each
connect hydrates and runs the page's on_load again), so its state is dropped
``closed_tab_seconds()`` after the close unless the tab came back. An editor's tab keeps
Reflex's hour: its open form lives in that state.
"""

import asyncio
import logging

from partner_app import reflex_internals
from partner_app.settings import closed_tab_seconds

logger = logging.getLogger(__name__)
# Client tokens of tabs that held admin data in this process (each worker serves its sockets).
_editor_tabs: set[str] = set()
_pending: set[asyncio.Task[None]] = set()


def remember_editor_tab(token: str) -> None:
    """Keep this tab's state for Reflex's full period: it holds an editor's work."""
    if token:
        _editor_tabs.add(token)


def tab_closed(_sid: str, token: str | None) -> None:
    """Drop the state of a closed public tab after the grace period."""
    if not token or token in _editor_tabs:
        return
    loop = asyncio.get_running_loop()
    loop.call_later(closed_tab_seconds(), _start_expiry, loop, token)


def _start_expiry(loop: asyncio.AbstractEventLoop, token: str) -> None:
    task = loop.create_task(_expire(token))
    _pending.add(task)  # a reference, so the task is not collected before it ran
    task.add_done_callback(_pending.discard)


async def _expire(token: str) -> None:
    if token in _editor_tabs:
        return
    connected = reflex_internals.connection_check()
    try:
        if connected is not None and await connected(token):
            return  # the tab came back (a reload, a new network)
        await reflex_internals.forget_client_state(token)
    except Exception:  # the state then expires as Reflex would have it, an hour later
        logger.exception("Could not drop a closed tab's state")


def install() -> None:
    """Listen for closed connections (once)."""
    reflex_internals.on_connection_closed(tab_closed)
