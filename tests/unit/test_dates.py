"""Dates as each language writes them (Babel), never more precise than known."""

from datetime import UTC, date, datetime

import pytest

from partner_app.i18n import format_integer
from partner_app.models import DatePrecision
from partner_app.services.dates import format_admin_moment, format_date, machine_readable_date

DAY = date(2024, 3, 5)


@pytest.mark.parametrize(
    ("precision", "german", "english", "machine"),
    [
        (DatePrecision.day, "05.03.2024", "5 March 2024", "2024-03-05"),
        (DatePrecision.month, "März 2024", "March 2024", "2024-03"),
        (DatePrecision.year, "2024", "2024", "2024"),
    ],
)
def test_a_date_reads_as_precisely_as_it_is_known(
    precision: DatePrecision, german: str, english: str, machine: str
) -> None:
    assert format_date(DAY, precision, "de") == german
    assert format_date(DAY, precision, "en") == english
    assert machine_readable_date(DAY, precision) == machine


def test_an_unknown_language_is_german() -> None:
    assert format_date(DAY, DatePrecision.month, "fr") == "März 2024"


def test_the_admins_time_stamps_are_krefelds_time() -> None:
    # 10:42 UTC is 11:42 in Krefeld in winter, 12:42 in summer.
    assert format_admin_moment(datetime(2026, 12, 7, 10, 42, tzinfo=UTC)) == "07.12.2026, 11:42 Uhr"
    assert format_admin_moment(datetime(2026, 7, 7, 10, 42, tzinfo=UTC)) == "07.07.2026, 12:42 Uhr"


def test_numbers_are_grouped_as_the_language_does() -> None:
    assert format_integer(12345, "de") == "12.345"
    assert format_integer(12345, "en") == "12,345"
