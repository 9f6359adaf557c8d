"""Editors' heavy work runs in a thread of low priority, one job at a time, in context."""

import asyncio
import contextvars
import os
import threading

from partner_app.low_priority import NICENESS, LowPriorityLane

CALLER = contextvars.ContextVar("caller", default="none")


def _where_am_i() -> tuple[int, str, str]:
    niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    return niceness, CALLER.get(), threading.current_thread().name


def test_work_runs_at_low_priority_with_the_callers_context_in_one_thread() -> None:
    lane = LowPriorityLane("lane-test")
    own_niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    async def run_two() -> list[tuple[int, str, str]]:
        CALLER.set("the handler")
        return list(await asyncio.gather(lane.run(_where_am_i), lane.run(_where_am_i)))

    results = asyncio.run(run_two())
    assert all(niceness >= NICENESS for niceness, _, _ in results)
    assert {caller for _, caller, _ in results} == {"the handler"}
    # One thread: the jobs wait in line instead of taking a core each.
    assert len({name for _, _, name in results}) == 1
    assert results[0][2].startswith("lane-test")
    # The event loop's own thread keeps its priority.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own_niceness
