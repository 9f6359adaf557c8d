"""Database connections must not cross a fork.

The production server imports the app in its main process and then forks its
workers. A pooled connection opened before the fork would be shared by several
processes, whose queries then interleave on one socket ("server closed the
connection unexpectedly" under load). Each new worker therefore forgets the
inherited pool (without closing the parent's connections) and opens its own.
"""

import os

from reflex import model


def _forget_inherited_connections() -> None:
    # Reflex keeps its engines in this module-level cache; there is no public accessor.
    for engine in model._ENGINE.values():
        engine.dispose(close=False)


def register() -> None:
    """Make every process forked from now on open its own database connections."""
    os.register_at_fork(after_in_child=_forget_inherited_connections)
