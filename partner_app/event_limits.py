"""What the backend takes from a websocket connection: known events, within a budget.

A page only ever sends events of the app's own handlers, a few per action. Anything
else is a script's: unknown names are refused with one short log line (cut, control
characters removed, no client token), and a connection sending more than its budget
(``services/event_budget.py``) is refused for a moment and told so on the page.
"""

import json
import logging
import time
from typing import Any

from partner_app import reflex_internals
from partner_app.components.connection_notice import BUSY_NOTICE_ID
from partner_app.services.event_budget import ConnectionBudgets, Verdict

logger = logging.getLogger(__name__)
_budgets = ConnectionBudgets()
# Shows the notice's text (in the page's language) for the budget's notice interval.
SHOW_NOTICE = f"""(() => {{
  const box = document.getElementById({json.dumps(BUSY_NOTICE_ID)});
  if (!box) return;
  box.textContent = box.dataset.message;
  clearTimeout(window.partnerAppBusyTimer);
  window.partnerAppBusyTimer = setTimeout(() => {{ box.textContent = ""; }},
    {int(_budgets.rules.notice_interval_s * 1000)});
}})()"""


async def accept_event(namespace: Any, sid: str, data: Any) -> bool:
    """Whether connection ``sid``'s event ``data`` goes on to Reflex."""
    verdict = _budgets.judge(sid, time.monotonic())
    if verdict is not Verdict.ACCEPT:
        if verdict is Verdict.REFUSE_AND_TELL:
            logger.warning(
                "Connection %s exceeded its event budget; its events are refused for now",
                sid,
            )
            await reflex_internals.send_script(namespace, sid, SHOW_NOTICE)
        return False
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not reflex_internals.is_registered_event(name):
        logger.warning(
            "Connection %s sent an unknown event, refused: %s",
            sid,
            reflex_internals.log_safe(name if isinstance(name, str) else type(data).__name__, 80),
        )
        return False
    return True


def connection_closed(sid: str, _token: str | None) -> None:
    """Forget a closed connection's budget."""
    _budgets.forget(sid)


def log_frontend_exception(exception: Exception) -> None:
    """Log an error a page reported, as one cut line: its text comes from the browser."""
    logger.error("Error in a page: %s", reflex_internals.log_safe(exception, 300))


def install() -> None:
    """Screen every websocket event of this process (once)."""
    reflex_internals.screen_incoming_events(accept_event)
    reflex_internals.on_connection_closed(connection_closed)
