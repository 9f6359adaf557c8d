"""A simulated visitor: one websocket connection speaking Reflex's event protocol.

The load test and the benchmarks open many of these to load the backend the way
browsers do, without a browser each. A visitor opens the archive page (connect with
the hydrate event, as the frontend does), changes the city filter and sends the
router's URL echo afterwards, exactly like the page (see ``NewsArchiveState``).
"""

import asyncio
import json
import random
import ssl
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import socketio

from partner_app.in_place_navigation import SCRIPT_EVENT, navigation_target
from partner_app.reflex_internals import (
    CONNECT_AUTH_EVENT,
    EVENT_ENDPOINT,
    HYDRATE_EVENT,
    ON_LOAD_EVENT,
    SOCKET_EVENT,
    updated_events,
    updated_vars,
    websocket_event,
)
from partner_app.state.message_form import MessageFormState
from partner_app.state.news_archive import NewsArchiveState

ARCHIVE_STATE = NewsArchiveState.get_full_name()
MESSAGE_FORM_STATE = MessageFormState.get_full_name()
# Events the page handles itself; any other event from the server is reported.
EXPECTED_EVENTS = {SCRIPT_EVENT}


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class VisitorError(RuntimeError):
    """The backend did not answer as a page expects (timeout, disconnect)."""


@dataclass
class VisitorStats:
    """What one visitor saw: latency per filter change and anything that went wrong."""

    changes_sent: int = 0
    latencies_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unexpected_events: list[str] = field(default_factory=list)


class SimulatedVisitor:
    """One visitor on the archive page (``/``), connected over one websocket."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 10.0,
        headers: Mapping[str, str] | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        # Extra headers of the websocket handshake (a forged X-Forwarded-For, say).
        self.headers = dict(headers or {})
        self.path = "/"
        self.stats = VisitorStats()
        self._messages: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        # ``tls``: the certificates to trust (a test's own authority), else the system's.
        self._client = socketio.AsyncClient(
            reconnection=False, websocket_extra_options={"ssl": tls} if tls else {}
        )
        self._client.on(SOCKET_EVENT, self._messages.put_nowait, namespace=EVENT_ENDPOINT)
        self._client.on("disconnect", self._disconnected, namespace=EVENT_ENDPOINT)
        self._closing = False
        # The tab's client token (sessionStorage in a browser).
        self.token = str(uuid.uuid4())

    async def open(self) -> None:
        """Connect and wait until the archive shows its first cards (page hydrated)."""
        await self._client.connect(
            f"{self.base_url}?token={self.token}",
            headers={"Origin": self.base_url, **self.headers},
            # The frontend sends its hydrate event inside the connect packet.
            auth={CONNECT_AUTH_EVENT: websocket_event(HYDRATE_EVENT, {}, self.path)},
            transports=["websocket"],
            namespaces=[EVENT_ENDPOINT],
            socketio_path=EVENT_ENDPOINT,
            wait_timeout=self.timeout_s,  # pyright: ignore[reportArgumentType]  # untyped: seconds
        )
        await self._wait_for(
            lambda shown, _events, _update: bool(shown.get("cards")), "the first cards"
        )

    async def send_message(self, fields: Mapping[str, str]) -> str:
        """Send the contact panel's message form; returns the result line the page shows."""
        await self._send(f"{MESSAGE_FORM_STATE}.send", {"form_data": dict(fields)})
        return await self._wait_for(
            lambda _shown, _events, message: updated_vars(message, MessageFormState).get("result"),
            "the message form's result",
        )

    async def choose_city(self, city: str) -> float:
        """Select a city tab like the page does; returns seconds until its cards arrived."""
        return await self._change("select_tab", city, "city")

    async def search(self, text: str) -> float:
        """Type a search like the field does (after its pause); seconds until the cards."""
        return await self._change("search", text, "query")

    async def _change(self, handler: str, value: str, shown_var: str) -> float:
        start = time.perf_counter()
        self.stats.changes_sent += 1
        await self._send(f"{ARCHIVE_STATE}.{handler}", {"value": value})
        await self._wait_for(
            lambda shown, _events, _update: shown.get(shown_var) == value, f"cards of {value}"
        )
        latency = time.perf_counter() - start
        new_path = await self._wait_for(
            lambda _shown, events, _update: next(
                (
                    target
                    for event in events
                    if event["name"] == SCRIPT_EVENT
                    and (target := navigation_target(event["payload"]["javascript_code"]))
                ),
                None,
            ),
            "the new URL",
        )
        # The router moves to the new URL and sends it back as the page's on_load.
        self.path = new_path
        await self._send(ON_LOAD_EVENT, {})
        self.stats.latencies_s.append(latency)
        return latency

    async def close(self) -> None:
        """Leave the page."""
        self._closing = True
        await self._client.disconnect()

    @property
    def connected(self) -> bool:
        """Whether the websocket is still open."""
        return self._client.connected

    async def _send(self, name: str, payload: dict[str, Any]) -> None:
        event = websocket_event(name, payload, self.path)
        await self._client.emit(SOCKET_EVENT, event, namespace=EVENT_ENDPOINT)

    async def _wait_for(
        self,
        found: Callable[[dict[str, Any], list[dict[str, Any]], dict[str, Any]], Any],
        what: str,
    ) -> Any:
        """Read the backend's updates until ``found(archive vars, events, update)`` is truthy."""
        deadline = time.perf_counter() + self.timeout_s
        while True:
            remaining = deadline - time.perf_counter()
            try:
                message = await asyncio.wait_for(self._messages.get(), max(remaining, 0))
            except TimeoutError:
                error = f"no answer with {what} within {self.timeout_s:.0f} s"
                self.stats.errors.append(error)
                raise VisitorError(error) from None
            shown = updated_vars(message, NewsArchiveState)
            events = updated_events(message)
            self.stats.unexpected_events.extend(
                f"{event['name']}: {json.dumps(event.get('payload'))[:300]}"
                for event in events
                if event["name"] not in EXPECTED_EVENTS
            )
            if result := found(shown, events, message):
                return result

    def _disconnected(self, reason: object = None) -> None:
        if not self._closing:
            self.stats.errors.append(f"disconnected by the server ({reason})")


