"""No client token in the server's log.

Reflex writes a tab's client token into log lines: the whole ``Event`` (its router data
holds ``'token': '…'``) when a handler fails, ``{token!r}`` when a delta finds no
connection. Whoever reads the log could act as that tab. A filter on Reflex's loggers
blanks every token before a line is written; the rest of the line stays for diagnosis.
"""

import logging
import re

# The loggers of the Reflex modules that put tokens into their messages.
REFLEX_LOGGERS = (
    "reflex.app",
    "reflex.state",
    "reflex_base.event.processor.event_processor",
    "reflex.utils.token_manager",
)
# A router data entry, and any UUID (the frontend's client tokens are UUIDs).
_TOKEN_ENTRY = re.compile(r"""(['"]token['"]\s*:\s*)(['"])[^'"]*\2""")
_UUID = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
)
HIDDEN = "<token>"


def without_tokens(text: str) -> str:
    """``text`` with every client token replaced by ``<token>``."""
    return _UUID.sub(HIDDEN, _TOKEN_ENTRY.sub(rf"\g<1>\g<2>{HIDDEN}\g<2>", text))


class HideTokens(logging.Filter):
    """Rewrites a record's message (its arguments merged in) without tokens."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record, its message cleaned."""
        message = record.getMessage()
        cleaned = without_tokens(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install() -> None:
    """Put the filter on Reflex's loggers (once each)."""
    for name in REFLEX_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(existing, HideTokens) for existing in target.filters):
            target.addFilter(HideTokens())
