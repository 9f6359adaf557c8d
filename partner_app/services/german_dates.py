"""Formatting dates the German way, honest about how precise they are."""

from datetime import date

from partner_app.models import DatePrecision

GERMAN_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


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
