"""Database connections must not cross a fork.

The production server imports the app in its main process and then forks its
workers. A pooled connection opened before the fork would be shared by several
processes, whose queries then interleave on one socket ("server closed the
connection unexpectedly" under load). Each new worker therefore forgets the
inherited pool (without closing the parent's connections) and opens its own.
"""

import os

from partner_app.reflex_internals import forget_inherited_engines


def register() -> None:
    """Make every process forked from now on open its own database connections."""
    os.register_at_fork(after_in_child=forget_inherited_engines)
