"""The private Reflex pieces partner_app.reflex_internals relies on still exist.

After a Reflex upgrade this is the first test to run: each failure names what moved.
"""

import dataclasses
import inspect

from reflex import model
from reflex.app import App, EventNamespace
from reflex.istate.manager.redis import StateManagerRedis
from reflex.state import BaseState, OnLoadInternalState, State, StateUpdate
from reflex.utils import path_ops, prerequisites
from reflex.utils.token_manager import TokenManager
from reflex_base import constants
from reflex_base.config import get_config
from reflex_base.event import Event, EventHandler
from reflex_base.utils.format import format_event_handler

from partner_app import reflex_internals
from partner_app.state.language import LanguageState
from tests.support.own_loop import run_in_own_loop


def test_state_internals_exist() -> None:
    for name in ("_update_router_vars", "_get_resolved_delta", "_mark_dirty", "get_substate"):
        assert callable(getattr(BaseState, name, None)), f"BaseState.{name} is gone"
    assert "state" in EventHandler.__dataclass_fields__, "EventHandler.state is gone"
    assert "fn" in EventHandler.__dataclass_fields__, "EventHandler.fn is gone"


def test_router_data_keys_are_the_ones_the_browser_sends() -> None:
    # utils/state.js withRouterData sends pathname, asPath and query.
    assert constants.RouteVar.PATH == "pathname"
    assert constants.RouteVar.ORIGIN == "asPath"
    assert constants.RouteVar.QUERY == "query"
    assert constants.CompileVars.IS_HYDRATED == reflex_internals.IS_HYDRATED
    assert reflex_internals.FIELD_MARKER == "_rx_state_", "Reflex renamed its state field suffix"


def test_a_connection_joins_the_route_of_the_tab() -> None:
    root = reflex_internals.new_state_tree()
    reflex_internals.set_route(root, path="/", query="stadt=venlo", origin="http://x", params={})
    reflex_internals.set_connection(root, session_id="sid-1", client_token="tab-1")
    router = reflex_internals.substate(root, LanguageState).router
    assert (router.session.session_id, router.session.client_token) == ("sid-1", "tab-1"), (
        "router.session no longer comes from the sid and token of the router data"
    )
    assert dict(router.url.query_parameters) == {"stadt": "venlo"}, "the connection lost the route"


def test_paths_of_the_build() -> None:
    assert callable(path_ops.get_bun_path)
    assert callable(prerequisites.get_web_dir)
    assert reflex_internals.SERVER_BUILD.as_posix() == "build/server/index.js"
    assert reflex_internals.static_dir().as_posix().endswith(".web/build/client")


def test_overlay_wrap_is_where_the_app_replaces_it() -> None:
    defaults = App.__dataclass_fields__["app_wraps"].default_factory()
    assert reflex_internals._OVERLAY_WRAP in defaults, "App.app_wraps has no overlay entry"


def test_engines_state_manager_and_token_manager_internals_exist() -> None:
    assert isinstance(model._ENGINE, dict), "reflex.model._ENGINE is gone"
    assert "redis" in StateManagerRedis.__annotations__, "StateManagerRedis.redis is gone"
    assert callable(TokenManager.is_token_connected), "TokenManager.is_token_connected is gone"
    assert "_token_manager" in inspect.getsource(EventNamespace.__init__), (
        "EventNamespace._token_manager is gone"
    )
    assert hasattr(App, "modify_state"), "App.modify_state is gone"


def test_components_the_app_uses_exist() -> None:
    assert reflex_internals.PlainAnchor.create().tag == "a"
    assert reflex_internals.has_connection_errors is not None


def test_websocket_protocol_of_the_simulated_visitor() -> None:
    # tests/support/simulated_visitor.py connects and talks like utils/state.js does.
    assert get_config().get_event_namespace() == reflex_internals.EVENT_ENDPOINT, (
        "the websocket's namespace is no longer the event endpoint's path"
    )
    assert format_event_handler(State.event_handlers["hydrate_and_load"]) == (
        reflex_internals.HYDRATE_EVENT
    ), "the page's first event is no longer State.hydrate_and_load"
    assert format_event_handler(OnLoadInternalState.event_handlers["on_load_internal"]) == (
        reflex_internals.ON_LOAD_EVENT
    ), "the router's on_load after a URL change is no longer on_load_internal"
    event = Event(**reflex_internals.websocket_event("x.y", {"value": 1}, "/?stadt=venlo"))
    assert event.router_data == {
        "pathname": "/",
        "asPath": "/?stadt=venlo",
        "query": {"stadt": "venlo"},
    }
    assert event.payload == {"value": 1}
    update_fields = {field.name for field in dataclasses.fields(StateUpdate)}
    assert {"delta", "events"} <= update_fields, "a state update has no delta and events"


def test_a_state_update_names_changed_vars_as_the_visitor_reads_them() -> None:
    root = reflex_internals.new_state_tree()
    reflex_internals.substate(root, LanguageState).lang = "en"
    delta = run_in_own_loop(reflex_internals.changed_vars(root))
    changed = reflex_internals.updated_vars({"delta": delta}, LanguageState)
    assert changed.get("lang") == "en", (
        f"a state update's delta is no longer state name -> var name + marker: {delta}"
    )
