"""The text pages (accessibility statement, Impressum, privacy policy) from Markdown.

The texts are content the city maintains: Markdown files in ``partner_app/content``,
one per language. The provider's address is configuration (it differs per operator),
so the files name it with a placeholder that is filled in here.
"""

import re
from importlib import resources

from partner_app.services.markdown_text import render_markdown

ADDRESS_PLACEHOLDER = "{{anschrift}}"
LANGUAGES = ("de", "en")
# Everything CommonMark could read as markup; HTML is off anyway, this keeps the text literal.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def address_markdown(lines: tuple[str, ...]) -> str:
    """The address as one Markdown paragraph with a line break after each line."""
    return "\\\n".join(_MARKDOWN_PUNCTUATION.sub(r"\\\1", line) for line in lines)


def page_markdown(name: str, lang: str, address: tuple[str, ...]) -> str:
    """The Markdown of page ``name`` (e.g. ``impressum``) in ``lang``, address filled in."""
    suffix = "" if lang == "de" else f".{lang}"
    source = resources.files("partner_app.content").joinpath(f"{name}{suffix}.md")
    return source.read_text("utf-8").replace(ADDRESS_PLACEHOLDER, address_markdown(address))


def page_html(name: str, address: tuple[str, ...]) -> dict[str, str]:
    """Safe HTML of page ``name`` per language."""
    return {lang: render_markdown(page_markdown(name, lang, address)) for lang in LANGUAGES}
