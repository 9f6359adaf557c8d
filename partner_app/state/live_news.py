"""Live updates of the public news without polling.

Every open public page links its ``LiveNewsState`` to one shared token. When an
editor changes public news, the admin handler bumps the shared ``revision``;
Reflex pushes the new value to every linked, connected page (across workers
through Redis when that state manager is used). Each page then re-reads only
its own filtered list, once per change. Nothing is queried while nothing changes.
"""

import reflex as rx
from reflex_base.registry import RegistrationContext

# Shared-state tokens may not contain "_".
LIVE_NEWS_TOKEN = "public-news"  # noqa: S105 (a channel name, not a secret)


class LiveNewsState(rx.SharedState):
    """A counter of changes to the public news, shared by every open public page."""

    revision: int = 0

    @rx.event
    async def follow(self) -> None:
        """Join the shared counter (on the load of a public page)."""
        if self._linked_to != LIVE_NEWS_TOKEN:
            await self._link_to(LIVE_NEWS_TOKEN)


async def current_revision(state: rx.State) -> int:
    """The revision a public page has seen, for comparing in its refresh handler."""
    live = await state.get_state(LiveNewsState)
    return live.revision


async def announce_news_change(state: rx.State) -> None:
    """Tell every open public page that the public news changed (after the commit)."""
    live = await state.get_state(LiveNewsState)
    live = await live._link_to(LIVE_NEWS_TOKEN)
    live.revision += 1
    if len(live._linked_from) > PRUNE_LINKS_ABOVE:
        live._linked_from = await _connected_only(live._linked_from)


# Reflex keeps every client that ever linked (one per browser tab); above this many, the
# ones no longer connected are dropped when an editor announces a change. A tab that comes
# back links again on its next page load.
PRUNE_LINKS_ABOVE = 1000


async def _connected_only(tokens: set[str]) -> set[str]:
    # Reflex has no public API for this yet; its shared-state fan-out uses the same check.
    app = RegistrationContext.get().app
    if app.event_namespace is None:
        return tokens
    token_manager = app.event_namespace._token_manager
    return {token for token in tokens if await token_manager.is_token_connected(token)}
