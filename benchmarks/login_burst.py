"""Benchmark: a visitor's filter changes while 30 editors log in at once.

Password hashing (Argon2, 64 MiB and a core per hash) once ran on the event loop: 30
logins stalled every visitor for seconds. It runs in a worker thread, one at a time
(``admin_endpoints.py``), so the visitor's filter p95 during the burst must stay
≤ 50 ms. The same visitor with no logins is the reference, measured in the same run.

Run with ``make bench`` (both stacks) or ``python -m benchmarks.login_burst``. Prints a
table; it asserts nothing.
"""

import asyncio
import os
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx

from benchmarks.server_load import stack_name, verdict
from partner_app import routes
from tests.support.own_app import EDITOR, EDITOR_PASSWORD, OwnApp
from tests.support.simulated_visitor import SimulatedVisitor, percentile

LOGINS = 30
TARGET_MS = 50.0
REFERENCE_S = 8.0
# A quick reader: a change every 0.1 s, so the burst is sampled many times.
PAUSE_S = 0.1
CITIES = ["venlo", "leicester", "duenkirchen", "kropyvnytskyi"]


async def login_burst(url: str) -> tuple[int, float]:
    """``LOGINS`` correct logins at once; how many got a session, and how long it took."""
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:

        async def log_in() -> bool:
            response = await client.post(
                routes.ADMIN_LOGIN,
                data={"username": EDITOR, "password": EDITOR_PASSWORD},
                headers={"Origin": url},
            )
            return response.status_code == 303 and "set-cookie" in response.headers

        start = time.perf_counter()
        results = await asyncio.gather(*(log_in() for _ in range(LOGINS)))
        return sum(results), time.perf_counter() - start


async def filter_latencies_ms(
    url: str, *, while_running: Callable[[], Coroutine[Any, Any, tuple[int, float]]] | None
) -> tuple[list[float], tuple[int, float] | None]:
    """One visitor changing the city: during ``while_running``, else for ``REFERENCE_S``."""
    visitor = SimulatedVisitor(url, timeout_s=60)
    await visitor.open()
    background = asyncio.create_task(while_running()) if while_running else None
    end = time.perf_counter() + REFERENCE_S
    turn = 0
    try:
        while (background is not None and not background.done()) or (
            background is None and time.perf_counter() < end
        ):
            turn += 1
            await visitor.choose_city(CITIES[turn % len(CITIES)])
            await asyncio.sleep(PAUSE_S)  # the reader's pace, not a wait for anything
        outcome = await background if background else None
    finally:
        await visitor.close()
    return [seconds * 1000 for seconds in visitor.stats.latencies_s], outcome


def measure(url: str) -> None:
    """Print the visitor's latency alone and during the burst."""
    alone, _ = asyncio.run(filter_latencies_ms(url, while_running=None))
    during, outcome = asyncio.run(filter_latencies_ms(url, while_running=lambda: login_burst(url)))
    assert outcome is not None
    signed_in, burst_s = outcome
    print(f"Login burst benchmark, {stack_name()}, {os.cpu_count()} cores")
    print(f"{'measure':<52} {'value':>12}  target")
    print(f"{'filter latency, no logins (reference), p50':<52} {percentile(alone, 0.5):>9.1f} ms")
    print(f"{'filter latency, no logins (reference), p95':<52} {percentile(alone, 0.95):>9.1f} ms")
    p95 = percentile(during, 0.95)
    print(
        f"{f'filter latency during {LOGINS} logins, p50':<52} {percentile(during, 0.5):>9.1f} ms"
        f"  ({len(during)} changes)"
    )
    print(
        f"{f'filter latency during {LOGINS} logins, p95':<52} {p95:>9.1f} ms"
        f"  <= {TARGET_MS:.0f} ms: {verdict(p95, TARGET_MS, higher_is_better=False, unit=' ms')}"
    )
    print(
        f"{f'{LOGINS} logins at once':<52} {burst_s:>10.1f} s  ({signed_in} of {LOGINS} signed in)"
    )


def main() -> None:
    """Start the app on a fresh database of the environment's stack and print the table."""
    with tempfile.TemporaryDirectory() as folder:
        app = OwnApp(Path(folder))
        app.start()
        try:
            measure(app.url)
        finally:
            app.stop()


if __name__ == "__main__":
    main()
