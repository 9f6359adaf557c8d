"""The private Reflex pieces partner_app.reflex_internals relies on still exist.

After a Reflex upgrade this is the first test to run: each failure names what moved.
"""

import asyncio
import dataclasses
import inspect
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import reflex as rx
from reflex import model
from reflex.app import App, EventNamespace
from reflex.compiler import utils as compiler_utils
from reflex.istate.manager.disk import StateManagerDisk
from reflex.istate.manager.redis import StateManagerRedis
from reflex.istate.manager.token import BaseStateToken
from reflex.state import BaseState, OnLoadInternalState, State, StateUpdate
from reflex.utils import path_ops, prerequisites
from reflex.utils.token_manager import RedisTokenManager, TokenManager
from reflex_base import constants
from reflex_base.config import get_config
from reflex_base.event import Event, EventHandler, parse_args_spec
from reflex_base.registry import RegistrationContext
from reflex_base.utils.format import format_event_handler
from reflex_components_core.base.meta import Image
from reflex_components_core.core import upload as upload_component
from reflex_components_core.core.upload import _on_drop_spec

from partner_app import reflex_internals
from partner_app.session_cookie import COOKIE_NAME, hashed_cookie_header
from partner_app.state.admin_news_editor import AdminNewsEditorState
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


def test_state_lock_internals_exist() -> None:
    # Reflex's own method, also when the app has already repaired it in this process.
    take_lock = inspect.unwrap(StateManagerRedis._try_get_lock)
    assert list(inspect.signature(take_lock).parameters) == ["self", "lock_key", "lock_id"], (
        "StateManagerRedis._try_get_lock(lock_key, lock_id) changed"
    )
    assert "nx=True" in inspect.getsource(take_lock), (
        "StateManagerRedis._try_get_lock no longer takes the lock with SET NX"
    )
    assert reflex_internals.state_lock_key("tab") == b"tab_lock"
    assert RedisTokenManager._token_socket_record_prefix == "token_manager_socket_record_"


@dataclass
class SlowRedis:
    """Answers SET NX only when told to, as a Redis whose answer is still on its way."""

    takes_the_lock: bool
    answer: asyncio.Event = field(default_factory=asyncio.Event)
    evals: list[tuple[object, ...]] = field(default_factory=list)

    async def set(self, *args: object, **kwargs: object) -> bool | None:
        await self.answer.wait()
        return True if self.takes_the_lock else None

    async def eval(self, *args: object) -> int:
        self.evals.append(args)
        return 1


@dataclass
class Manager:
    redis: SlowRedis
    lock_expiration: int = 10_000


async def cancel_while_the_answer_is_on_its_way(redis: SlowRedis) -> list[tuple[object, ...]]:
    """Cancel an event taking the lock; returns the calls that gave a lock back."""
    attempt = asyncio.ensure_future(
        StateManagerRedis._try_get_lock(Manager(redis), b"tab_lock", b"event:1")  # type: ignore[arg-type]
    )
    await asyncio.sleep(0)  # let the attempt send its SET
    attempt.cancel()
    with pytest.raises(asyncio.CancelledError):
        await attempt  # the cancellation is not held up by Redis's answer
    assert redis.evals == []
    redis.answer.set()
    await asyncio.gather(*reflex_internals._lock_hand_backs)
    return redis.evals


@pytest.fixture
def repaired_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's repair of the state lock, undone after the test."""
    monkeypatch.setattr(StateManagerRedis, "_try_get_lock", StateManagerRedis._try_get_lock)
    reflex_internals.give_back_state_locks_of_cancelled_events()


@pytest.mark.usefixtures("repaired_lock")
def test_a_lock_taken_by_a_cancelled_event_is_given_back() -> None:
    evals = run_in_own_loop(cancel_while_the_answer_is_on_its_way(SlowRedis(takes_the_lock=True)))

    assert evals == [(reflex_internals._RELEASE_OWN_LOCK, 1, b"tab_lock", b"event:1")]


@pytest.mark.usefixtures("repaired_lock")
def test_a_cancelled_event_that_did_not_get_the_lock_releases_nothing() -> None:
    evals = run_in_own_loop(cancel_while_the_answer_is_on_its_way(SlowRedis(takes_the_lock=False)))

    assert evals == []


@pytest.mark.usefixtures("repaired_lock")
def test_an_event_not_cancelled_keeps_its_lock() -> None:
    async def take() -> tuple[bool | None, list[tuple[object, ...]]]:
        redis = SlowRedis(takes_the_lock=True)
        redis.answer.set()
        taken = await StateManagerRedis._try_get_lock(Manager(redis), b"tab_lock", b"event:1")  # type: ignore[arg-type]
        return taken, redis.evals

    assert run_in_own_loop(take()) == (True, [])


