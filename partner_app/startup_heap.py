"""Keep the objects a worker starts with out of the garbage collector's full passes.

Once the app is loaded a worker holds some 200,000 objects (Reflex, the pages, Babel's
locale data); a full collection walks all of them, about 40 ms on this project's machine,
in the middle of whichever request happens to allocate at that moment. ``gc.freeze``
moves them into a permanent generation at startup, so a later full collection walks only
what requests made (well under a millisecond). Objects frozen are still freed by their
reference counts; only cycles among them wait for the worker's end.
"""

import contextlib
import gc
from collections.abc import AsyncIterator


def freeze_startup_heap() -> None:
    """Collect what the start left behind, then freeze everything alive."""
    gc.collect()
    gc.freeze()


@contextlib.asynccontextmanager
async def frozen_startup_heap() -> AsyncIterator[None]:
    """A lifespan task: freeze the heap once the worker has started; thaw it at its end."""
    freeze_startup_heap()
    try:
        yield
    finally:
        gc.unfreeze()
