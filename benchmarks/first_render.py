"""Benchmark: the first render of the public pages, beside a static ceiling.

1. Real Chromium on a throttled line (150 ms RTT, 1.6 Mbit/s, 4x CPU, cold cache):
   first contentful paint, largest contentful paint and layout shift of ``/`` and a
   detail page, each beside its static ceiling: the page's own first HTML with its
   scripts removed, served at the same address (what a static page would reach).
2. The server's cost of a page load: requests per second and CPU milliseconds of the
   app's processes (backend workers and their renderers) per request for ``/``
   rendered, beside a static file of the same build served by the same process.

Run with ``make bench`` or ``python -m benchmarks.first_render``. Starts the production
build on a fresh database of the environment's stack. Prints a table; asserts nothing.
"""

import asyncio
import re
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import psutil
from playwright.sync_api import Browser, sync_playwright

from benchmarks.server_load import stack_name
from tests.support.chromium import CHROMIUM_ARGS, chromium_path
from tests.support.own_app import OwnApp

PAGES = {"/": "start page", "/nachrichten/spende-20000-euro-kropyvnytskyi": "detail page"}
LOADS = 5
PAINT_TARGET_MS = 1000.0
CLS_TARGET = 0.02
# Lighthouse's "slow 4G" mobile line, applied through the DevTools protocol.
LINE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
REQUESTS = 300
CONCURRENCY = 10

_OBSERVE = """
window.__paint = {lcp: 0, cls: 0};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__paint.lcp = entry.startTime;
}).observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__paint.cls += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""
_READ = """() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => done({
  fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
  lcp: window.__paint.lcp,
  cls: window.__paint.cls,
}), 500)))"""
_SCRIPTS = re.compile(r"<script\b[^>]*>.*?</script>|<link rel=\"modulepreload\"[^>]*>", re.DOTALL)


def without_scripts(html: str) -> str:
    """The page's own first HTML as a static page: no script, no module preload."""
    return _SCRIPTS.sub("", html)


def throttled_load(browser: Browser, url: str, static_html: str | None) -> dict[str, float]:
    """FCP, LCP (ms) and CLS of one cold load of ``url`` on the throttled line."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    if static_html is not None:
        page.route(url, lambda route: route.fulfill(content_type="text/html", body=static_html))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", LINE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.add_init_script(_OBSERVE)
    page.goto(url, wait_until="load")
    if static_html is None:
        page.wait_for_selector("main[data-hydrated='true']", timeout=60_000)
    figures = page.evaluate(_READ)
    context.close()
    return figures


def paint_rows(browser: Browser, base_url: str) -> list[tuple[str, str, str]]:
    rows = []
    for path, name in PAGES.items():
        url = base_url + path
        static_html = without_scripts(httpx.get(url, timeout=30).text)
        for variant, html in (("app", None), ("static ceiling", static_html)):
            loads = [throttled_load(browser, url, html) for _ in range(LOADS)]
            fcp = statistics.median(load["fcp"] for load in loads)
            lcp = statistics.median(load["lcp"] for load in loads)
            cls = max(load["cls"] for load in loads)
            label = f"{name}, {variant}"
            rows.append((f"{label}: first paint (median)", f"{fcp:.0f} ms", _met(fcp)))
            rows.append((f"{label}: largest paint (median)", f"{lcp:.0f} ms", _met(lcp)))
            rows.append((f"{label}: layout shift (worst)", f"{cls:.3f}", _met_cls(cls)))
    return rows


def _met(ms: float) -> str:
    return "met" if ms <= PAINT_TARGET_MS else f"missed by {ms - PAINT_TARGET_MS:.0f} ms"


def _met_cls(cls: float) -> str:
    return "met" if cls <= CLS_TARGET else f"missed by {cls - CLS_TARGET:.3f}"


def cpu_seconds(root: psutil.Process) -> float:
    """User and system CPU time of ``root`` and all its children (renderers included)."""
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


async def _hammer(url: str) -> float:
    """Seconds for REQUESTS GETs of ``url`` with CONCURRENCY in flight."""
    async with httpx.AsyncClient(timeout=30) as client:
        queue = iter(range(REQUESTS))

        async def worker() -> None:
            for _ in queue:
                response = await client.get(url)
                response.raise_for_status()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        return time.perf_counter() - start


def cost_rows(base_url: str, app_process: psutil.Process) -> list[tuple[str, str, str]]:
    rows = []
    targets = (("/ rendered per request", "/"), ("static ceiling: /styles.css", "/styles.css"))
    for label, path in targets:
        asyncio.run(_hammer(base_url + path))  # warm-up: the renderer starts, caches fill
        before = cpu_seconds(app_process)
        seconds = asyncio.run(_hammer(base_url + path))
        cpu_ms = (cpu_seconds(app_process) - before) * 1000 / REQUESTS
        rows.append((f"{label}: requests/s", f"{REQUESTS / seconds:.0f}", ""))
        rows.append((f"{label}: server CPU per request", f"{cpu_ms:.1f} ms", ""))
    return rows


def measure(app: OwnApp) -> None:
    assert app.process is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        rows = paint_rows(browser, app.url)
        browser.close()
    rows += cost_rows(app.url, psutil.Process(app.process.pid))
    print(f"First render of {app.url} ({stack_name()}, {psutil.cpu_count()} cores)")
    print(f"line: {LINE['latency']} ms RTT, 1.6 Mbit/s, CPU {CPU_SLOWDOWN}x slower, 412 px")
    print(f"{'measure':<58} {'value':>10}  target (paint <= 1000 ms, CLS <= 0.02)")
    for label, value, verdict in rows:
        print(f"{label:<58} {value:>10}  {verdict}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = OwnApp(Path(folder))
        app.start()
        try:
            measure(app)
        finally:
            app.stop()


if __name__ == "__main__":
    main()
