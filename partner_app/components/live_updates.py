"""The invisible listener that refreshes a public page when the shared revision changes."""

import reflex as rx
from reflex.event import EventType

from partner_app.state.live_news import LiveNewsState


def live_news_listener(on_change: EventType[()]) -> rx.Component:
    """Runs ``on_change`` whenever the shared revision changes.

    The outer element is keyed by the revision: a new key re-mounts its subtree,
    and the inner element's ``on_mount`` (a React effect) runs again. The key must
    sit on an ancestor, because Reflex runs ``on_mount`` in a wrapper around the
    element that carries the props.
    """
    return rx.el.div(
        rx.el.span(on_mount=on_change),
        key=LiveNewsState.revision.to_string(),
        hidden=True,
        class_name="live-news-listener",
    )
