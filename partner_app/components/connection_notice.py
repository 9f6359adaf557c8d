"""A visible, announced notice while the page has no connection to the server.

Replaces Reflex's default overlay (an English toast and a pulsing icon). The notice
is an alert, which screen readers announce when it appears; it shows while the
websocket reports connection errors or the browser says it is offline. What the
reader picks meanwhile stays on screen (the filter controls are uncontrolled) and is
sent when the connection is back.
"""

import reflex as rx
from reflex.utils.imports import ImportVar
from reflex.vars import VarData

from partner_app.components.translated import tr
from partner_app.reflex_internals import has_connection_errors

_BROWSER_OFFLINE_HOOK = """
const [browserOffline, setBrowserOffline] = useState(false);
useEffect(() => {
  const update = () => setBrowserOffline(!navigator.onLine);
  update();
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  return () => {
    window.removeEventListener("online", update);
    window.removeEventListener("offline", update);
  };
}, []);"""

# The browser's own offline flag: seen at once, where the socket notices only when a
# reconnect fails.
_browser_offline = rx.Var(
    _js_expr="browserOffline",
    _var_data=VarData(
        imports={"react": [ImportVar(tag="useState"), ImportVar(tag="useEffect")]},
        hooks={_BROWSER_OFFLINE_HOOK: None},
    ),
).to(bool)

connection_down = has_connection_errors | _browser_offline


def _notice() -> rx.Component:
    # An alert inserted with its text is announced at once (a lost connection is urgent);
    # the empty wrapper is no landmark or live region, so it never competes with the
    # page's own status messages.
    return rx.el.div(
        rx.cond(
            connection_down,
            rx.el.div(
                rx.el.p(
                    rx.el.strong(tr("CONNECTION_LOST_TITLE")),
                    " ",
                    tr("CONNECTION_LOST_TEXT"),
                ),
                role="alert",
                class_name="connection-notice",
            ),
        ),
        id="connection-notice",
    )


# Filled by the script the backend sends when a connection exceeds its event budget
# (partner_app/event_limits.py); a status region present from the start, so it is announced.
BUSY_NOTICE_ID = "busy-notice"


def _busy_notice() -> rx.Component:
    return rx.el.div(
        id=BUSY_NOTICE_ID,
        role="status",
        class_name="connection-notice busy-notice",
        custom_attrs={"data-message": tr("TOO_MANY_EVENTS")},
    )


def connection_notice_overlay(stateful: bool) -> rx.Component | None:
    """The app wrap that shows the notices on every page (only a stateful app connects)."""
    if not stateful:
        return None
    return rx.fragment(rx.memo(_notice)(), rx.memo(_busy_notice)())
