"""Run a coroutine from a test, even while Playwright's loop runs in the test's thread.

The browser tests' sync Playwright keeps an event loop running in the main thread for
the whole session, so ``asyncio.run`` there fails; a thread of its own has no loop.
The context goes along: Reflex keeps its configuration in context variables.
"""

import asyncio
import contextvars
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)`` in a thread of its own; returns its result."""
    context = contextvars.copy_context()
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(context.run, asyncio.run, coroutine).result()
