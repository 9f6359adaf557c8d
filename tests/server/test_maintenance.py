"""The app deletes expired data itself: at start and then daily, off the event loop."""

import asyncio
import os
import threading
from datetime import timedelta
from pathlib import Path

import pytest
import reflex as rx
from sqlalchemy import Engine
from sqlmodel import Session, select

from partner_app import maintenance, settings
from partner_app.models import LoginAttempt, utc_now
from partner_app.partner_app import app
from partner_app.services import login_throttle
from partner_app.services.retention import PurgeSummary
from tests.support.own_loop import run_in_own_loop

NOTHING = PurgeSummary(0, 0, 0, 0)


class StopWaitingError(Exception):
    """Ends the endless loop of the task under test."""


def test_every_worker_runs_the_clean_up() -> None:
    assert maintenance.maintenance_lifespan in app.get_lifespan_tasks()


def test_a_purge_deletes_old_login_attempts_from_the_app_database(app_engine: Engine) -> None:
    with Session(app_engine) as session:
        old = utc_now() - login_throttle.ATTEMPTS_KEPT - timedelta(minutes=1)
        session.add(
            LoginAttempt(username="x", client="192.0.2.1", succeeded=False, attempted_at=old)
        )
        session.commit()

    summary = maintenance.purge_now()

    assert summary.login_attempts == 1
    with Session(app_engine) as session:
        assert session.exec(select(LoginAttempt)).all() == []


def test_a_purge_deletes_old_unused_uploads_from_the_app_upload_folder(
    app_engine: Engine, tmp_path: Path
) -> None:
    # The server tests' upload folder (tests/server/conftest.py), as the app finds it.
    folder = rx.get_upload_dir() / "news"
    assert folder.is_relative_to(tmp_path)
    folder.mkdir(parents=True)
    day_old = (utc_now() - timedelta(days=1, minutes=1)).timestamp()
    unused = [folder / f"{'a' * 24}-card.webp", folder / f"{'a' * 24}-detail.webp"]
    for path in unused:
        path.write_bytes(b"RIFF-webp")
        os.utime(path, (day_old, day_old))

    summary = maintenance.purge_now()

    assert summary.upload_files == 2
    assert not any(path.exists() for path in unused)


def test_the_task_purges_at_once_and_then_daily_in_a_thread() -> None:
    purged_in: list[threading.Thread] = []
    waits: list[float] = []
    loop_threads: list[threading.Thread] = []

    def purge() -> PurgeSummary:
        purged_in.append(threading.current_thread())
        return NOTHING

    async def wait(seconds: float) -> None:
        loop_threads.append(threading.current_thread())
        waits.append(seconds)
        if len(waits) == 3:
            raise StopWaitingError

    with pytest.raises(StopWaitingError):
        run_in_own_loop(maintenance.purge_periodically(purge=purge, wait=wait))

    assert len(purged_in) == 3
    assert waits == [timedelta(days=1).total_seconds()] * 3
    # The database work never ran on the event loop's thread.
    assert not set(purged_in) & set(loop_threads)


def test_a_failed_purge_is_logged_and_tried_again_an_hour_later(
    caplog: pytest.LogCaptureFixture,
) -> None:
    outcomes: list[Exception | PurgeSummary] = [OSError("Datenbank weg"), NOTHING]
    waits: list[float] = []

    def purge() -> PurgeSummary:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    async def wait(seconds: float) -> None:
        waits.append(seconds)
        if not outcomes:
            raise StopWaitingError

    with pytest.raises(StopWaitingError):
        run_in_own_loop(maintenance.purge_periodically(purge=purge, wait=wait))

    assert waits == [3600.0, 86400.0]
    assert "Das Löschen abgelaufener Daten ist fehlgeschlagen" in caplog.text


def test_the_lifespan_purges_at_start_and_stops_with_the_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    purged = threading.Event()

    def purge() -> PurgeSummary:
        purged.set()
        return NOTHING

    monkeypatch.setattr(maintenance, "purge_now", purge)

    async def serve() -> list[asyncio.Task[object]]:
        async with maintenance.maintenance_lifespan():
            assert await asyncio.to_thread(purged.wait, 10)
            running = [t for t in asyncio.all_tasks() if t.get_name() == "partner-app-retention"]
            assert len(running) == 1
        return running

    [task] = run_in_own_loop(serve())
    assert task.cancelled()


def test_a_secret_key_that_cannot_be_used_stops_the_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(settings.SECRET_KEY_VARIABLE, "zu-kurz")

    async def start() -> None:
        async with maintenance.maintenance_lifespan():
            pytest.fail("the worker started with an unusable key")

    with pytest.raises(settings.SecretKeyError):
        run_in_own_loop(start())
