"""The current date where the city is, so scheduled news appear on the right day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

CITY_TIMEZONE = ZoneInfo("Europe/Berlin")


def today_in_krefeld() -> date:
    """Today's date in Krefeld."""
    return datetime.now(CITY_TIMEZONE).date()
