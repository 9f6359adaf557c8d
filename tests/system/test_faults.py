"""Faults while a browser is open: the server killed mid-save, backend and Redis restarts.

Each test runs an app of its own (``OwnApp``), because it takes that app down.
"""

import re
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, col, select

from partner_app.models import AuditEntry, NewsItem
from partner_app.services.database_integrity import integrity_problems
from tests.browser.conftest import (
    BrowserProblems,
    log_in_as_editor,
    open_page,
    watch_for_problems,
)
from tests.database import postgres_server_url
from tests.support.app_process import free_port
from tests.support.own_app import OwnApp

# While the server is away the page's websocket fails, which Chromium logs as an error.
CONNECTION_ERRORS = (
    r"WebSocket connection to .* failed",
    r"Failed to load resource: net::ERR_CONNECTION_REFUSED",
)
# Generous: the page retries with a growing pause of up to 2 s between attempts.
RECONNECT_TIMEOUT_MS = 30_000
MID_SAVE_TIMEOUT_S = 15


@pytest.fixture
def own_app(tmp_path: Path) -> Iterator[OwnApp]:
    app = OwnApp(tmp_path)
    app.start()
    yield app
    app.stop()


@pytest.fixture
def own_page(browser: Browser, own_app: OwnApp) -> Iterator[tuple[Page, BrowserProblems]]:
    """A page on the test's own app; fails the test on unexpected console errors."""
    context = browser.new_context(base_url=own_app.url)
    page = context.new_page()
    problems = watch_for_problems(page, own_app.url)
    for pattern in CONNECTION_ERRORS:
        problems.expect_error(pattern)
    yield page, problems
    context.close()
    problems.assert_none()


def choose_city_and_expect_its_cards(page: Page, label: str, slug: str) -> None:
    """Filter by a city the way a visitor does and wait for its cards and URL."""
    # By value: the option's text also counts its items ("Venlo (1)").
    page.get_by_label("Partnerstadt").select_option(slug)
    expect(page).to_have_url(re.compile(rf"[?&]stadt={slug}\b"), timeout=RECONNECT_TIMEOUT_MS)
    cards = page.locator(".news-card")
    expect(cards.first).to_be_visible()
    expect(cards.filter(has_not=page.locator(f".city-badge:text-is('{label}')"))).to_have_count(0)


