"""200 visitors filtering the archive for a minute against the production stack.

Each simulated visitor holds its own websocket, opens the page like a browser and
changes the city filter after reading for 3-7 s, as a person would (see
``tests.support.simulated_visitor``); together about 40 changes per second.
Nothing may fail and no change may go unanswered; throughput and p99 are reported.
"""

import os
from pathlib import Path

import pytest

from tests.support.own_app import OwnApp
from tests.support.own_loop import run_in_own_loop
from tests.support.simulated_visitor import percentile, run_crowd

VISITORS = 200
DURATION_S = 60
PAUSE_S = (3.0, 7.0)
CITIES = ["venlo", "leicester", "duenkirchen", "kropyvnytskyi"]


@pytest.mark.skipif(
    not os.environ.get("REFLEX_REDIS_URL"),
    reason="runs against the production stack (make test-production)",
)
def test_200_visitors_filter_for_a_minute_without_errors(
    tmp_path: Path, load_report: list[str]
) -> None:
    app = OwnApp(tmp_path)
    app.start()
    try:
        result = run_in_own_loop(
            run_crowd(app.url, CITIES, visitors=VISITORS, duration_s=DURATION_S, pause_s=PAUSE_S)
        )
    finally:
        app.stop()

    latencies_ms = [seconds * 1000 for seconds in result.latencies_s]
    load_report.append(
        f"{VISITORS} visitors, {result.duration_s:.0f} s, "
        f"{os.environ.get('GRANIAN_WORKERS', '1')} workers, {os.cpu_count()} cores: "
        f"{result.changes_sent} filter changes, {result.changes_per_s:.1f}/s answered, "
        f"p50 {percentile(latencies_ms, 0.5):.0f} ms, p99 {percentile(latencies_ms, 0.99):.0f} ms"
    )
    assert result.errors == []
    assert result.lost == 0
    assert result.unexpected_events == []
    assert result.still_connected == VISITORS
    # Every visitor kept filtering for the whole minute (a change at least every 8 s).
    assert result.changes_sent >= VISITORS * DURATION_S / (PAUSE_S[1] + 1) * 0.9
    log = app.log_text()
    assert "Traceback" not in log
    assert "ERROR" not in log
