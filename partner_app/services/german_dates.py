"""Formatting dates the German way, honest about how precise they are."""

from datetime import date

from partner_app import texts
from partner_app.i18n import parse_language, text
from partner_app.models import DatePrecision

GERMAN_MONTHS = texts.MONTHS


def format_german_date(value: date, precision: DatePrecision = DatePrecision.day) -> str:
    """Format ``value`` as "28.08.2024", "März 2024" or "2024", by ``precision``."""
    if precision == DatePrecision.year:
        return str(value.year)
    if precision == DatePrecision.month:
        return f"{GERMAN_MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d.%m.%Y")


def machine_readable_date(value: date, precision: DatePrecision = DatePrecision.day) -> str:
    """The ``datetime`` attribute of a ``<time>`` element, as precise as the date is known."""
    if precision == DatePrecision.year:
        return f"{value.year:04d}"
    if precision == DatePrecision.month:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def format_date(value: date, precision: DatePrecision = DatePrecision.day, lang: str = "de") -> str:
    """``value`` as the language writes it: "28.08.2024" in German, "28 August 2024" in English."""
    if parse_language(lang) == "de":
        return format_german_date(value, precision)
    months = text("MONTHS", lang)
    if precision == DatePrecision.year:
        return str(value.year)
    if precision == DatePrecision.month:
        return f"{months[value.month - 1]} {value.year}"
    return f"{value.day} {months[value.month - 1]} {value.year}"
