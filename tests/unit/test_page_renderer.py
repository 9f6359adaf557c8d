"""The renderer child's protocol and every way it can fail (a stand-in child, not bun)."""

import asyncio
import sys
from pathlib import Path

import pytest

from partner_app.server_render import renderer
from partner_app.server_render.renderer import PageRenderer, RenderedPage
from tests.support.own_loop import run_in_own_loop

# Answers like render_worker.mjs: "ready", then one line per request. The URL picks the
# behaviour: /error reports a failure, /hang never answers, /exit dies.
STAND_IN = r"""
import json, sys, time
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    url = request["url"]
    if url.endswith("/hang"):
        time.sleep(60)
    if url.endswith("/exit"):
        sys.exit(1)
    if url.endswith("/error"):
        print(json.dumps({"error": "TypeError: boom"}), flush=True)
        continue
    html = "<html>" + json.dumps(request["state"]) + "</html>"
    print(json.dumps({"status": 200, "html": html}), flush=True)
"""


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(renderer, "_worker_command", lambda: [sys.executable, "-c", STAND_IN])
    # The child runs in the frontend build folder, which a fresh checkout has not built yet.
    monkeypatch.setattr(renderer.reflex_internals, "web_dir", lambda: tmp_path)
    monkeypatch.setattr(renderer, "RENDER_TIMEOUT_S", 1.0)


def _run(coroutine):
    return asyncio.run(coroutine)


def test_pages_are_rendered_one_after_another_by_one_child(stand_in: None) -> None:
    async def scenario() -> list[RenderedPage | None]:
        pages = PageRenderer()
        try:
            return await asyncio.gather(
                *(pages.render(f"http://x/{n}", f'{{"s": {{"n": {n}}}}}') for n in range(5))
            )
        finally:
            await pages.stop()

    results = run_in_own_loop(scenario())
    assert [page.html if page else None for page in results] == [
        f'<html>{{"s": {{"n": {n}}}}}</html>' for n in range(5)
    ]


@pytest.mark.parametrize("path", ["/error", "/hang", "/exit"])
def test_a_failed_render_answers_none_and_the_next_page_still_renders(
    stand_in: None, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    # No pause before starting again, so the test sees the restart.
    monkeypatch.setattr(renderer, "RETRY_AFTER_S", 0.0)

    async def scenario() -> tuple[RenderedPage | None, RenderedPage | None]:
        pages = PageRenderer()
        try:
            failed = await pages.render("http://x" + path, "{}")
            after = await pages.render("http://x/", "{}")
            return failed, after
        finally:
            await pages.stop()

    failed, after = run_in_own_loop(scenario())
    assert failed is None
    assert after == RenderedPage(status=200, html="<html>{}</html>")


def test_a_child_that_cannot_start_rests_and_the_shell_is_served(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(renderer, "_worker_command", lambda: None)

    async def scenario() -> tuple[RenderedPage | None, bool]:
        pages = PageRenderer()
        return await pages.render("http://x/", "{}"), pages.is_resting()

    assert run_in_own_loop(scenario()) == (None, True)
