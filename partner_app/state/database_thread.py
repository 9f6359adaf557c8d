"""Database work of event handlers, done in a worker thread.

The event loop serves every visitor's events; a query or a save waiting for the
database there would stall them all. Handlers hand such work to :func:`in_session`.
"""

import asyncio
from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from sqlmodel import Session

T = TypeVar("T")


async def in_session(work: Callable[[Session], T]) -> T:
    """Run ``work`` with a new database session in a worker thread; its result."""

    def run() -> T:
        with rx.session() as session:
            return work(session)

    return await asyncio.to_thread(run)
