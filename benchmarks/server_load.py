"""Benchmark: the backend under many visitors, and Lighthouse on the production build.

1. Filter latency with 50 concurrent simulated visitors (one websocket each, the
   page's own events; each changes a filter every 0.5-1.5 s, a city and a search in
   turn, so ranking, typo correction and the facet counts are in it): p50/p95 from
   sending the change to receiving the new cards.
2. Backend memory per connected idle visitor: resident memory of the app's processes
   with 0 and with 200 open pages.
3. Lighthouse (npm ``lighthouse`` in Debian's Chromium) for ``/`` and a detail page,
   with its default mobile emulation and with its desktop preset.

Run with ``make bench`` (both stacks) or ``python -m benchmarks.server_load``. The stack
is the environment's: SQLite and one worker by default; PostgreSQL, Redis and
``GRANIAN_WORKERS`` when ``make bench`` starts the production stack. Prints a table;
it asserts nothing.
"""

import asyncio
import gc
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import redis
from sqlmodel import Session, col, select

from partner_app import reflex_internals
from partner_app.models import NewsItem
from tests.support.chromium import chromium_path
from tests.support.own_app import OwnApp
from tests.support.simulated_visitor import SimulatedVisitor, percentile, run_crowd

CROWD = 50
CROWD_SECONDS = 30
CROWD_PAUSE_S = (0.5, 1.5)
LATENCY_TARGET_MS = 25.0
IDLE_VISITORS = 200
# The app's grace for a closed tab's reconnect, shortened so the run need not wait 2 minutes.
CLOSED_TAB_S = 5
MEMORY_TARGET_MB = 1.0
LIGHTHOUSE_TARGETS = {
    "performance": 0.95,
    "accessibility": 1.00,
    "best-practices": 0.95,
    "seo": 0.95,
}
CITIES = ["venlo", "leicester", "duenkirchen", "kropyvnytskyi"]
# What the visitors search for in turn: a country, a word form, a typo, two words.
SEARCHES = ["ukraine", "partnerschaften", "dünkirchn", "spende kropyvnytskyi"]
PROJECT_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE = PROJECT_DIR / ".tools" / "node_modules" / ".bin" / "lighthouse"


def stack_name() -> str:
    """Which stack the app runs on, as the table's heading says."""
    if os.environ.get("REFLEX_REDIS_URL"):
        workers = os.environ.get("GRANIAN_WORKERS", "1")
        return f"PostgreSQL + Redis, {workers} workers"
    return "SQLite, 1 worker"


def verdict(value: float, target: float, *, higher_is_better: bool, unit: str = "") -> str:
    """ "met", or by how much the target is missed."""
    missed = target - value if higher_is_better else value - target
    return "met" if missed <= 0 else f"missed by {missed:.2f}{unit}"


def resident_mb(process: psutil.Process) -> float:
    """Resident memory of a process and all its children, in MB."""
    processes = [process, *process.children(recursive=True)]
    return sum(p.memory_info().rss for p in processes if p.is_running()) / 1024 / 1024


@dataclass
class IdleMemory:
    """Memory with no page, with the idle pages open, and once they closed."""

    before_mb: float
    open_mb: float
    stored_open: int
    stored_after_close: int
    after_close_mb: float
    after_close_s: float


def stored_states(tokens: list[str], states_dir: Path) -> int:
    """How many of these clients' root states are stored (Redis keys, else files)."""
    redis_url = os.environ.get("REFLEX_REDIS_URL")
    if redis_url:
        client = redis.Redis.from_url(redis_url)
        return sum(bool(client.exists(reflex_internals.root_state_key(t))) for t in tokens)
    return sum((states_dir / reflex_internals.root_state_file(t)).exists() for t in tokens)


async def idle_memory(url: str, process: psutil.Process, states_dir: Path) -> IdleMemory:
    """Memory and stored states with ``IDLE_VISITORS`` idle pages open, and after they closed."""
    gc.collect()
    before = resident_mb(process)
    visitors = [SimulatedVisitor(url, timeout_s=60) for _ in range(IDLE_VISITORS)]
    # Opened in groups, like visitors arriving over a few seconds.
    for start in range(0, IDLE_VISITORS, 25):
        await asyncio.gather(*(v.open() for v in visitors[start : start + 25]))
    opened = resident_mb(process)
    tokens = [visitor.token for visitor in visitors]
    # The disk manager writes states after a short debounce.
    await asyncio.sleep(3)  # that debounce, not a wait for an answer
    stored_open = stored_states(tokens, states_dir)
    await asyncio.gather(*(v.close() for v in visitors))
    closed_at = time.perf_counter()
    # The grace period for a reconnect, then the app drops the states.
    await asyncio.sleep(CLOSED_TAB_S + 2)
    return IdleMemory(
        before_mb=before,
        open_mb=opened,
        stored_open=stored_open,
        stored_after_close=stored_states(tokens, states_dir),
        after_close_mb=resident_mb(process),
        after_close_s=time.perf_counter() - closed_at,
    )