def test_server_killed_in_the_middle_of_a_save_keeps_the_record_whole(
    own_app: OwnApp, own_page: tuple[Page, BrowserProblems]
) -> None:
    page, _problems = own_page
    engine = own_app.engine()
    with Session(engine) as session:
        news = session.exec(select(NewsItem).order_by(col(NewsItem.id))).first()
        assert news is not None
        before = (news.title, news.body, news.version, news.updated_at)
        news_id, slug = news.id, news.slug
        audit_before = session.exec(select(sa.func.count()).select_from(AuditEntry)).one()
    log_in_as_editor(page)
    open_page(page, f"/admin/nachrichten/bearbeiten?id={news_id}")
    expect(page.get_by_label("Titel", exact=True)).to_have_value(before[0])
    page.get_by_label("Titel", exact=True).fill("Dieser Titel darf nie halb gespeichert werden")
    page.get_by_label("Text", exact=True).fill("Neuer Text, der mit dem Titel zusammengehört.")

    with hold_the_save_before_its_commit(own_app, engine):
        page.get_by_role("button", name="Speichern").click()
        wait_until_the_save_is_under_way(own_app, engine)
        own_app.kill()
    # The editor's tab is closed: the restarted app is a new build, which an old page
    # would load by reloading itself.
    page.goto("about:blank")

    engine.dispose()
    engine = own_app.engine()
    with Session(engine) as session:
        news = session.get(NewsItem, news_id)
        assert news is not None
        assert (news.title, news.body, news.version, news.updated_at) == before
        assert session.exec(select(sa.func.count()).select_from(AuditEntry)).one() == audit_before
    assert integrity_problems(engine) == []
    engine.dispose()

    own_app.start()
    open_page(page, f"/nachrichten/{slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text(before[0])
    # The editor can save again: nothing was left locked or half-written. The session
    # lives in the database and the browser's cookie, so it survived the restart.
    open_page(page, f"/admin/nachrichten/bearbeiten?id={news_id}")
    expect(page.get_by_label("Titel", exact=True)).to_have_value(before[0])
    page.get_by_label("Titel", exact=True).fill("Nach dem Neustart gespeichert")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Die Meldung wurde gespeichert.")


class hold_the_save_before_its_commit:  # noqa: N801 (used like a function in `with`)
    """Let the editor's save write its changes, then hold it before it can commit.

    SQLite: a reading transaction keeps its shared lock, so the save's commit waits
    for the exclusive lock (its changes are in the rollback journal by then).
    PostgreSQL: the audit table is locked, and the save writes its audit entry last.
    """

    def __init__(self, app: OwnApp, engine: sa.Engine) -> None:
        self.app, self.engine = app, engine

    def __enter__(self) -> None:
        if postgres_server_url():
            self.connection = self.engine.connect()
            self.transaction = self.connection.begin()
            self.connection.exec_driver_sql("LOCK TABLE audit_entry IN ACCESS EXCLUSIVE MODE")
        else:
            self.reader = sqlite3.connect(self.app.sqlite_path, isolation_level=None)
            self.reader.execute("BEGIN")
            self.reader.execute("SELECT count(*) FROM news_item").fetchone()

    def __exit__(self, *_exc: object) -> None:
        if postgres_server_url():
            self.transaction.rollback()
            self.connection.close()
        else:
            self.reader.execute("ROLLBACK")
            self.reader.close()


def wait_until_the_save_is_under_way(app: OwnApp, engine: sa.Engine) -> None:
    """Return once the save has written and waits for its commit; fail after a while."""
    deadline = time.monotonic() + MID_SAVE_TIMEOUT_S
    while time.monotonic() < deadline:
        if postgres_server_url():
            with engine.connect() as connection:
                waiting = connection.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO audit_entry%%'"
                ).scalar_one()
            if waiting:
                return
        elif Path(f"{app.sqlite_path}-journal").exists():
            return
        time.sleep(0.02)  # polling interval of this wait
    pytest.fail(f"the save did not start writing within {MID_SAVE_TIMEOUT_S} s")


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator["RedisServer"]:
    if not postgres_server_url():
        pytest.skip("Redis runs with the production stack (make test-production)")
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


class RedisServer:
    """A Redis server of the test's own on a free loopback port (Debian's redis-server)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir()
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is installed with the production stack"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=(self.folder / "redis.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if (
                subprocess.run(
                    ["redis-cli", "-p", str(self.port), "ping"],
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout.strip()
                == "PONG"
            ):
                return
            time.sleep(0.05)  # polling interval of this wait
        pytest.fail("Redis did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.mark.parametrize("server", ["backend", "redis"])
def test_page_carries_on_after_a_server_restart(
    tmp_path: Path, browser: Browser, request: pytest.FixtureRequest, server: str
) -> None:
    # Redis only runs with the production stack; the fixture skips elsewhere.
    redis: RedisServer | None = request.getfixturevalue("own_redis") if server == "redis" else None
    app = OwnApp(tmp_path / "app", {"REFLEX_REDIS_URL": redis.url} if redis else None)
    app.start()
    context = browser.new_context(base_url=app.url)
    page = context.new_page()
    problems = watch_for_problems(page, app.url)
    if redis is None:
        for pattern in CONNECTION_ERRORS:
            problems.expect_error(pattern)
    try:
        open_page(page, "/")
        choose_city_and_expect_its_cards(page, "Venlo", "venlo")
        # Marks this document: a reload would lose it.
        page.evaluate("window.__sameDocument = true")

        if redis is None:
            app.stop()
            app.start()
        else:
            # Redis keeps no files here: every page's server-side state is lost with it.
            redis.stop()
            redis.start()

        choose_city_and_expect_its_cards(page, "Leicester", "leicester")
        assert page.evaluate("window.__sameDocument === true"), "the page was reloaded"
    finally:
        context.close()
        app.stop()
    problems.assert_none()
