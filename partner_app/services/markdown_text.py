"""Rendering news bodies written in Markdown, with raw HTML switched off.

markdown-it escapes any HTML in the text and refuses ``javascript:``,
``vbscript:``, ``file:`` and most ``data:`` links, so a body can never run code.
"""

from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text: str) -> str:
    """Safe HTML for ``text``."""
    return _renderer.render(text)
