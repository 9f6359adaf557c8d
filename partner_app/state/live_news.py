"""Live updates of the public news without polling.

A public page that loads joins the followers of the live news (its client token is
recorded). When an editor changes public news, the admin handler bumps
``LiveNewsState.revision`` of every follower that is still connected; Reflex pushes
that one number to its page (across workers through Redis when that state manager
is used), and the page re-reads only its own filtered list.

Why not ``rx.SharedState``: Reflex locks the shared token for every event of every
linked page and passes each such event on to all other linked pages, so a visitor's
filter change would cost work for every other visitor. Here an ordinary event
touches nothing shared; only an editor's change costs one update per open page.
"""

import asyncio
import logging

import reflex as rx
from reflex.istate.manager import get_state_manager
from reflex.istate.manager.redis import StateManagerRedis
from reflex.istate.manager.token import BaseStateToken
from reflex_base.registry import RegistrationContext

# The Redis set of follower tokens (with the Redis state manager, shared by all workers).
FOLLOWERS_KEY = "partner-app:live-news:followers"

logger = logging.getLogger(__name__)


class LiveNewsState(rx.State):
    """How many public-news changes this page was told about since it loaded."""

    revision: int = 0


# Followers without Redis: one process serves every page.
_local_followers: set[str] = set()
# Running fan-out tasks, kept so they are not garbage-collected before they finish.
_notifications: set[asyncio.Task] = set()


async def follow_live_news(state: rx.State) -> int:
    """Join the followers (on a page load); returns the revision the page reads at."""
    token = state.router.session.client_token
    manager = get_state_manager()
    if isinstance(manager, StateManagerRedis):
        await manager.redis.sadd(FOLLOWERS_KEY, token)
    else:
        _local_followers.add(token)
    return await current_revision(state)


async def current_revision(state: rx.State) -> int:
    """The revision the page has been told about, for comparing in its refresh handler."""
    live = await state.get_state(LiveNewsState)
    return live.revision


async def announce_news_change(state: rx.State) -> None:
    """Tell every open public page that the public news changed (after the commit).

    The updates run as separate tasks: each locks another client's state, which must
    not wait inside this handler's own state lock.
    """
    own_token = state.router.session.client_token
    for token in await _followers():
        if token == own_token:
            continue
        task = asyncio.create_task(_notify(token))
        _notifications.add(task)
        task.add_done_callback(_notifications.discard)


async def _followers() -> set[str]:
    manager = get_state_manager()
    if isinstance(manager, StateManagerRedis):
        members = await manager.redis.smembers(FOLLOWERS_KEY)
        return {member.decode() if isinstance(member, bytes) else member for member in members}
    return set(_local_followers)


async def _forget(token: str) -> None:
    manager = get_state_manager()
    if isinstance(manager, StateManagerRedis):
        await manager.redis.srem(FOLLOWERS_KEY, token)
    else:
        _local_followers.discard(token)


async def _notify(token: str) -> None:
    """Bump one follower's revision; a page no longer open is forgotten instead."""
    app = RegistrationContext.get().app
    namespace = app.event_namespace
    try:
        # Reflex has no public API for this; its own shared-state fan-out makes the same check.
        if namespace is None or not await namespace._token_manager.is_token_connected(token):
            # A closed tab; it joins again when it loads a public page.
            await _forget(token)
            return
        async with app.modify_state(BaseStateToken(ident=token, cls=LiveNewsState)) as root:
            live = await root.get_state(LiveNewsState)
            live.revision += 1
    except Exception:
        # One page that cannot be told must not keep the others from being told.
        logger.exception("Live news: could not notify a page")
