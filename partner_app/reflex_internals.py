"""The private Reflex pieces the app relies on, in one place.

Reflex 0.10 has no public API for rendering a page with a request's own state
(``partner_app.server_render``), for reaching another client's state (live news), for
the engines a forked worker must forget, or for replacing the connection overlay, and its
Redis state lock needs one repair (``give_back_state_locks_of_cancelled_events``), and the
editor's session cookie must be hashed before Reflex keeps a connection's headers
(``transform_connection_cookies``); the app
reaches into the framework here and nowhere else.
``tests/unit/test_reflex_internals.py`` fails with a clear message when an upgrade
removes or reshapes one of them; pin Reflex and run it first after an upgrade. The one
exception is the shape of the compiled context module, which the build plugin
``server_render/context_patch.py`` anchors on (rxconfig.py imports it before the app).
The simulated visitor of the load test and the benchmarks
(``tests/support/simulated_visitor.py``) speaks Reflex's websocket protocol with the
pieces at the end of this module.
"""

import asyncio
import contextlib
import functools
import hashlib
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import parse_qsl, urlsplit

import reflex as rx
from reflex import model
from reflex.app import EventNamespace
from reflex.event import (
    EventSpec,
    EventType,
    EventVar,
    parse_args_spec,
    passthrough_event_spec,
)
from reflex.istate.manager import get_state_manager
from reflex.istate.manager.disk import StateManagerDisk
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.redis import StateManagerRedis
from reflex.istate.manager.token import BaseStateToken
from reflex.state import BaseState, State, StateUpdate
from reflex.utils import path_ops, prerequisites
from reflex.utils.token_manager import RedisTokenManager
from reflex_base import constants
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.environment import environment
from reflex_base.event import Event, EventHandler
from reflex_base.event.processor.base_state_processor import _hydrate_event_names
from reflex_base.registry import RegistrationContext
from reflex_base.utils import format as reflex_format
from reflex_components_core.core.banner import has_connection_errors
from reflex_components_core.el.elements.base import BaseHTML
from reflex_components_core.el.elements.inline import A as PlainAnchor

logger = logging.getLogger(__name__)
# Reflex's client-side event that runs a script (rx.call_script).
SCRIPT_EVENT_NAME = "_call_script"

# A plain <a> element: rx.el.a is a client-router link (it would keep the page and
# drop the query string of an in-page anchor).
__all__ = ["PlainAnchor", "PlainForm", "has_connection_errors"]


class PlainForm(BaseHTML):
    """A plain <form> the browser submits itself (rx.el.form always prevents that)."""

    tag = "form"
    action: rx.Var[str]
    method: rx.Var[str]


def in_dev_mode() -> bool:
    """Whether Reflex runs in development mode (frontend and backend on separate ports)."""
    return environment.REFLEX_ENV_MODE.get() == constants.Env.DEV


# Where App.app_wraps keeps the overlay shown while the websocket is down.
_OVERLAY_WRAP = (5, "Overlay")

# The React Router server build Reflex emits for its own prerendering.
SERVER_BUILD = Path(constants.Dirs.BUILD_DIR) / "server" / "index.js"
# The root state's router fields (rx_router_url, …): the browser reports its own.
ROUTER_VAR_PREFIX = "rx_router_"
# Set by Reflex when the websocket has delivered the state; never by the server render.
IS_HYDRATED = constants.CompileVars.IS_HYDRATED


def page_image(url: rx.Var[str]) -> str:
    """``app.add_page(image=...)`` as a state var: the page's own ``og:image``.

    Reflex 0.10 types ``image`` as a string (default "favicon.ico", relative, which link
    previews cannot load) but hands it to ``Image.create(content=...)`` in
    ``compiler.utils.add_meta``, whose ``content`` takes a Var: the one ``og:image`` tag
    then follows the page's state. (A second tag of our own would leave Reflex's first.)
    """
    return cast(str, url)


def web_dir() -> Path:
    """The frontend build folder (``.web``), wherever Reflex keeps it."""
    return Path(prerequisites.get_web_dir()).resolve()


def static_dir() -> Path:
    """The folder of the exported static frontend (``.web/build/client``)."""
    return web_dir() / constants.Dirs.STATIC


def bun_path() -> Path | None:
    """The bun Reflex builds with (the project's, or the system's)."""
    return path_ops.get_bun_path()


