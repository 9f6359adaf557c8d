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

import reflex as rx

from partner_app.reflex_internals import connection_check, other_clients_state, state_manager_redis
from partner_app.services.live_followers import (
    FollowerStore,
    LocalFollowers,
    RedisFollowers,
    notify_followers,
)


class LiveNewsState(rx.State):
    """How many public-news changes this page was told about since it loaded."""

    revision: rx.Field[int] = rx.field(0)


# Followers without Redis: one process serves every page.
_local_followers = LocalFollowers()
# Running announcements, kept so they are not garbage-collected before they finish.
_announcements: set[asyncio.Task] = set()


def _followers() -> FollowerStore:
    redis = state_manager_redis()
    return RedisFollowers(redis) if redis is not None else _local_followers


async def follow_live_news(state: rx.State) -> int:
    """Join the followers (on a page load); returns the revision the page reads at.

    A state without a client token is the server's render of a page (server_render):
    no browser to tell, so it joins nothing.
    """
    token = state.router.session.client_token
    if token:
        await _followers().add(token)
    return await current_revision(state)


async def current_revision(state: rx.State) -> int:
    """The revision the page has been told about, for comparing in its refresh handler."""
    live = await state.get_state(LiveNewsState)
    return live.revision


async def announce_news_change(state: rx.State) -> None:
    """Tell every open public page that the public news changed (after the commit).

    Runs as a task of its own: each update locks another client's state, which must not
    wait inside this handler's own state lock.
    """
    is_connected = connection_check()
    if is_connected is None:
        return

    async def tell(token: str) -> None:
        async with other_clients_state(token, LiveNewsState) as live:
            live.revision += 1

    task = asyncio.create_task(
        notify_followers(
            _followers(),
            except_token=state.router.session.client_token,
            is_connected=is_connected,
            tell=tell,
        )
    )
    _announcements.add(task)
    task.add_done_callback(_announcements.discard)
