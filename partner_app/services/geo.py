"""Distances on the earth's surface, and how far a partner city is from Krefeld."""

import math
from typing import NamedTuple

from partner_app.i18n import format_integer, text

# Mean earth radius (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088

# Above this distance the label rounds to 10 km; below it to whole kilometres.
COARSE_ROUNDING_FROM_KM = 100


class Coordinates(NamedTuple):
    """A point in decimal degrees: north and east are positive."""

    latitude: float
    longitude: float


# Krefeld city centre (town hall at the Von-der-Leyen-Platz).
KREFELD = Coordinates(latitude=51.3331, longitude=6.5623)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points in kilometres (haversine formula)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    # Rounding can push h a hair above 1 for antipodal points.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def distance_from_krefeld_km(lat: float, lon: float) -> float:
    """The great-circle distance from Krefeld in kilometres."""
    return great_circle_km(KREFELD.latitude, KREFELD.longitude, lat, lon)


def distance_from_krefeld_label(lat: float | None, lon: float | None, lang: str = "de") -> str:
    """ "Entfernung von Krefeld (Luftlinie): rund 1.234 km" in ``lang``; "" without coordinates.

    Distances of 100 km and more are rounded to 10 km, shorter ones to whole kilometres.
    """
    if lat is None or lon is None:
        return ""
    km = distance_from_krefeld_km(lat, lon)
    if km < 0.5:
        return text("DISTANCE_UNDER_ONE_KM", lang)
    step = 10 if km >= COARSE_ROUNDING_FROM_KM else 1
    rounded = math.floor(km / step + 0.5) * step
    return text("DISTANCE_LABEL", lang).format(km=format_integer(rounded, lang))
