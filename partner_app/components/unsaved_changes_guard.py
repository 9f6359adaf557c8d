"""Asks before an editor leaves a form with changes not yet saved.

Leaving by an in-app link or the browser's back and forward buttons goes through React
Router, which ``useBlocker`` holds until the editor answers the question; a reload,
closing the tab or another site goes through the browser's own ``beforeunload`` question.
A form counts as changed once a field of it was edited; it is fresh again when the
server shows it anew (the form's ``key`` re-creates it after a save or a version change),
so a saved form leaves without a question. Moving within the form's own address (a new
record getting its ``?id=``) is never held. A form showing a restored copy
(``data-restored="true"``) counts as changed until it is saved.

While the editor types, the form's values go to the server a moment after the last
keystroke (``keep_copy``, the form state's ``keep_draft_copy``), so a crash, a closed tab
or an expired session loses nothing: the form offers the copy when it opens again.
"""

import json
from typing import Any

import reflex as rx
from reflex.utils.imports import ImportVar
from reflex.vars import VarData

from partner_app import texts_admin

# The attribute that marks a form this guard watches.
GUARDED_ATTRIBUTE = "data-unsaved-guard"
# After the last keystroke: long enough to send few copies, short enough to lose little.
COPY_DELAY_MS = 1500


def guard_marker(keep_copy: rx.Var[Any]) -> rx.Var[str]:
    """The value of a guarded form's :data:`GUARDED_ATTRIBUTE`, carrying the guard's hooks.

    ``keep_copy`` is the form state's ``keep_draft_copy`` as a function of the values.
    The hooks run in the component that renders the form (as Reflex places a var's hooks),
    once, whatever the form's ``key`` does.
    """
    question = json.dumps(texts_admin.UNSAVED_CHANGES_QUESTION)
    # str(), not the f-string: a Var formatted into an f-string becomes a placeholder.
    keep_copy_js = str(keep_copy)
    hook = f"""
const changedForm = useRef(null);
const copyTimer = useRef(null);
// Still on the page: a form the server re-created is a new element, unchanged.
const hasChanges = () => (changedForm.current !== null && changedForm.current.isConnected)
  || document.querySelector('form[{GUARDED_ATTRIBUTE}][data-restored="true"]') !== null;
const keepCopy = {keep_copy_js};
useEffect(() => {{
  const sendCopy = (form) => {{
    // Text values only: a file chosen for upload is sent by the upload itself.
    const values = Object.fromEntries(
      [...new FormData(form)].filter(([, value]) => typeof value === "string"));
    keepCopy(values);
  }};
  const onInput = (event) => {{
    const form = event.target.closest && event.target.closest("form[{GUARDED_ATTRIBUTE}]");
    if (!form || event.target.type === "file") return;
    changedForm.current = form;
    clearTimeout(copyTimer.current);
    copyTimer.current = setTimeout(() => sendCopy(form), {COPY_DELAY_MS});
  }};
  // A save sends the values itself; a copy sent after it would outlive the save.
  const onSubmit = () => clearTimeout(copyTimer.current);
  const onBeforeUnload = (event) => {{
    if (!hasChanges()) return;
    event.preventDefault();
    event.returnValue = "";
  }};
  document.addEventListener("input", onInput, true);
  document.addEventListener("submit", onSubmit, true);
  window.addEventListener("beforeunload", onBeforeUnload);
  return () => {{
    clearTimeout(copyTimer.current);
    document.removeEventListener("input", onInput, true);
    document.removeEventListener("submit", onSubmit, true);
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
    guard = VarData(
        imports={
            "react-router": [ImportVar(tag="useBlocker")],
            "react": [ImportVar(tag="useEffect"), ImportVar(tag="useRef")],
        },
        hooks={hook: None},
    )
    return rx.Var(
        _js_expr='"on"', _var_data=VarData.merge(guard, keep_copy._get_all_var_data())
    ).to(str)