@dataclass
class CrowdResult:
    """Every filter change of a crowd of visitors, and what went wrong."""

    visitors: int
    duration_s: float
    changes_sent: int
    latencies_s: list[float]
    errors: list[str]
    unexpected_events: list[str]
    still_connected: int

    @property
    def lost(self) -> int:
        """Filter changes sent that were never answered."""
        return self.changes_sent - len(self.latencies_s)

    @property
    def changes_per_s(self) -> float:
        """Answered filter changes per second, all visitors together."""
        return len(self.latencies_s) / self.duration_s


async def run_crowd(
    base_url: str,
    cities: list[str],
    *,
    visitors: int,
    duration_s: float,
    pause_s: tuple[float, float] = (0.5, 1.5),
    seed: int = 5,
    searches: list[str] | None = None,
) -> CrowdResult:
    """``visitors`` open the page at once, then each changes the city every ``pause_s``.

    The pause between a visitor's changes is random within ``pause_s`` (people read
    before they click), so the crowd does not change filters in lockstep. With
    ``searches``, every other change is a search for the next of them instead.
    """
    rng = random.Random(seed)
    crowd = [SimulatedVisitor(base_url) for _ in range(visitors)]
    opened = await asyncio.gather(*(visitor.open() for visitor in crowd), return_exceptions=True)
    errors = [f"opening the page: {error!r}" for error in opened if isinstance(error, Exception)]
    ready = [visitor for visitor, result in zip(crowd, opened, strict=True) if result is None]
    start = time.perf_counter()
    end = start + duration_s

    async def browse(visitor: SimulatedVisitor, pauses: random.Random) -> None:
        turn = pauses.randrange(len(cities))
        while time.perf_counter() < end:
            await asyncio.sleep(pauses.uniform(*pause_s))  # a person's pause, not a wait
            turn += 1
            try:
                if searches and turn % 2:
                    await visitor.search(searches[(turn // 2) % len(searches)])
                else:
                    await visitor.choose_city(cities[turn % len(cities)])
            except VisitorError:
                return

    await asyncio.gather(*(browse(v, random.Random(rng.random())) for v in ready))
    elapsed = time.perf_counter() - start
    still_connected = sum(visitor.connected for visitor in ready)
    await asyncio.gather(*(visitor.close() for visitor in ready), return_exceptions=True)
    return CrowdResult(
        visitors=visitors,
        duration_s=elapsed,
        changes_sent=sum(visitor.stats.changes_sent for visitor in crowd),
        latencies_s=[s for visitor in crowd for s in visitor.stats.latencies_s],
        errors=errors + [e for visitor in crowd for e in visitor.stats.errors],
        unexpected_events=[e for visitor in crowd for e in visitor.stats.unexpected_events],
        still_connected=still_connected,
    )
