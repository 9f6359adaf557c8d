"""Run a coroutine from a test, even while Playwright's loop runs in the test's thread.

The browser tests' sync Playwright keeps an event loop running in the main thread for
the whole session, so ``asyncio.run`` there fails; a thread of its own has no loop.
"""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)`` in a thread of its own; returns its result."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()