def new_state_tree() -> State:
    """A fresh state tree with every substate at its defaults, bound to no client."""
    # pyright builds State.__init__ from its fields (dataclass_transform); the flag is real.
    return State(_reflex_internal_init=True)  # pyright: ignore[reportCallIssue]


def set_route(
    root: State, *, path: str, query: str, origin: str, params: Mapping[str, str]
) -> None:
    """Give ``root`` the router data a browser at ``path?query`` sends (see ``withRouterData``).

    ``params`` are the route's dynamic parts (``slug``). No client token, session id or
    address: the server render has none.
    """
    router_data: dict[str, Any] = {
        constants.RouteVar.PATH: path,
        constants.RouteVar.ORIGIN: path + (f"?{query}" if query else ""),
        # Like URLSearchParams: the last value of a repeated parameter wins.
        constants.RouteVar.QUERY: {**dict(parse_qsl(query)), **params},
        # The connection's other headers (its cookie) stay, as in a browser.
        constants.RouteVar.HEADERS: {
            **root.router_data.get(constants.RouteVar.HEADERS, {}),
            "origin": origin,
        },
    }
    root.router_data = root._update_router_vars(router_data, root.router_data)


def set_connection(root: State, *, session_id: str, client_token: str, cookie: str = "") -> None:
    """Add to ``root``'s route the websocket connection a browser tab's events arrive on.

    For the server tests, which play a tab: Reflex adds these to every event it receives.
    ``cookie`` is the connection's ``Cookie`` header as the app keeps it (hashed).
    """
    headers = {**root.router_data.get(constants.RouteVar.HEADERS, {}), "cookie": cookie}
    connection = {
        constants.RouteVar.SESSION_ID: session_id,
        constants.RouteVar.CLIENT_TOKEN: client_token,
        constants.RouteVar.HEADERS: {name: value for name, value in headers.items() if value},
    }
    root.router_data = root._update_router_vars(connection, root.router_data)


async def run_handler(root: State, handler: EventHandler) -> None:
    """Run an event handler of a state in ``root``'s tree; returned events are dropped.

    The handler's own returned events (scripts, redirects) only make sense in a browser.
    """
    state_class = handler.state
    if state_class is None:
        msg = f"Event handler {handler.fn.__qualname__} belongs to no state"
        raise TypeError(msg)
    substate = await root.get_state(state_class)
    result = handler.fn(substate)
    if inspect.isawaitable(result):
        await result


StateT = TypeVar("StateT", bound=rx.State)


def substate(root: State, state_class: type[StateT]) -> StateT:
    """The instance of ``state_class`` in ``root``'s tree (all of it is loaded)."""
    found = root.get_substate(state_class.get_full_name().split(".")[1:])
    if not isinstance(found, state_class):
        msg = f"{state_class.__name__} is not in this state tree"
        raise TypeError(msg)
    return found


async def changed_vars(root: State) -> dict[str, dict[str, Any]]:
    """Every var changed since the tree was created, as the websocket would send them."""
    return await root._get_resolved_delta()


def send_all_vars(state: rx.State) -> None:
    """Send every var of ``state`` with the next delta, changed or not.

    A page rendered on the server holds that request's values; after a reload on a new
    connection the browser must get every value again, even one equal to the default.
    """
    names = {name for name in state.base_vars if not name.startswith(ROUTER_VAR_PREFIX)}
    state.dirty_vars.update(names)
    state._mark_dirty(names)


def json_dumps(value: Mapping[str, Any] | Sequence[Any]) -> str:
    """Serialise like the websocket does (dataclasses and models included)."""
    return reflex_format.json_dumps(value)


def replace_connection_overlay(app: rx.App, overlay: Callable[[bool], rx.Component | None]) -> None:
    """Show ``overlay`` instead of Reflex's own (an English toast) while offline."""
    if _OVERLAY_WRAP not in app.app_wraps:
        msg = f"App.app_wraps has no {_OVERLAY_WRAP}: update reflex_internals"
        raise KeyError(msg)
    app.app_wraps[_OVERLAY_WRAP] = overlay


def protect_states_directory() -> Path:
    """Make the folder of Reflex's state files (``.states/``) the app's user's alone.

    The files hold admin data (inbox, drafts, open forms) of signed-in tabs; Reflex
    creates them with the umask's mode (0644 in a 0755 folder). A 0700 folder keeps
    every other user of the machine out, whatever the files' own modes.
    """
    directory = prerequisites.get_states_dir().absolute()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)
    return directory


