"""Which languages the public site has, and the CLDR locale (Babel) of each.

Imports nothing of the app: the models' import chain reaches the country names, which
need the locales (``partner_app.i18n`` builds the page texts on top of this).
"""

DEFAULT_LANGUAGE = "de"
LANGUAGES = ("de", "en")
# English as written in Britain (day before month).
LOCALES = {"de": "de_DE", "en": "en_GB"}


def parse_language(value: str | None) -> str:
    """A supported language code; anything else means the default."""
    cleaned = (value or "").strip().lower()
    return cleaned if cleaned in LANGUAGES else DEFAULT_LANGUAGE


def locale_of(lang: str) -> str:
    """The CLDR locale of page language ``lang`` (for Babel)."""
    return LOCALES[parse_language(lang)]
