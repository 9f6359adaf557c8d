"""CPU-heavy work of editors (password hashes, images) in a thread that yields to visitors.

Argon2 takes a core for a moment per login, decoding a phone photo a core for a second.
Each kind runs in a worker thread of its own, one job at a time per backend worker, at a
lower CPU priority (``nice`` 10 for that thread alone, Linux schedules threads as tasks):
when the cores are busy, the event loops serving visitors' events come first. With two
workers on two cores, 30 logins at once otherwise took both cores from a visitor's filter.
"""

import asyncio
import contextvars
import functools
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")
# Nice values run from -20 to 19; 10 gives a thread about a tenth of a normal one's share
# of a busy core.
NICENESS = 10


def _lower_this_threads_priority() -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
    except (OSError, AttributeError):  # not Linux, or not allowed: normal priority
        logger.info("Could not lower the priority of a worker thread", exc_info=True)


class LowPriorityLane:
    """One thread at low priority; jobs wait in line for it on the event loop."""

    def __init__(self, name: str) -> None:
        """Name the lane's thread (it starts with the first job, in the worker process)."""
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=name, initializer=_lower_this_threads_priority
        )

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in the lane's thread, with the caller's context vars; its result.

        The context vars carry Reflex's registration context (its config, the database
        engine): without them a thread would load ``rxconfig.py`` anew.
        """
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()
        return await loop.run_in_executor(
            self._executor, functools.partial(context.run, work, *args)
        )


# Argon2: 64 MiB and a core per hash, one at a time.
PASSWORD_CHECKS = LowPriorityLane("password-check")
# A 20 MB upload and its bitmap take a few hundred MB for a moment: one at a time.
IMAGE_WORK = LowPriorityLane("image-work")