def forget_inherited_engines() -> None:
    """Drop the database pools a forked worker inherited, without closing them."""
    # Reflex keeps its engines in this module-level cache; there is no public accessor.
    for engine in model._ENGINE.values():
        engine.dispose(close=False)


def state_manager_redis() -> Any | None:
    """The Redis client of the state manager, or None when states live in this process."""
    manager = get_state_manager()
    return manager.redis if isinstance(manager, StateManagerRedis) else None


def connection_check() -> Callable[[str], Awaitable[bool]] | None:
    """Whether a client token has an open websocket (None before the app serves any)."""
    namespace = RegistrationContext.get().app.event_namespace
    if namespace is None:
        return None
    # Reflex's own shared-state fan-out makes the same check.
    return namespace._token_manager.is_token_connected


def _state_classes(root: type[BaseState] = State) -> list[type[BaseState]]:
    classes = [root]
    for substate in root.get_substates():
        classes.extend(_state_classes(substate))
    return classes


async def forget_client_state(token: str) -> bool:
    """Drop the stored state of client ``token`` now (memory, ``.states/`` or Redis).

    Reflex keeps a closed tab's state until its token expires (an hour); the app drops
    the state of public visitors sooner. False when the state is in use (locked).
    """
    manager = get_state_manager()
    base = BaseStateToken(ident=token, cls=State)
    if isinstance(manager, StateManagerRedis):
        keys = [base._state_key(state_class) for state_class in _state_classes()]
        await manager.redis.delete(*keys)
        return True
    if isinstance(manager, StateManagerDisk | StateManagerMemory):
        lock = manager._states_locks.get(base.lock_key)
        if lock is not None and lock.locked():
            return False
        manager._purge_token(base)
        if isinstance(manager, StateManagerDisk):
            for pending in [key for key in manager._write_queue if key.ident == token]:
                manager._write_queue.pop(pending, None)
            paths = [manager.token_path(base.with_cls(cls)) for cls in _state_classes()]
            await asyncio.to_thread(_unlink_all, paths)
        return True
    return False


