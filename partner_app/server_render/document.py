"""Putting a request's state and language into a rendered page's HTML."""

import re

from partner_app.server_render.context_patch import STATE_ELEMENT_ID
from partner_app.services.page_meta import script_safe

_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def with_state(html: str, state_json: str) -> str:
    """``html`` with the state as a JSON script just before ``</head>``.

    Not at the top of the head: React hydrates the whole document and matches the
    head's first elements against its own (the theme script); there it failed.
    """
    script = (
        f'<script id="{STATE_ELEMENT_ID}" type="application/json">'
        f"{script_safe(state_json)}</script>"
    )
    head_end = html.find("</head>")
    if head_end < 0:
        msg = "The rendered page has no </head>"
        raise ValueError(msg)
    return html[:head_end] + script + html[head_end:]


def with_language(html: str, lang: str) -> str:
    """``html`` with ``<html lang>`` set (the app's root element has it compiled in)."""
    return _HTML_LANG.sub(f'<html lang="{lang}"', html, count=1)
