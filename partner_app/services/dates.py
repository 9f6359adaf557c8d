"""Dates and times as a reader of each language writes them, honest about their precision.

The formats come from Babel (CLDR): "28.08.2024", "März 2024" and "2024" in German,
"28 August 2024", "March 2024" and "2024" in (British) English. An archive date known
only to the month or the year is never shown with an invented day.
"""

from datetime import date, datetime

from babel.dates import format_date as cldr_date
from babel.dates import format_datetime as cldr_datetime
from babel.dates import format_skeleton

from partner_app.languages import LOCALES, locale_of
from partner_app.models import DatePrecision
from partner_app.services.clock import CITY_TIMEZONE

# The admin's time stamps: "07.12.2026, 11:42 Uhr" (CLDR's own German medium format
# has seconds, which an editor never needs).
ADMIN_MOMENT_PATTERN = "dd.MM.yyyy, HH:mm 'Uhr'"


def format_date(value: date, precision: DatePrecision = DatePrecision.day, lang: str = "de") -> str:
    """``value`` as ``lang`` writes it, as precise as it is known."""
    locale = locale_of(lang)
    if precision == DatePrecision.year:
        return format_skeleton("y", value, locale=locale)
    if precision == DatePrecision.month:
        return format_skeleton("yMMMM", value, locale=locale)
    # German readers expect "28.08.2024"; English ones "28 August 2024".
    return cldr_date(value, "medium" if locale == LOCALES["de"] else "long", locale=locale)


def machine_readable_date(value: date, precision: DatePrecision = DatePrecision.day) -> str:
    """The ``datetime`` attribute of a ``<time>`` element, as precise as the date is known."""
    if precision == DatePrecision.year:
        return f"{value.year:04d}"
    if precision == DatePrecision.month:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def format_admin_moment(moment: datetime) -> str:
    """A time stamp for editors (German, Krefeld's time): "07.12.2026, 11:42 Uhr"."""
    return cldr_datetime(moment, ADMIN_MOMENT_PATTERN, tzinfo=CITY_TIMEZONE, locale=LOCALES["de"])
