"""Load tests: many simulated visitors against an app of the test's own."""

import pytest

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
