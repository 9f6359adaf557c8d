"""Load and fault tests: each runs an app of its own and may take it down.

They run after the browser suite (this folder sorts after it): starting another app
rebuilds the shared frontend build, which the suite's own app serves.
"""

import pytest

# Debian's Chromium for the fault tests' browser, as in the browser suite.
from tests.browser.conftest import browser_type_launch_args  # noqa: F401

REPORT = pytest.StashKey[list[str]]()


@pytest.fixture
def load_report(request: pytest.FixtureRequest) -> list[str]:
    """Lines the test reports; printed in the summary at the end of the run."""
    return request.config.stash.setdefault(REPORT, [])


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    if lines := config.stash.get(REPORT, []):
        terminalreporter.section("load test")
        for line in lines:
            terminalreporter.write_line(line)
