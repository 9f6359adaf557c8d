"""An app of a test's own, which the test may stop, kill and start again on the same port.

The fault tests cannot use the suite's shared app: they take it down; the benchmarks
measure an app of their own. Every app's database starts as the browser suite's does.
"""

import os
import signal
import subprocess
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlmodel import Session

from partner_app.services.content_loader import load_default_content
from partner_app.services.editor_accounts import create_editor
from tests.database import fresh_database_url, upgrade_to_head
from tests.support.app_process import free_port, running_app

# The one editor every test app has.
EDITOR = "redaktion"
EDITOR_PASSWORD = "browser-test-passwort"


def prepare_app_database(engine: Engine) -> None:
    """Migrate ``engine``'s new database and load the default content and the editor."""
    upgrade_to_head(engine)
    with Session(engine) as session:
        load_default_content(session)
        create_editor(session, EDITOR, EDITOR_PASSWORD)


class OwnApp:
    """The production build on its own database, port and (optionally) Redis."""

    def __init__(
        self,
        folder: Path,
        extra_env: dict[str, str] | None = None,
        extra_args: Sequence[str] = (),
    ) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.sqlite_path = folder / "partner_app.db"
        self.database_url = fresh_database_url(self.sqlite_path)
        engine = create_engine(self.database_url)
        prepare_app_database(engine)
        engine.dispose()
        (folder / "uploads").mkdir()
        self.env = {
            "REFLEX_DB_URL": self.database_url,
            "REFLEX_UPLOADED_FILES_DIR": str(folder / "uploads"),
            **(extra_env or {}),
        }
        self.extra_args = tuple(extra_args)
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.starts = 0
        self._running: ExitStack | None = None
        self.process: subprocess.Popen | None = None

    def engine(self) -> Engine:
        """A new engine on the app's database (the caller disposes of it)."""
        return create_engine(self.database_url)

    def start(self) -> None:
        """Start the app and wait until it answers."""
        self.starts += 1
        stack = ExitStack()
        log = self.folder / f"reflex-{self.starts}.log"
        _url, self.process = stack.enter_context(
            running_app(self.env, log, port=self.port, extra_args=self.extra_args)
        )
        self._running = stack

    def stop(self) -> None:
        """Stop the app politely (SIGTERM), as a deployment's restart does."""
        if self._running is not None:
            self._running.close()
            self._running = None

    def kill(self) -> None:
        """Kill the app's whole process group at once (SIGKILL): no clean-up runs."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.stop()

    def log_text(self) -> str:
        """Everything the app wrote to its logs, all starts together."""
        return "".join(log.read_text() for log in sorted(self.folder.glob("reflex-*.log")))
