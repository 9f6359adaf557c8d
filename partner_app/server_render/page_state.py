"""The state a public page shows for one request, computed as its on_load would.

The page's own on_load handlers run on a fresh state tree whose router holds the
request's URL; what they changed is the state the page is rendered with. Nothing is
stored: the tree belongs to no client and is dropped after the request.
"""

import asyncio
import contextvars
import dataclasses
from collections.abc import Mapping

from starlette.concurrency import run_in_threadpool

from partner_app import reflex_internals
from partner_app.server_render.public_pages import PublicPage
from partner_app.state.language import LanguageState


@dataclasses.dataclass(frozen=True)
class PageRequest:
    """What the browser would report about the page it opened."""

    path: str
    query: str
    origin: str
    # The route's dynamic parts (``slug`` of a detail page).
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class PageState:
    """The changed vars per state (JSON, as the websocket sends them) and the language."""

    json: str
    lang: str
    # The page says "not found" (an unknown or unpublished news item): answer 404.
    missing: bool


async def page_state(page: PublicPage, request: PageRequest) -> PageState:
    """Run the page's on_load for ``request`` off the event loop (they query the database)."""
    context = contextvars.copy_context()
    return await run_in_threadpool(context.run, asyncio.run, _compute(page, request))


async def _compute(page: PublicPage, request: PageRequest) -> PageState:
    root = reflex_internals.new_state_tree()
    reflex_internals.set_route(
        root, path=request.path, query=request.query, origin=request.origin, params=request.params
    )
    for handler in page.on_load:
        await reflex_internals.run_handler(root, handler)
    changed = await reflex_internals.changed_vars(root)
    lang = (await root.get_state(LanguageState)).lang
    return PageState(
        json=reflex_internals.json_dumps(_page_vars(changed)), lang=lang, missing=page.missing(root)
    )


def _page_vars(changed: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, object]]:
    """Leave out the router (the browser reports its own) and the hydration flag."""
    kept: dict[str, dict[str, object]] = {}
    for state_name, fields in changed.items():
        page_fields = {
            field: value
            for field, value in fields.items()
            if not _is_router_or_hydration_var(field.removesuffix(reflex_internals.FIELD_MARKER))
        }
        if page_fields:
            kept[state_name] = page_fields
    return kept


def _is_router_or_hydration_var(name: str) -> bool:
    return (
        name.startswith(reflex_internals.ROUTER_VAR_PREFIX) or name == reflex_internals.IS_HYDRATED
    )
