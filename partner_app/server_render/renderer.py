"""One long-lived bun child per backend worker that renders pages (render_worker.mjs).

Rendering in the worker's own process is not possible (React runs in JavaScript), and
a child per request would cost ~300 ms to start. The child reads one request per line
and answers one per line, one at a time; it ends with its stdin, so it dies with the
worker. Any failure (no build, no bun, a crash, a slow render) answers None, and the
caller serves the prerendered shell: the page then loads its content as before.
"""

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from partner_app import reflex_internals
from partner_app.server_render.context_patch import RENDER_STATE_GLOBAL

logger = logging.getLogger(__name__)

WORKER_SCRIPT = Path(__file__).with_name("render_worker.mjs")
# A render takes 10-20 ms; far longer means the child hangs.
RENDER_TIMEOUT_S = 5.0
START_TIMEOUT_S = 20.0
# After a failure the shell is served for a while instead of restarting at once.
RETRY_AFTER_S = 30.0
# One answer is one line of JSON: a whole page.
_LINE_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True)
class RenderedPage:
    """The HTML the server build rendered, and the status its router chose."""

    status: int
    html: str


class PageRenderer:
    """Starts the child on first use and again after a failure (not before RETRY_AFTER_S)."""

    def __init__(self) -> None:
        self._process: asyncio.subprocess.Process | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock: asyncio.Lock | None = None
        self._failed_at = float("-inf")

    async def render(self, url: str, state_json: str) -> RenderedPage | None:
        """Render ``url`` with ``state_json`` (changed vars per state); None on any failure."""
        async with self._locked():
            try:
                process = await self._running_process()
                if process is None:
                    return None
                # The state is JSON already: put it in as it is, not parsed and dumped again.
                request = f'{{"url": {json.dumps(url)}, "state": {state_json}}}'
                answer = await asyncio.wait_for(
                    self._exchange(process, request), timeout=RENDER_TIMEOUT_S
                )
            except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError) as error:
                self._give_up(f"render of {url} failed: {error!r}")
                return None
        if "error" in answer:
            logger.error("The page renderer failed on %s: %s", url, answer["error"])
            return None
        return RenderedPage(status=int(answer["status"]), html=str(answer["html"]))

    def is_resting(self) -> bool:
        """Whether it failed a moment ago and the shell is served (no state to compute)."""
        return time.monotonic() - self._failed_at < RETRY_AFTER_S

    async def start(self) -> None:
        """Start the child now, so the first visitor does not wait for it (~0.3 s)."""
        async with self._locked():
            try:
                await self._running_process()
            except (OSError, TimeoutError, ValueError) as error:
                self._give_up(f"the page renderer did not start: {error!r}")

    def _locked(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            # A new event loop (a restarted worker, a test): the old pipes belong to the old.
            self._loop, self._lock, self._process = loop, asyncio.Lock(), None
        assert self._lock is not None
        return self._lock

    async def stop(self) -> None:
        """End the child (it also ends by itself when this process exits)."""
        if self._process is not None and self._process.returncode is None:
            self._process.kill()
            await self._process.wait()
        self._process = None

    async def _running_process(self) -> asyncio.subprocess.Process | None:
        if self._process is not None and self._process.returncode is None:
            return self._process
        if self.is_resting():
            return None
        command = _worker_command()
        if command is None:
            self._failed_at = time.monotonic()
            return None
        self._process = await asyncio.create_subprocess_exec(
            *command,
            cwd=reflex_internals.web_dir(),
            # React's production build: faster, and no development warnings in the log.
            env={**os.environ, "NODE_ENV": "production"},
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=_LINE_LIMIT,
        )
        assert self._process.stdout is not None
        ready = await asyncio.wait_for(self._process.stdout.readline(), START_TIMEOUT_S)
        if json.loads(ready or b"{}").get("ready") is not True:
            self._give_up("the page renderer did not start")
            return None
        return self._process

    @staticmethod
    async def _exchange(process: asyncio.subprocess.Process, request: str) -> dict:
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(request.encode() + b"\n")
        await process.stdin.drain()
        line = await process.stdout.readline()
        if not line:
            raise asyncio.IncompleteReadError(b"", None)
        return json.loads(line)

    def _give_up(self, reason: str) -> None:
        logger.error("Serving the prerendered shell for a while: %s", reason)
        self._failed_at = time.monotonic()
        if self._process is not None and self._process.returncode is None:
            self._process.kill()
        self._process = None


def _worker_command() -> list[str] | None:
    build = reflex_internals.web_dir() / reflex_internals.SERVER_BUILD
    bun = reflex_internals.bun_path()
    if bun is None or not build.is_file():
        # make dev (no server build) or a machine without bun: the shell it is.
        return None
    return [str(bun), str(WORKER_SCRIPT), str(build), RENDER_STATE_GLOBAL]


# The renderer of this backend worker.
page_renderer = PageRenderer()


@contextlib.asynccontextmanager
async def renderer_lifespan() -> AsyncIterator[None]:
    """Each backend worker starts its renderer with itself and ends it on shutdown."""
    await page_renderer.start()
    try:
        yield
    finally:
        await page_renderer.stop()
