"""URL changes that keep the reader's place: no scroll to the top, focus untouched.

``rx.redirect`` calls React Router's ``navigate`` without ``preventScrollReset``, so
its ``ScrollRestoration`` scrolls to the top on every new URL: a filter change threw
the reader 2000 px away from the results. This invisible component hands the page a
``navigate`` that opts out of that reset; ``navigate_in_place`` (an event spec a
handler returns) calls it. Back and forward still go through the router as before.
"""

import json
import re

import reflex as rx
from reflex.utils.imports import ImportDict, ImportVar

# The page-wide function the component installs (one per document).
_GLOBAL_NAME = "partnerAppNavigateInPlace"
# Reflex's client-side event that carries the script.
SCRIPT_EVENT = "_call_script"
_NAVIGATION_CALL = re.compile(rf"window\.{_GLOBAL_NAME}\((\"(?:[^\"\\]|\\.)*\"), (true|false)\)")


class InPlaceNavigator(rx.Fragment):
    """Installs ``window.partnerAppNavigateInPlace(url, replace)`` while mounted."""

    def add_imports(self) -> ImportDict:
        """React Router's navigate hook and React's effect hook."""
        return {
            "react-router": [ImportVar(tag="useNavigate")],
            "react": [ImportVar(tag="useEffect")],
        }

    def add_hooks(self) -> list[str | rx.Var]:
        """Bind the router's navigate to a window function for the page's lifetime."""
        return [
            f"""
const navigateInPlace = useNavigate();
useEffect(() => {{
  window.{_GLOBAL_NAME} = (to, replace) =>
    navigateInPlace(to, {{ replace, preventScrollReset: true }});
  return () => {{ delete window.{_GLOBAL_NAME}; }};
}}, [navigateInPlace]);"""
        ]


def in_place_navigator() -> rx.Component:
    """Place once on a page whose handlers return ``navigate_in_place``."""
    return InPlaceNavigator.create()


def navigate_in_place(url: str, *, replace: bool = False) -> rx.event.EventSpec:
    """Move the page to ``url`` (same route) without scrolling or moving focus."""
    arguments = f"{json.dumps(url)}, {json.dumps(replace)}"
    # Until the component has mounted (it always has once events run), a plain redirect.
    return rx.call_script(
        f"window.{_GLOBAL_NAME} ? window.{_GLOBAL_NAME}({arguments})"
        f" : window.location.assign({json.dumps(url)})"
    )


def navigation_target(script: str) -> str | None:
    """The URL a ``navigate_in_place`` script moves to (None for any other script).

    For clients that speak the websocket protocol without a browser (load tests).
    """
    match = _NAVIGATION_CALL.search(script)
    return json.loads(match.group(1)) if match else None
