"""UI strings and links that follow the page language.

Both languages' strings are compiled into the page; ``LanguageState.is_english``
picks one, so switching needs no extra data from the server.
"""

import reflex as rx
from reflex.vars import StringVar

from partner_app import texts, texts_en
from partner_app.state.language import LanguageState


def tr(name: str) -> StringVar:
    """The UI string ``name`` in the page language."""
    return _pick(getattr(texts, name), getattr(texts_en, name))


def tr_item(name: str, index: int) -> StringVar:
    """An item of a tuple of UI strings (e.g. table column headings)."""
    return _pick(getattr(texts, name)[index], getattr(texts_en, name)[index])


def tr_label(name: str, key: object) -> StringVar:
    """A label from a dict of UI strings (e.g. the label of an enum value)."""
    return _pick(getattr(texts, name)[key], getattr(texts_en, name)[key])


def only_in_german_note(text_lang: rx.Var[str]) -> rx.Component:
    """The note "(only in German)" after a text the English page shows in German."""
    return rx.cond(
        LanguageState.is_english & (text_lang == "de"),
        rx.el.p(texts_en.ONLY_IN_GERMAN, class_name="hint only-in-german"),
    )


def page_title(name: str) -> StringVar:
    """A page's ``<title>``: the text ``name`` and the site title, in the page language."""
    return _pick(
        f"{getattr(texts, name)} – {texts.SITE_TITLE}",
        f"{getattr(texts_en, name)} – {texts_en.SITE_TITLE}",
    )


def _pick(german: str, english: str) -> StringVar:
    # cond's result is typed as a plain Var; it is a string (no change to the compiled page).
    return rx.cond(LanguageState.is_english, english, german).to(str)


def localized_href(href: str | StringVar) -> StringVar:
    """``href`` carrying the language parameter on the English page.

    Only for local paths: ``#fragments`` stay at the end.
    """
    if isinstance(href, str):
        path, hash_mark, fragment = href.partition("#")
        separator = "&" if "?" in path else "?"
        english = f"{path}{separator}lang=en{hash_mark}{fragment}"
        return _pick(href, english)
    english_var = rx.cond(href.contains("?"), href + "&lang=en", href + "?lang=en")
    return rx.cond(LanguageState.is_english, english_var, href).to(str)
