"""Telling open public pages about a news change: who is told, who is forgotten."""

from partner_app.services.live_followers import LocalFollowers, RedisFollowers, notify_followers
from tests.support.own_loop import run_in_own_loop


def announce(store: LocalFollowers, *, connected: set[str], failing: frozenset[str] = frozenset()):
    told_order: list[str] = []

    async def is_connected(token: str) -> bool:
        return token in connected

    async def tell(token: str) -> None:
        if token in failing:
            raise ConnectionError(token)
        told_order.append(token)

    result = run_in_own_loop(
        notify_followers(store, except_token="editor", is_connected=is_connected, tell=tell)
    )
    return result, told_order


def test_connected_followers_are_told_and_closed_tabs_forgotten() -> None:
    store = LocalFollowers({"open-1", "open-2", "closed", "editor"})

    result, told = announce(store, connected={"open-1", "open-2", "editor"})

    assert sorted(told) == ["open-1", "open-2"]
    assert result.forgotten == {"closed"}
    # The closed tab is gone from the set; the editor's own tab is neither told nor dropped.
    assert store.tokens == {"open-1", "open-2", "editor"}


def test_one_page_that_cannot_be_told_does_not_stop_the_others() -> None:
    store = LocalFollowers({"a", "b", "c"})

    result, told = announce(store, connected={"a", "b", "c"}, failing=frozenset({"b"}))

    assert sorted(told) == ["a", "c"]
    assert result.failed == {"b"}
    assert store.tokens == {"a", "b", "c"}


def test_a_page_joins_once_however_often_it_loads() -> None:
    store = LocalFollowers()
    for _ in range(3):
        run_in_own_loop(store.add("tab"))

    assert run_in_own_loop(store.members()) == {"tab"}


class FakeRedis:
    """Just the set commands, with Redis's habit of answering bytes."""

    def __init__(self) -> None:
        self.sets: dict[str, set[bytes]] = {}

    async def sadd(self, name: str, *values: str) -> int:
        self.sets.setdefault(name, set()).update(v.encode() for v in values)
        return len(values)

    async def smembers(self, name: str) -> set[bytes | str]:
        return set(self.sets.get(name, set()))

    async def srem(self, name: str, *values: str) -> int:
        self.sets.get(name, set()).difference_update(v.encode() for v in values)
        return len(values)


def test_redis_followers_are_one_set_shared_by_all_workers() -> None:
    redis = FakeRedis()
    worker_1, worker_2 = RedisFollowers(redis), RedisFollowers(redis)

    run_in_own_loop(worker_1.add("tab-a"))
    run_in_own_loop(worker_2.add("tab-b"))
    run_in_own_loop(worker_2.remove("tab-a"))

    assert run_in_own_loop(worker_1.members()) == {"tab-b"}
