"""The languages of the public site: which exist, how the URL names one, its texts.

German is the default and needs no URL parameter; ``?lang=en`` selects English.
Plain Python (no Reflex): services and states both use it.
"""

from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from babel.numbers import format_decimal

from partner_app import texts, texts_en

# Re-exported: the language basics live apart, where the models' import chain may use them.
from partner_app.languages import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from partner_app.languages import LANGUAGES as LANGUAGES
from partner_app.languages import LOCALES as LOCALES
from partner_app.languages import locale_of as locale_of
from partner_app.languages import parse_language as parse_language

LANGUAGE_PARAM = "lang"
_TEXTS: dict[str, ModuleType] = {"de": texts, "en": texts_en}


def text(name: str, lang: str) -> Any:
    """The text ``name`` in ``lang``."""
    return getattr(_TEXTS[parse_language(lang)], name)


def with_language(url: str, lang: str) -> str:
    """``url`` with the language parameter set (left out for the default language)."""
    parts = urlsplit(url)
    params = [(key, value) for key, value in parse_qsl(parts.query) if key != LANGUAGE_PARAM]
    if parse_language(lang) != DEFAULT_LANGUAGE:
        params.append((LANGUAGE_PARAM, lang))
    return urlunsplit(parts._replace(query=urlencode(params)))


def written_in(german: str, english: str, lang: str) -> tuple[str, str]:
    """The text an editor wrote for ``lang``, and its language.

    The English page shows the English version; where there is none (or on the German
    page) the German text, with "de", so the page can mark it (``lang="de"``).
    """
    if parse_language(lang) == "en" and english.strip():
        return english, "en"
    return german, "de"


def format_integer(number: int, lang: str) -> str:
    """An integer as the language writes it (12.345 / 12,345), by Babel."""
    return format_decimal(number, locale=locale_of(lang))