@pytest.mark.usefixtures("repaired_lock")
def test_the_repair_is_made_once() -> None:
    repaired = StateManagerRedis._try_get_lock
    reflex_internals.give_back_state_locks_of_cancelled_events()

    assert StateManagerRedis._try_get_lock is repaired


def test_a_connections_cookie_is_transformed_before_reflex_keeps_it() -> None:
    reflex_internals.transform_connection_cookies(hashed_cookie_header)
    reflex_internals.transform_connection_cookies(hashed_cookie_header)  # once only
    assert EventNamespace._build_static_router_data.transforms_cookies  # type: ignore[attr-defined]
    raw = f"{COOKIE_NAME}=geheim; other=1"
    environ = {
        "asgi.scope": {
            "headers": [(b"cookie", raw.encode()), (b"origin", b"http://localhost:3000")],
            "client": ("192.0.2.1", 50000),
        }
    }
    namespace = EventNamespace.__new__(EventNamespace)
    router_data = EventNamespace._build_static_router_data(namespace, "sid", environ)
    headers = router_data[constants.RouteVar.HEADERS]
    assert headers["cookie"] == hashed_cookie_header(raw)
    assert "geheim" not in str(router_data)
    assert headers["origin"] == "http://localhost:3000"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "127.0.0.1"),  # no proxy: the header is the client's to forge
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the proxy's entry, not the forged one
        (2, "203.0.113.9", "127.0.0.1"),  # fewer entries than proxies: the peer
    ],
)
def test_the_client_address_follows_reflexs_trusted_proxy_rule(
    monkeypatch: pytest.MonkeyPatch, hops: int, forwarded: str, expected: str
) -> None:
    monkeypatch.setattr(get_config(), "trusted_proxy_hops", hops)
    scope = {"client": ("127.0.0.1", 5000), "headers": [(b"x-forwarded-for", forwarded.encode())]}
    assert reflex_internals.client_ip(scope) == expected


def test_the_state_files_folder_is_the_apps_users_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    states = tmp_path / ".states"
    states.mkdir(mode=0o755)
    monkeypatch.setattr(prerequisites, "get_states_dir", lambda: states)
    assert reflex_internals.protect_states_directory() == states
    assert stat.S_IMODE(states.stat().st_mode) == 0o700
    # Where Reflex writes them (an upgrade moving the folder fails here).
    assert StateManagerDisk.states_directory.func(object.__new__(StateManagerDisk)) == states


def test_the_websocket_entry_points_the_event_screen_wraps_exist() -> None:
    for name in ("on_event", "on_disconnect", "emit"):
        assert callable(getattr(EventNamespace, name, None)), f"EventNamespace.{name} is gone"
    assert "event_handlers" in inspect.signature(RegistrationContext).parameters or hasattr(
        RegistrationContext, "event_handlers"
    ), "RegistrationContext.event_handlers is gone"
    assert reflex_internals.log_safe("a\nb" + "x" * 500, 20).startswith("a b")
    assert len(reflex_internals.log_safe("x" * 500, 20)) == 20


def test_the_names_of_a_clients_stored_state_are_reflexs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prerequisites, "get_states_dir", lambda: tmp_path)
    manager = object.__new__(StateManagerDisk)
    token = BaseStateToken(ident="tab-1", cls=State)
    assert manager.token_path(token).name == reflex_internals.root_state_file("tab-1")
    assert str(token) == reflex_internals.root_state_key("tab-1")
    for name in ("_purge_token", "_write_queue", "_states_locks"):
        assert name in dir(StateManagerDisk) or name in StateManagerDisk.__dataclass_fields__


def test_an_upload_is_sent_only_for_a_file_the_browser_accepted() -> None:
    # rx.upload.root puts the dropped files in place of an upload event's "files",
    # under its on_drop trigger's first placeholder; the guard does the same.
    (first_argument,), _ = parse_args_spec(_on_drop_spec)
    placeholder = str(first_argument)  # an f-string would format the Var as a marker
    assert '._js_expr == "files"' in inspect.getsource(upload_component), (
        "rx.upload.root no longer fills the upload's files argument"
    )
    upload = AdminNewsEditorState.upload_image(rx.upload_files(upload_id="bild"))

    guarded = str(reflex_internals.upload_of_accepted_files(upload))

    assert f"({placeholder}.length > 0)" in guarded
    assert f'["files"] : {placeholder}' in guarded
    assert '"uploadFiles"' in guarded


def test_a_pages_image_may_be_a_state_var() -> None:
    # add_meta hands add_page's image to Image.create(content=...): a var follows the state.
    page = rx.fragment()
    url = LanguageState.switch_url
    compiler_utils.add_meta(page, "Titel", reflex_internals.page_image(url), [])
    images = [child for child in page.children if isinstance(child, Image)]
    assert len(images) == 1, "add_meta no longer adds exactly one og:image"
    assert str(url) in str(images[0].render()), "og:image no longer takes a var"
