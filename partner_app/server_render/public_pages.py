"""The public pages the server renders per request, with their Reflex on_load."""

import dataclasses
from collections.abc import Callable, Sequence

from reflex.event import EventCallback, EventHandler
from reflex.state import State

from partner_app import reflex_internals, routes
from partner_app.pages import (
    accessibility_statement,
    admin_login,
    admin_login_code,
    imprint,
    index,
    news_detail,
    not_found,
    privacy,
)
from partner_app.state.news_detail import NewsDetailState


@dataclasses.dataclass(frozen=True)
class PublicPage:
    """A page's on_load, its prerendered fallback and how its state says "not found"."""

    on_load: Sequence[EventHandler]
    # The file of the static build served when no renderer is available.
    prerendered: str
    missing: Callable[[State], bool] = lambda _root: False


def _news_item_missing(root: State) -> bool:
    return not reflex_internals.substate(root, NewsDetailState).found


def _handlers(on_load: Sequence[EventCallback[()]]) -> tuple[EventHandler, ...]:
    """A page's ON_LOAD as the event handlers the server runs.

    Reflex types an event read on its state class as an EventCallback (what component
    props take); at run time it is the state's EventHandler.
    """
    handlers: list[EventHandler] = []
    for event in on_load:
        if not isinstance(event, EventHandler):
            msg = f"on_load entry {event!r} is no event handler of a state"
            raise TypeError(msg)
        handlers.append(event)
    return tuple(handlers)


INDEX = PublicPage(_handlers(index.ON_LOAD), "index.html")
NEWS_DETAIL = PublicPage(_handlers(news_detail.ON_LOAD), "__spa-fallback.html", _news_item_missing)
# Every address without a page of its own.
NOT_FOUND = PublicPage(_handlers(not_found.ON_LOAD), "404.html", lambda _root: True)
# The static pages, by their final address (with the slash).
STATIC_PAGES = {
    routes.ACCESSIBILITY_URL: PublicPage(
        _handlers(accessibility_statement.ON_LOAD), "barrierefreiheit/index.html"
    ),
    routes.IMPRINT_URL: PublicPage(_handlers(imprint.ON_LOAD), "impressum/index.html"),
    routes.PRIVACY_URL: PublicPage(_handlers(privacy.ON_LOAD), "datenschutz/index.html"),
}
# The editors' login and its code step, so their messages ("Abgemeldet", a failed login,
# a wrong code) show without JavaScript.
ADMIN_LOGIN = PublicPage(
    _handlers(admin_login.ON_LOAD), routes.page_url(routes.ADMIN_LOGIN).strip("/") + "/index.html"
)
ADMIN_LOGIN_CODE = PublicPage(
    _handlers(admin_login_code.ON_LOAD),
    routes.page_url(routes.ADMIN_LOGIN_CODE).strip("/") + "/index.html",
)
