"""How many events one websocket connection may send: a token bucket per connection.

A page sends a handful of events per action (a filter change, a keystroke in a
debounced search field); a script can send thousands a second, each taking a state
lock and a database query. A bucket lets bursts through and refuses a flood; the
refused sender is told so at most once per ``notice_interval_s``.
"""

import dataclasses
from enum import Enum


class Verdict(Enum):
    """What to do with one incoming event."""

    ACCEPT = "accept"
    # Refused; tell the sender (the first refusal in a notice interval).
    REFUSE_AND_TELL = "refuse_and_tell"
    REFUSE = "refuse"


@dataclasses.dataclass(frozen=True)
class BudgetRules:
    """A burst of ``capacity`` events, then ``refill_per_s`` events a second."""

    capacity: float = 120.0
    refill_per_s: float = 20.0
    notice_interval_s: float = 10.0


@dataclasses.dataclass
class _Bucket:
    tokens: float
    updated_at: float
    told_at: float | None = None


class ConnectionBudgets:
    """The event budget of every open connection, by its socket id."""

    def __init__(self, rules: BudgetRules = BudgetRules()) -> None:
        self.rules = rules
        self._buckets: dict[str, _Bucket] = {}

    def judge(self, connection: str, now: float) -> Verdict:
        """Take one event from ``connection``'s budget at monotonic time ``now``."""
        rules = self.rules
        bucket = self._buckets.get(connection)
        if bucket is None:
            bucket = self._buckets[connection] = _Bucket(tokens=rules.capacity, updated_at=now)
        elapsed = max(0.0, now - bucket.updated_at)
        bucket.tokens = min(rules.capacity, bucket.tokens + elapsed * rules.refill_per_s)
        bucket.updated_at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return Verdict.ACCEPT
        if bucket.told_at is None or now - bucket.told_at >= rules.notice_interval_s:
            bucket.told_at = now
            return Verdict.REFUSE_AND_TELL
        return Verdict.REFUSE

    def forget(self, connection: str) -> None:
        """Drop a closed connection's bucket."""
        self._buckets.pop(connection, None)

    def __len__(self) -> int:
        return len(self._buckets)
