"""A Reflex plugin that lets the compiled frontend start from the server's state."""

from typing import Unpack

import reflex as rx
from reflex_base import constants
from reflex_base.plugins.base import PreCompileContext

# The compiled module that holds the frontend's initial state (the compiler writes it;
# a plugin's modify task may rewrite it before it reaches the disk). Imported by
# rxconfig.py, so this module imports nothing of the app (nor reflex_internals).
CONTEXT_MODULE = constants.Dirs.CONTEXTS_PATH + ".jsx"

# The id of the JSON script that carries the request's state (see document.py).
STATE_ELEMENT_ID = "partner-app-state"
# The global through which the renderer swaps each request's state in (render_worker.mjs).
RENDER_STATE_GLOBAL = "__partnerAppRenderState"

_ANCHOR = "\nexport const initialStateHashes = "
_MERGE_RENDERED_STATE = f"""
// partner_app/server_render: start from the state this page was rendered with.
if (typeof document === "undefined") {{
  // On the server the renderer fills initialState for each request from these defaults.
  globalThis.{RENDER_STATE_GLOBAL} = {{
    live: initialState,
    compiled: structuredClone(initialState),
  }};
}} else {{
  const rendered = document.getElementById("{STATE_ELEMENT_ID}");
  if (rendered) {{
    for (const [name, vars] of Object.entries(JSON.parse(rendered.textContent))) {{
      initialState[name] = {{ ...initialState[name], ...vars }};
    }}
  }}
}}"""


class ContextShapeError(RuntimeError):
    """Reflex changed the compiled context module this patch anchors on."""


def merge_rendered_state(context_source: str) -> str:
    """The context module with the rendered-state merge after ``initialState``.

    Raises ContextShapeError when the module no longer has the line it anchors on, so a
    Reflex upgrade fails the build instead of silently serving pages that then jump.
    """
    if context_source.count(_ANCHOR) != 1 or "export const initialState = " not in context_source:
        msg = (
            f"{CONTEXT_MODULE} no longer defines initialState followed by "
            "initialStateHashes: update partner_app/server_render/context_patch.py"
        )
        raise ContextShapeError(msg)
    return context_source.replace(_ANCHOR, _MERGE_RENDERED_STATE + _ANCHOR, 1)


class ServerRenderPlugin(rx.plugins.Plugin):
    """Patches the compiled context module (registered in rxconfig.py)."""

    def pre_compile(self, **context: Unpack[PreCompileContext]) -> None:
        """Register the rewrite of the context module."""
        context["add_modify_task"](CONTEXT_MODULE, merge_rendered_state)