def lighthouse(url: str, preset: str | None) -> dict[str, float]:
    """Lighthouse's category scores for ``url`` (empty when it cannot run)."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            f"--only-categories={','.join(LIGHTHOUSE_TARGETS)}",
        ]
        if preset:
            command.append(f"--preset={preset}")
        env = {**os.environ, "CHROME_PATH": chromium_path() or ""}
        run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if run.returncode != 0 or not report.exists():
            # Shown in the table instead of the scores, so the other figures still print.
            last_lines = " | ".join(run.stderr.strip().splitlines()[-3:])
            print(f"Lighthouse failed on {url} (exit {run.returncode}): {last_lines}")
            return {}
        categories = json.loads(report.read_text())["categories"]
    return {name: categories[name]["score"] for name in LIGHTHOUSE_TARGETS}


def main() -> None:
    """Start the app on a fresh database of the environment's stack and print the table."""
    with tempfile.TemporaryDirectory() as folder:
        states_dir = Path(folder) / "states"
        app = OwnApp(
            Path(folder) / "app",
            {
                "PARTNER_APP_CLOSED_TAB_SECONDS": str(CLOSED_TAB_S),
                "REFLEX_STATES_WORKDIR": str(states_dir),
            },
        )
        engine = app.engine()
        with Session(engine) as session:
            slug = session.exec(select(NewsItem.slug).order_by(col(NewsItem.id))).first()
        engine.dispose()
        app.start()
        try:
            measure(app, f"/nachrichten/{slug}", states_dir)
        finally:
            app.stop()


def measure(app: OwnApp, detail_path: str, states_dir: Path) -> None:
    """Run every measurement against the running ``app`` and print the table."""
    assert app.process is not None
    process = psutil.Process(app.process.pid)
    idle = asyncio.run(idle_memory(app.url, process, states_dir))
    before, after = idle.before_mb, idle.open_mb
    per_visitor = (after - before) / IDLE_VISITORS
    crowd = asyncio.run(
        run_crowd(
            app.url,
            CITIES,
            visitors=CROWD,
            duration_s=CROWD_SECONDS,
            pause_s=CROWD_PAUSE_S,
            searches=SEARCHES,
        )
    )
    latencies = [seconds * 1000 for seconds in crowd.latencies_s]
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)

    print(f"Backend benchmarks, {stack_name()}, {os.cpu_count()} cores")
    print(f"{'measure':<52} {'value':>12}  target")
    print(
        f"{f'filter latency, {CROWD} visitors, p50':<52} {p50:>9.1f} ms"
        f"  ({crowd.changes_per_s:.0f} changes/s, {crowd.lost} lost, {len(crowd.errors)} errors)"
    )
    print(
        f"{f'filter latency, {CROWD} visitors, p95':<52} {p95:>9.1f} ms"
        f"  <= {LATENCY_TARGET_MS:.0f} ms: "
        f"{verdict(p95, LATENCY_TARGET_MS, higher_is_better=False, unit=' ms')}"
    )
    print(f"{'backend memory, no page open':<52} {before:>9.1f} MB")
    print(f"{f'backend memory, {IDLE_VISITORS} idle pages open':<52} {after:>9.1f} MB")
    print(
        f"{'backend memory per idle page':<52} {per_visitor:>9.2f} MB"
        f"  <= {MEMORY_TARGET_MB:.0f} MB: "
        f"{verdict(per_visitor, MEMORY_TARGET_MB, higher_is_better=False, unit=' MB')}"
    )
    print(
        f"{f'stored states of the {IDLE_VISITORS} open pages':<52} {idle.stored_open:>12}"
        "  (reference: Reflex keeps them an hour after the close)"
    )
    print(
        f"{f'... {idle.after_close_s:.0f} s after they closed (grace {CLOSED_TAB_S} s)':<52}"
        f" {idle.stored_after_close:>12}  target 0: "
        f"{verdict(idle.stored_after_close, 0, higher_is_better=False)}"
    )
    print(f"{'backend memory after they closed':<52} {idle.after_close_mb:>9.1f} MB")
    if not LIGHTHOUSE.exists() or not shutil.which(chromium_path() or "chromium"):
        print("Lighthouse: not installed (make bench installs it into .tools/)")
        return
    for page, path in (("/", "/"), ("detail", detail_path)):
        for preset in (None, "desktop"):
            scores = lighthouse(app.url + path, preset)
            for category, score in scores.items():
                target = LIGHTHOUSE_TARGETS[category]
                label = f"Lighthouse {page}, {preset or 'mobile'}, {category}"
                print(
                    f"{label:<52} {score:>12.2f}  >= {target:.2f}: "
                    f"{verdict(score, target, higher_is_better=True)}"
                )


if __name__ == "__main__":
    main()
