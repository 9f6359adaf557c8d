import math

import pytest

from partner_app.i18n import format_integer
from partner_app.services.geo import (
    EARTH_RADIUS_KM,
    KREFELD,
    distance_from_krefeld_label,
    great_circle_km,
)

PARIS = (48.8566, 2.3522)
LONDON = (51.5074, -0.1278)
CHARLOTTE = (35.2271, -80.8431)


def _chord_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The same distance computed another way: from the straight chord through the earth."""

    def unit(lat: float, lon: float) -> tuple[float, float, float]:
        phi, lam = math.radians(lat), math.radians(lon)
        return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))

    chord = math.dist(unit(lat1, lon1), unit(lat2, lon2))
    return 2 * math.asin(chord / 2) * EARTH_RADIUS_KM


def _north_of_krefeld(km: float) -> tuple[float, float]:
    """A point ``km`` due north of Krefeld (a meridian arc is a great circle)."""
    return KREFELD.latitude + math.degrees(km / EARTH_RADIUS_KM), KREFELD.longitude


def test_zero_distance_and_symmetry() -> None:
    assert great_circle_km(*KREFELD, *KREFELD) == 0
    assert great_circle_km(*PARIS, *CHARLOTTE) == pytest.approx(
        great_circle_km(*CHARLOTTE, *PARIS), abs=1e-9
    )


def test_paris_london_is_about_344_km() -> None:
    assert great_circle_km(*PARIS, *LONDON) == pytest.approx(344, abs=2)


def test_one_degree_on_the_equator_and_antipodes() -> None:
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(EARTH_RADIUS_KM * math.pi / 180)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(EARTH_RADIUS_KM * math.pi)
    assert great_circle_km(90, 0, -90, 0) == pytest.approx(EARTH_RADIUS_KM * math.pi)


def test_krefeld_charlotte_matches_an_independent_formula() -> None:
    km = great_circle_km(*KREFELD, *CHARLOTTE)
    assert km == pytest.approx(_chord_km(*KREFELD, *CHARLOTTE), abs=0.01)
    assert 6800 < km < 6900


def test_label_for_charlotte_uses_german_thousands_separator() -> None:
    assert distance_from_krefeld_label(*CHARLOTTE) == (
        "Entfernung von Krefeld (Luftlinie): rund 6.870 km"
    )


def test_label_for_venlo_is_rounded_to_whole_kilometres() -> None:
    assert distance_from_krefeld_label(51.3704, 6.1724) == (
        "Entfernung von Krefeld (Luftlinie): rund 27 km"
    )


@pytest.mark.parametrize(
    ("km", "shown"),
    [
        (0.2, "unter 1"),
        (7.4, "7"),
        (99.4, "99"),
        (99.6, "100"),
        (104.9, "100"),
        (105.1, "110"),
        (1234.4, "1.230"),
        (1235.1, "1.240"),
        (12_345.0, "12.350"),
    ],
)
def test_label_rounding(km: float, shown: str) -> None:
    assert distance_from_krefeld_label(*_north_of_krefeld(km)) == (
        f"Entfernung von Krefeld (Luftlinie): {'' if shown.startswith('unter') else 'rund '}"
        f"{shown} km"
    )


def test_label_is_empty_without_coordinates() -> None:
    assert distance_from_krefeld_label(None, None) == ""
    assert distance_from_krefeld_label(51.0, None) == ""
    assert distance_from_krefeld_label(None, 6.0) == ""


def test_german_integer_format() -> None:
    assert format_integer(0, "de") == "0"
    assert format_integer(999, "de") == "999"
    assert format_integer(1000, "de") == "1.000"
    assert format_integer(1_234_567, "de") == "1.234.567"
    assert format_integer(1_234_567, "en") == "1,234,567"


def test_distance_label_in_english() -> None:
    label = distance_from_krefeld_label(35.2271, -80.8431, "en")

    assert label == "Distance from Krefeld (as the crow flies): about 6,870 km"
