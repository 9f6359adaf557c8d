"""The private Reflex pieces the app relies on, in one place.

Reflex 0.10 has no public API for rendering a page with a request's own state
(``partner_app.server_render``), for reaching another client's state (live news), for
the engines a forked worker must forget, or for replacing the connection overlay; the
app reaches into the framework here and nowhere else.
``tests/unit/test_reflex_internals.py`` fails with a clear message when an upgrade
removes or reshapes one of them; pin Reflex and run it first after an upgrade. The one
exception is the shape of the compiled context module, which the build plugin
``server_render/context_patch.py`` anchors on (rxconfig.py imports it before the app).
The simulated visitor of the load test and the benchmarks
(``tests/support/simulated_visitor.py``) speaks Reflex's websocket protocol with the
pieces at the end of this module.
"""

import contextlib
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

import reflex as rx
from reflex import model
from reflex.istate.manager import get_state_manager
from reflex.istate.manager.redis import StateManagerRedis
from reflex.istate.manager.token import BaseStateToken
from reflex.state import State
from reflex.utils import path_ops, prerequisites
from reflex_base import constants
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.event import EventHandler
from reflex_base.registry import RegistrationContext
from reflex_base.utils import format as reflex_format
from reflex_components_core.core.banner import has_connection_errors
from reflex_components_core.el.elements.inline import A as PlainAnchor

# A plain <a> element: rx.el.a is a client-router link (it would keep the page and
# drop the query string of an in-page anchor).
__all__ = ["PlainAnchor", "has_connection_errors"]
# Where App.app_wraps keeps the overlay shown while the websocket is down.
_OVERLAY_WRAP = (5, "Overlay")

# The React Router server build Reflex emits for its own prerendering.
SERVER_BUILD = Path(constants.Dirs.BUILD_DIR) / "server" / "index.js"
# The root state's router fields (rx_router_url, …): the browser reports its own.
ROUTER_VAR_PREFIX = "rx_router_"
# Set by Reflex when the websocket has delivered the state; never by the server render.
IS_HYDRATED = constants.CompileVars.IS_HYDRATED


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
    return State(_reflex_internal_init=True)


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
        constants.RouteVar.HEADERS: {"origin": origin},
    }
    root.router_data = root._update_router_vars(router_data, {})


def set_connection(root: State, *, session_id: str, client_token: str) -> None:
    """Add to ``root``'s route the websocket connection a browser tab's events arrive on.

    For the server tests, which play a tab: Reflex adds these to every event it receives.
    """
    connection = {
        constants.RouteVar.SESSION_ID: session_id,
        constants.RouteVar.CLIENT_TOKEN: client_token,
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
