"""Each worker keeps its startup objects out of the garbage collector's full passes."""

import gc

from partner_app.partner_app import app
from partner_app.startup_heap import frozen_startup_heap
from tests.support.own_loop import run_in_own_loop


def _tracked(marker: object) -> bool:
    """Whether a full collection would walk ``marker`` (frozen objects are left out)."""
    return any(found is marker for found in gc.get_objects())


def test_every_worker_freezes_its_startup_heap_last() -> None:
    assert app.get_lifespan_tasks()[-1] is frozen_startup_heap


def test_objects_alive_at_start_are_left_out_until_the_worker_ends() -> None:
    marker: list[object] = []
    marker.append(marker)  # a cycle: only the collector could free it

    async def run_worker() -> tuple[bool, bool]:
        async with frozen_startup_heap():
            made_later: list[object] = []
            return _tracked(marker), _tracked(made_later)

    during = run_in_own_loop(run_worker())
    assert during == (False, True)
    assert gc.get_freeze_count() == 0
    assert _tracked(marker)
