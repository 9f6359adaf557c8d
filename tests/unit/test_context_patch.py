"""The build plugin's rewrite of Reflex's compiled context module."""

import pytest
from reflex_base.compiler.templates import context_template

from partner_app.server_render.context_patch import (
    RENDER_STATE_GLOBAL,
    STATE_ELEMENT_ID,
    ContextShapeError,
    merge_rendered_state,
)


def _compiled_context() -> str:
    # The installed Reflex's own template, as its compiler fills it.
    return context_template(
        is_dev_mode=False,
        default_color_mode='"system"',
        initial_state={"state": {"x_rx_state_": 1}},
        state_name="state",
    )


def test_the_merge_follows_the_compiled_initial_state() -> None:
    source = _compiled_context()
    patched = merge_rendered_state(source)
    definition = patched.index("export const initialState = ")
    merge = patched.index(f'document.getElementById("{STATE_ELEMENT_ID}")')
    hashes = patched.index("export const initialStateHashes = ")
    assert definition < merge < hashes
    assert f"globalThis.{RENDER_STATE_GLOBAL} = " in patched
    # Nothing else changes: the hashes the browser sends stay the compiled ones.
    assert patched.replace(patched[definition:hashes], "") == source.replace(
        source[definition : source.index("export const initialStateHashes = ")], ""
    )


def test_a_changed_template_fails_the_build_loudly() -> None:
    source = _compiled_context().replace("export const initialStateHashes", "const hashes")
    with pytest.raises(ContextShapeError, match=r"context_patch\.py"):
        merge_rendered_state(source)
