"""Browser tests: the real app in Debian's Chromium.

By default a production build of the app is started once per test session on a
free port, with its own SQLite database (migrated and loaded with the default
content). ``--base-url URL`` points the suite at a running deployment instead.
Every test fails on a browser console error, a page error, or a request to any
host but the app's own.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect
from sqlalchemy import Engine, create_engine
from sqlmodel import Session, col, delete, func, select

from partner_app.models import ContactMessage, FormDraft, NewsItem
from tests.database import fresh_database_url
from tests.support.app_process import AppStartError, running_app
from tests.support.chromium import CHROMIUM_ARGS, chromium_path
from tests.support.own_app import EDITOR, EDITOR_PASSWORD, prepare_app_database

expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


def _chromium_path() -> str:
    path = chromium_path()
    if not path:
        pytest.exit("No Chromium found: install Debian's 'chromium' or set CHROMIUM_PATH.", 2)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium (Playwright cannot download its own browser here)."""
    return {
        **browser_type_launch_args,
        "executable_path": _chromium_path(),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def app_database(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config):
    """The self-started app's database engine, or None against a given deployment."""
    if pytestconfig.getoption("--base-url"):
        yield None
        return
    path = tmp_path_factory.mktemp("app-data") / "partner_app.db"
    engine = create_engine(fresh_database_url(path))
    prepare_app_database(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def app_upload_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the self-started app stores uploaded images."""
    return tmp_path_factory.mktemp("app-uploads")


@pytest.fixture(scope="session")
def app_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The self-started app's output (what an operator's log would hold)."""
    return tmp_path_factory.mktemp("app-log") / "reflex.log"


@pytest.fixture(scope="session")
def base_url(
    pytestconfig: pytest.Config,
    app_database: Engine | None,
    app_upload_dir: Path,
    app_log: Path,
) -> Iterator[str]:
    """The app under test: ``--base-url``, or a production build started here."""
    given = pytestconfig.getoption("--base-url")
    if given:
        yield given.rstrip("/")
        return
    assert app_database is not None
    env = {
        "REFLEX_DB_URL": app_database.url.render_as_string(hide_password=False),
        "REFLEX_UPLOADED_FILES_DIR": str(app_upload_dir),
    }
    # As in production, only the app's own origin may use the websocket and the API
    # (running_app sets PARTNER_APP_PUBLIC_ORIGIN to the app's URL).
    try:
        with running_app(env, app_log) as (url, _process):
            yield url
    except AppStartError as error:
        pytest.exit(str(error), 2)


class BrowserProblems:
    """Console errors, page errors and foreign requests seen during a test."""

    def __init__(self, own_host: str) -> None:
        self.own_host = own_host
        self.errors: list[str] = []
        self.expected_errors: list[re.Pattern[str]] = []
        self.foreign_requests: list[str] = []
        self.requests: list[str] = []

    def on_request(self, url: str) -> None:
        if url.startswith(("data:", "blob:", "about:")):
            return
        self.requests.append(url)
        if urlsplit(url).hostname != self.own_host:
            self.foreign_requests.append(url)

    def expect_error(self, pattern: str) -> None:
        """Accept console errors matching ``pattern`` (e.g. the 404 of a page meant to be one)."""
        self.expected_errors.append(re.compile(pattern))

    def assert_none(self) -> None:
        """Fail the test on any unexpected error or foreign request."""
        assert self.unexpected_errors() == [], "browser console errors"
        assert self.foreign_requests == [], "requests to hosts other than the app's"

    def unexpected_errors(self) -> list[str]:
        return [
            error
            for error in self.errors
            if not any(pattern.search(error) for pattern in self.expected_errors)
        ]


@pytest.fixture
def browser_problems(page: Page, base_url: str) -> Iterator[BrowserProblems]:
    """Records what the browser did wrong; the test fails on any of it."""
    problems = watch_for_problems(page, base_url)
    yield problems
    problems.assert_none()


def watch_for_problems(page: Page, base_url: str) -> BrowserProblems:
    """Record the console errors, page errors and foreign requests of ``page``."""
    problems = BrowserProblems(urlsplit(base_url).hostname or "")

    def record_console_error(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.errors.append(message.text)

    page.on("console", record_console_error)
    page.on("pageerror", lambda error: problems.errors.append(str(error)))
    page.on("request", lambda request: problems.on_request(request.url))
    page.on("websocket", lambda socket: problems.on_request(socket.url))
    return problems


@pytest.fixture
def app_page(page: Page, browser_problems: BrowserProblems) -> Page:
    """A browser page that fails its test on console errors and foreign requests."""
    return page


def open_page(page: Page, path: str = "/") -> None:
    """Open ``path`` and wait until the server has applied the URL (hydrated)."""
    page.goto(path)
    wait_until_hydrated(page)


def wait_until_hydrated(page: Page) -> None:
    """Wait until the page's on_load has run on the server."""
    expect(page.locator("main[data-hydrated='true']")).to_be_attached()


@pytest.fixture
def own_app_database(app_database: Engine | None) -> Iterator[Engine]:
    """The self-started app's database; news and messages added by the test are removed after.

    Tests that change content need it and are skipped against ``--base-url``.
    """
    if app_database is None:
        pytest.skip("changes content: needs the app this suite starts, not a deployment")
    with Session(app_database) as session:
        last_id = session.exec(select(func.max(NewsItem.id))).one() or 0
        last_message_id = session.exec(select(func.max(ContactMessage.id))).one() or 0
    yield app_database
    with Session(app_database) as session:
        session.exec(delete(NewsItem).where(col(NewsItem.id) > last_id))
        session.exec(delete(ContactMessage).where(col(ContactMessage.id) > last_message_id))
        # Copies of unsaved forms would be offered to the next test's form.
        session.exec(delete(FormDraft))
        session.commit()


def log_in_as_editor(page: Page) -> None:
    """Sign in through the login form and wait for the news list."""
    open_page(page, "/admin/anmelden")
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect_path(page, "/admin/nachrichten")
    wait_until_hydrated(page)


def expect_path(page: Page, path: str) -> None:
    """Wait until the page is at ``path`` (the static build may add a trailing slash)."""
    expect(page).to_have_url(re.compile(re.escape(path) + r"/?(\?.*)?$"))
