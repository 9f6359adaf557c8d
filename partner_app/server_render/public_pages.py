"""The public pages the server renders per request, with their Reflex on_load."""

import dataclasses
from collections.abc import Callable, Sequence

from reflex.state import State
from reflex_base.event import EventHandler

from partner_app import reflex_internals, routes
from partner_app.pages import (
    accessibility_statement,
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


INDEX = PublicPage(index.ON_LOAD, "index.html")
NEWS_DETAIL = PublicPage(news_detail.ON_LOAD, "__spa-fallback.html", _news_item_missing)
# Every address without a page of its own.
NOT_FOUND = PublicPage(not_found.ON_LOAD, "404.html", lambda _root: True)
# The static pages, by their final address (with the slash).
STATIC_PAGES = {
    routes.ACCESSIBILITY_URL: PublicPage(
        accessibility_statement.ON_LOAD, "barrierefreiheit/index.html"
    ),
    routes.IMPRINT_URL: PublicPage(imprint.ON_LOAD, "impressum/index.html"),
    routes.PRIVACY_URL: PublicPage(privacy.ON_LOAD, "datenschutz/index.html"),
}