def _unlink_all(paths: Sequence[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def root_state_file(token: str) -> str:
    """The name of the file of client ``token``'s root state in ``.states/`` (Reflex's rule)."""
    key = str(BaseStateToken(ident=token, cls=State)).encode()
    return hashlib.md5(key, usedforsecurity=False).hexdigest() + ".pkl"


def root_state_key(token: str) -> str:
    """The Redis key of client ``token``'s root state."""
    return BaseStateToken(ident=token, cls=State)._state_key(State)


@contextlib.asynccontextmanager
async def other_clients_state(token: str, state_class: type[StateT]) -> AsyncIterator[StateT]:
    """``state_class`` of another client's tree, locked and saved like an event's state."""
    app = RegistrationContext.get().app
    async with app.modify_state(BaseStateToken(ident=token, cls=state_class)) as root:
        yield await root.get_state(state_class)


# Reflex's websocket protocol as the frontend (utils/state.js) speaks it. Both directions
# use one socket.io event on one namespace, whose path is also the socket.io path; the
# connect packet's auth carries the page's first event.
EVENT_ENDPOINT = str(constants.Endpoint.EVENT)
SOCKET_EVENT = constants.SocketEvent.EVENT
CONNECT_AUTH_EVENT = constants.CompileVars.CONNECT_AUTH_EVENT
# A page's first event: send the state and run the page's on_load.
HYDRATE_EVENT = f"{State.get_full_name()}.{constants.CompileVars.HYDRATE_AND_LOAD}"
# What the router sends after every URL change: the new URL's on_load.
ON_LOAD_EVENT = f"{State.get_full_name()}.{constants.CompileVars.ON_LOAD_INTERNAL}"


def websocket_event(name: str, payload: Mapping[str, Any], path: str) -> dict[str, Any]:
    """An event as the frontend sends it from page ``path`` (an ``Event``, as JSON)."""
    parts = urlsplit(path)
    router_data = {
        constants.RouteVar.PATH: parts.path or "/",
        constants.RouteVar.ORIGIN: path,
        constants.RouteVar.QUERY: dict(parse_qsl(parts.query)),
    }
    return {"name": name, "payload": dict(payload), "router_data": router_data}


def updated_vars(update: Mapping[str, Any], state_class: type[rx.State]) -> dict[str, Any]:
    """The vars of ``state_class`` that a state update from the backend sets, by name."""
    fields = update.get("delta", {}).get(state_class.get_full_name(), {})
    return {name.removesuffix(FIELD_MARKER): value for name, value in fields.items()}


def updated_events(update: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The events (name and payload) a state update from the backend asks the page to run."""
    return list(update.get("events", []))


def state_lock_key(client_token: str) -> bytes:
    """The Redis key of a tab's state lock (held while one of its events runs)."""
    return StateManagerRedis._lock_key(BaseStateToken(ident=client_token, cls=State))


def socket_record_key(client_token: str) -> str:
    """The Redis key naming the worker whose websocket a tab is connected to."""
    return RedisTokenManager._token_socket_record_prefix + client_token


# Deletes a lock only while it still holds the id it was taken with.
_RELEASE_OWN_LOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""
# Lock hand-backs still running; a task nobody references may be collected mid-flight.
_lock_hand_backs: set[asyncio.Task[None]] = set()


def give_back_state_locks_of_cancelled_events() -> None:
    """Give back a Redis state lock an event took in the moment it was cancelled.

    Reflex 0.10.1 cancels a tab's hydrate and page-load events when its websocket closes
    (a reload, a navigation to another page). ``StateManagerRedis._try_get_lock`` takes
    the lock with ``SET NX PX``; cancelled while that command's answer is on its way,
    redis-py drops the connection, the event never learns that Redis gave it the lock,
    and nobody releases it: the reloaded tab then waits for the lock's expiry
    (``redis_lock_expiration``, 10 s) before its page loads. Here the command's answer
    is always awaited, and a lock it turns out to have taken is deleted again, only
    while it still holds that event's id (so never another event's lock). The
    cancellation itself goes on at once. ``tests/system/test_reload_during_on_load.py``
    reproduces the lost lock.
    """
    take_lock = StateManagerRedis._try_get_lock
    if getattr(take_lock, "gives_back_cancelled_locks", False):
        return

    @functools.wraps(take_lock)
    async def try_get_lock(
        manager: StateManagerRedis, lock_key: bytes, lock_id: bytes
    ) -> bool | None:
        attempt = asyncio.ensure_future(take_lock(manager, lock_key, lock_id))
        try:
            return await asyncio.shield(attempt)
        except asyncio.CancelledError:
            hand_back = asyncio.ensure_future(
                _give_back_if_taken(manager, attempt, lock_key, lock_id)
            )
            _lock_hand_backs.add(hand_back)
            hand_back.add_done_callback(_lock_hand_backs.discard)
            raise

    try_get_lock.gives_back_cancelled_locks = True  # type: ignore[attr-defined]
    StateManagerRedis._try_get_lock = try_get_lock  # type: ignore[method-assign]


async def _give_back_if_taken(
    manager: StateManagerRedis,
    attempt: asyncio.Future[bool | None],
    lock_key: bytes,
    lock_id: bytes,
) -> None:
    try:
        if not await attempt:
            return
        release = cast("Callable[..., Awaitable[int]]", manager.redis.eval)
        await release(_RELEASE_OWN_LOCK, 1, lock_key, lock_id)
    except Exception as error:  # Redis unreachable: the lock expires on its own, as before
        logger.warning("Could not give back the state lock %r: %s", lock_key, error)


def transform_connection_cookies(transform: Callable[[str], str]) -> None:
    """Pass each websocket connection's ``Cookie`` header through ``transform``, once.

    Reflex reads a connection's headers at connect and hands them to every event of it
    as ``state.router.headers``, which is stored with the state (``.states/``, Redis).
    Transformed here, before anything else sees them, the raw cookie is never kept.
    """
    build = EventNamespace._build_static_router_data
    if getattr(build, "transforms_cookies", False):
        return

    @functools.wraps(build)
    def build_static_router_data(
        namespace: EventNamespace, sid: str, environ: dict
    ) -> dict[str, Any]:
        router_data = build(namespace, sid, environ)
        headers = router_data[constants.RouteVar.HEADERS]
        cookie = transform(headers.pop("cookie", ""))
        if cookie:
            headers["cookie"] = cookie
        return router_data

    build_static_router_data.transforms_cookies = True  # type: ignore[attr-defined]
    EventNamespace._build_static_router_data = build_static_router_data  # type: ignore[method-assign]


def client_ip(asgi_scope: Mapping[str, Any]) -> str:
    """The client address Reflex gives a websocket connection with this scope.

    Reflex's own rule (``X-Forwarded-For`` only behind ``trusted_proxy_hops`` proxies),
    so the login endpoint counts the same client as the message form's events.
    """
    router_data = EventNamespace._build_static_router_data(
        cast("EventNamespace", None), "", {"asgi.scope": asgi_scope}
    )
    return router_data[constants.RouteVar.CLIENT_IP]


# Decides on one incoming websocket event (namespace, socket id, raw data): run it or not.
IncomingEventCheck = Callable[[EventNamespace, str, Any], Awaitable[bool]]


def screen_incoming_events(accept: IncomingEventCheck) -> None:
    """Pass every websocket event through ``accept`` before Reflex sees it, once.

    Socket.IO looks its handlers up on the namespace at every event, so the class
    method is replaced.
    """
    on_event = EventNamespace.on_event
    if getattr(on_event, "screened", False):
        return

    @functools.wraps(on_event)
    async def screened_on_event(namespace: EventNamespace, sid: str, data: Any) -> None:
        if await accept(namespace, sid, data):
            await on_event(namespace, sid, data)

    screened_on_event.screened = True  # type: ignore[attr-defined]
    EventNamespace.on_event = screened_on_event  # type: ignore[method-assign]


# Called with the socket id and client token of every closed connection, in order.
_closed_listeners: list[Callable[[str, str | None], None]] = []


def on_connection_closed(listener: Callable[[str, str | None], None]) -> None:
    """Tell ``listener`` of every closed websocket (socket id, client token), once each."""
    if listener in _closed_listeners:
        return
    _closed_listeners.append(listener)
    on_disconnect = EventNamespace.on_disconnect
    if getattr(on_disconnect, "tells_listeners", False):
        return

    @functools.wraps(on_disconnect)
    def told_on_disconnect(namespace: EventNamespace, sid: str) -> asyncio.Task | None:
        # Before Reflex forgets which client token the socket carried.
        token = namespace.sid_to_token.get(sid)
        for closed in _closed_listeners:
            closed(sid, token)
        return on_disconnect(namespace, sid)

    told_on_disconnect.tells_listeners = True  # type: ignore[attr-defined]
    EventNamespace.on_disconnect = told_on_disconnect  # type: ignore[method-assign]


def is_registered_event(name: str) -> bool:
    """Whether the app has a handler for the event ``name`` (a browser never sends others)."""
    return name in RegistrationContext.get().event_handlers


async def send_script(namespace: EventNamespace, sid: str, javascript: str) -> None:
    """Run ``javascript`` in the page of connection ``sid``, as ``rx.call_script`` would."""
    event = Event(name=SCRIPT_EVENT_NAME, payload={"javascript_code": javascript})
    await namespace.emit(str(constants.SocketEvent.EVENT), StateUpdate(events=[event]), to=sid)


def log_safe(value: Any, max_length: int = 200) -> str:
    """A client-supplied value cut and stripped of control characters (Reflex's rule)."""
    return reflex_format.sanitize_client_log_value(value, max_length=max_length)


def upload_of_accepted_files(upload: EventType[()]) -> EventVar:
    """An upload dropzone's ``on_drop`` that uploads only a file the browser accepted.

    react-dropzone calls ``onDrop`` after every choice, with an empty list when it
    refused the file (too large, wrong type); Reflex would post that empty list to
    ``/_upload``, and the handler's answer would replace the reason ``on_drop_rejected``
    gave. ``upload`` is ``State.handler(rx.upload_files(...))``: its ``files`` argument
    becomes the dropped files, the trigger's first argument, as ``rx.upload.root``
    itself does for an upload event.
    """
    if not isinstance(upload, EventSpec):
        msg = f"not an upload event: {upload!r}"
        raise TypeError(msg)
    (dropped,), _ = parse_args_spec(passthrough_event_spec(list[rx.UploadFile]))
    accepted = upload.with_args(
        tuple(
            (name, dropped if name._js_expr == _UPLOAD_FILES_ARGUMENT else value)
            for name, value in upload.args
        )
    )
    upload_or_nothing = rx.cond(dropped.to(list).length() > 0, accepted, rx.noop())
    return cast("EventVar", upload_or_nothing.to(EventVar))


_UPLOAD_FILES_ARGUMENT = "files"


def is_hydrate_event(event: Event) -> bool:
    """Whether ``event`` sends a tab its whole state (``hydrate``, on every (re)connect)."""
    return event.name in _hydrate_event_names()
