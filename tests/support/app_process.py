"""Start the production build of the app in its own process group, and stop it again.

Used by the browser tests and the benchmarks, so both measure the app as ``make run``
serves it (one port: pages, API and websocket).
"""

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

PROJECT_DIR = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 240


class AppStartError(RuntimeError):
    """The app stopped or did not answer while starting; the message ends with its log."""


def free_port() -> int:
    """A TCP port on loopback nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(
    env: Mapping[str, str],
    log: Path,
    port: int | None = None,
    extra_args: Sequence[str] = (),
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve the app on ``port`` (a free one by default); yields its URL and process.

    ``extra_args`` go to ``reflex run`` after the port (``--backend-host``, say).
    """
    port = port or free_port()
    url = f"http://localhost:{port}"
    command = [
        str(Path(sys.executable).parent / "reflex"),
        *("run", "--env", "prod", "--frontend-port", str(port), "--loglevel", "warning"),
        *extra_args,
    ]
    with log.open("w") as log_file:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env={
                "PARTNER_APP_PUBLIC_ORIGIN": url,
                # A state folder of its own: `reflex run` empties its folder when it starts,
                # and a closed tab's state file is deleted from it later, so two apps sharing
                # the project's .states/ deleted each other's files (and failed to start).
                "REFLEX_STATES_WORKDIR": str(log.parent / "states"),
                **os.environ,
                **env,
            },
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(url, process, log)
        yield url, process
    finally:
        stop(process)


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll ``/ping`` until the app answers; fail early when its process ends."""
    with httpx.Client(timeout=2) as client:
        for _ in range(STARTUP_TIMEOUT_S * 2):
            if process.poll() is not None:
                msg = f"The app stopped while starting:\n{log.read_text()[-3000:]}"
                raise AppStartError(msg)
            try:
                if client.get(f"{url}/ping").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            # The poll interval; returns early when the process dies.
            _wait_for_exit(process, 0.5)
    msg = f"The app did not answer within {STARTUP_TIMEOUT_S} s:\n{log.read_text()[-3000:]}"
    raise AppStartError(msg)


def stop(process: subprocess.Popen) -> None:
    """End the app's whole process group: politely, then by force."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    if not _wait_for_exit(process, 15):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_for_exit(process: subprocess.Popen, seconds: float) -> bool:
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return True
