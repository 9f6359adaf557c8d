"""Countries by their ISO 3166 code, named in each language by Babel (CLDR data).

A partnership stores its country's code (``NL``); the German page reads "Niederlande",
the English one "Netherlands", and the search finds both.
"""

import unicodedata
from functools import cache

from babel import Locale

from partner_app.languages import locale_of

# CLDR names these too, but they are no countries a partner city could lie in: unions,
# the "unknown" region, pseudo-locales and territories that are parts of others.
_NOT_COUNTRIES = {"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}


@cache
def _names(lang: str) -> dict[str, str]:
    territories = Locale.parse(locale_of(lang)).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


def country_name(code: str, lang: str = "de") -> str:
    """The country's name in ``lang`` ("NL": "Niederlande" / "Netherlands"); else the code."""
    return _names(lang).get(code.upper(), code)


def all_country_names(code: str) -> list[str]:
    """The country's name in every language of the site (what the search finds it by)."""
    return list(dict.fromkeys(country_name(code, lang) for lang in ("de", "en")))


def _sort_key(name: str) -> str:
    # "Österreich" between "Oman" and "Pakistan", as a German reader looks for it.
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, German name) of every country, in German alphabetical order (the admin's list)."""
    names = _names("de")
    return tuple(sorted(names.items(), key=lambda item: _sort_key(item[1])))


def is_country_code(code: str) -> bool:
    """Whether ``code`` names a country."""
    return code in _names("de")
