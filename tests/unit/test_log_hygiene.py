"""Client tokens never reach the log."""

import logging

import pytest

from partner_app import log_hygiene

TOKEN = "27b53b67-4c2b-45d3-aa1b-2255c063c68a"


def test_tokens_in_router_data_and_elsewhere_are_hidden() -> None:
    line = f"Error for Event(name='x', router_data={{'token': '{TOKEN}', 'ip': '127.0.0.1'}})"
    assert log_hygiene.without_tokens(line) == (
        "Error for Event(name='x', router_data={'token': '<token>', 'ip': '127.0.0.1'})"
    )
    assert log_hygiene.without_tokens(f"send delta to {TOKEN!r}") == "send delta to '<token>'"
    assert log_hygiene.without_tokens('{"token": "not-a-uuid"}') == '{"token": "<token>"}'


def test_reflexs_loggers_write_no_token(caplog: pytest.LogCaptureFixture) -> None:
    log_hygiene.install()
    log_hygiene.install()  # once is enough; twice adds nothing
    logger = logging.getLogger("reflex_base.event.processor.event_processor")
    assert sum(isinstance(f, log_hygiene.HideTokens) for f in logger.filters) == 1
    with caplog.at_level(logging.WARNING):
        logger.warning("Attempting to send delta to disconnected client %r", TOKEN)
    assert TOKEN not in caplog.text
    assert "disconnected client '<token>'" in caplog.text
