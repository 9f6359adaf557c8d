"""Asks before an editor leaves a form with changes not yet saved.

Leaving by an in-app link or the browser's back and forward buttons goes through React
Router, which ``useBlocker`` holds until the editor answers the question; a reload,
closing the tab or another site goes through the browser's own ``beforeunload`` question.
A form counts as changed once a field of it was edited; it is fresh again when the
server shows it anew (the form's ``key`` re-creates it after a save or a version change),
so a saved form leaves without a question. Moving within the form's own address (a new
record getting its ``?id=``) is never held.
"""

import json

import reflex as rx
from reflex.utils.imports import ImportDict, ImportVar

from partner_app import texts_admin

# The attribute that marks a form this guard watches.
GUARDED_ATTRIBUTE = "data-unsaved-guard"


class UnsavedChangesGuard(rx.Fragment):
    """Watches every guarded form of the page while mounted."""

    def add_imports(self) -> ImportDict:
        """React Router's blocker and React's hooks."""
        return {
            "react-router": [ImportVar(tag="useBlocker")],
            "react": [ImportVar(tag="useEffect"), ImportVar(tag="useRef")],
        }

    def add_hooks(self) -> list[str | rx.Var]:
        """Track the changed form; hold navigation and unload while it has changes."""
        question = json.dumps(texts_admin.UNSAVED_CHANGES_QUESTION)
        return [
            f"""
const changedForm = useRef(null);
// Still on the page: a form the server re-created is a new element, unchanged.
const hasChanges = () => changedForm.current !== null && changedForm.current.isConnected;
useEffect(() => {{
  const onInput = (event) => {{
    const form = event.target.closest && event.target.closest("form[{GUARDED_ATTRIBUTE}]");
    if (form) changedForm.current = form;
  }};
  const onBeforeUnload = (event) => {{
    if (!hasChanges()) return;
    event.preventDefault();
    event.returnValue = "";
  }};
  document.addEventListener("input", onInput, true);
  window.addEventListener("beforeunload", onBeforeUnload);
  return () => {{
    document.removeEventListener("input", onInput, true);
    window.removeEventListener("beforeunload", onBeforeUnload);
  }};
}}, []);
const unsavedBlocker = useBlocker(({{ currentLocation, nextLocation }}) =>
  hasChanges() && currentLocation.pathname !== nextLocation.pathname);
useEffect(() => {{
  if (unsavedBlocker.state !== "blocked") return;
  if (window.confirm({question})) {{
    changedForm.current = null;
    unsavedBlocker.proceed();
  }} else {{
    unsavedBlocker.reset();
  }}
}}, [unsavedBlocker]);"""
        ]


def unsaved_changes_guard() -> rx.Component:
    """Place once on a page with a form marked by :data:`GUARDED_ATTRIBUTE`."""
    return UnsavedChangesGuard.create()
