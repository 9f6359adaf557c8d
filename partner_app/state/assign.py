"""Assigning state vars without resending unchanged values."""

from typing import Any

import reflex as rx


def assign_if_changed(state: rx.State, name: str, value: Any) -> None:
    """Set ``state.name`` only when ``value`` differs.

    Reflex sends every assigned var to the browser, equal or not; on_load runs on
    every filter change (the filter lives in the URL), so this keeps those deltas small.
    """
    if getattr(state, name) != value:
        setattr(state, name, value)
