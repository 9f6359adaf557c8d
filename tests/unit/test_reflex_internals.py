"""The private Reflex pieces partner_app.reflex_internals relies on still exist.

After a Reflex upgrade this is the first test to run: each failure names what moved.
"""

import inspect

from reflex import model
from reflex.app import App, EventNamespace
from reflex.istate.manager.redis import StateManagerRedis
from reflex.state import BaseState
from reflex.utils import path_ops, prerequisites
from reflex.utils.token_manager import TokenManager
from reflex_base import constants
from reflex_base.event import EventHandler

from partner_app import reflex_internals


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
