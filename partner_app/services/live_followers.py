"""Who follows the live news, and telling them about a change (no Reflex in here).

A follower is the client token of a browser tab that has loaded a public page. The
set lives in Redis when several workers share the state, else in the process.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

logger = logging.getLogger(__name__)


class FollowerStore(Protocol):
    """Where the follower tokens are kept."""

    async def add(self, token: str) -> None: ...
    async def members(self) -> set[str]: ...
    async def remove(self, token: str) -> None: ...


@dataclass
class LocalFollowers:
    """Followers in this process (one worker serves every page)."""

    tokens: set[str] = field(default_factory=set)

    async def add(self, token: str) -> None:
        self.tokens.add(token)

    async def members(self) -> set[str]:
        return set(self.tokens)

    async def remove(self, token: str) -> None:
        self.tokens.discard(token)


class RedisClient(Protocol):
    """The part of redis.asyncio.Redis this module uses."""

    def sadd(self, name: str, *values: str) -> Awaitable[int]: ...
    def smembers(self, name: str) -> Awaitable[set[bytes | str]]: ...
    def srem(self, name: str, *values: str) -> Awaitable[int]: ...


@dataclass
class RedisFollowers:
    """Followers in a Redis set, shared by all workers."""

    redis: RedisClient
    key: str = "partner-app:live-news:followers"

    async def add(self, token: str) -> None:
        await self.redis.sadd(self.key, token)

    async def members(self) -> set[str]:
        members = await self.redis.smembers(self.key)
        return {m.decode() if isinstance(m, bytes) else m for m in members}

    async def remove(self, token: str) -> None:
        await self.redis.srem(self.key, token)


@dataclass(frozen=True)
class Notified:
    """What one announcement did."""

    told: set[str]
    forgotten: set[str]
    failed: set[str]


async def notify_followers(
    store: FollowerStore,
    *,
    except_token: str,
    is_connected: Callable[[str], Awaitable[bool]],
    tell: Callable[[str], Awaitable[None]],
) -> Notified:
    """Tell every connected follower (but ``except_token``); forget the disconnected ones.

    A closed tab is forgotten and joins again when it loads a public page. One page that
    cannot be told does not keep the others from being told.
    """
    tokens = await store.members() - {except_token}
    told: set[str] = set()
    forgotten: set[str] = set()
    failed: set[str] = set()

    async def one(token: str) -> None:
        try:
            if not await is_connected(token):
                await store.remove(token)
                forgotten.add(token)
                return
            await tell(token)
            told.add(token)
        except Exception:
            logger.exception("Live news: could not notify a page")
            failed.add(token)

    await asyncio.gather(*(one(token) for token in tokens))
    return Notified(told=told, forgotten=forgotten, failed=failed)
