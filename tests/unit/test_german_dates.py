from datetime import date

from partner_app.models import DatePrecision
from partner_app.services.german_dates import format_german_date, machine_readable_date


def test_day_precision_is_german_numeric_date() -> None:
    assert format_german_date(date(2024, 8, 28)) == "28.08.2024"
    assert machine_readable_date(date(2024, 8, 28)) == "2024-08-28"


def test_month_precision_shows_german_month_name() -> None:
    assert format_german_date(date(2024, 3, 25), DatePrecision.month) == "März 2024"
    assert machine_readable_date(date(2024, 3, 25), DatePrecision.month) == "2024-03"


def test_year_precision_shows_only_the_year() -> None:
    assert format_german_date(date(2024, 6, 1), DatePrecision.year) == "2024"
    assert machine_readable_date(date(2024, 6, 1), DatePrecision.year) == "2024"
