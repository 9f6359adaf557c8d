"""Debian's Chromium for the browser tests and benchmarks (Playwright cannot download one here)."""

import os
import shutil

# Off the network and quiet: no background requests, no QUIC, no sync.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """``CHROMIUM_PATH``, or a Chromium on ``PATH``; None when there is none."""
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
