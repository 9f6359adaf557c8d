import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import reflex as rx

from partner_app.cli import ASSETS_DIR, MAP_IMAGES, map_captions
from partner_app.components.partnership_map import (
    MAP_IMAGE_SRC,
    MAP_IMAGE_SRC_EN,
    partnership_map,
)
from partner_app.services.content_loader import default_content
from partner_app.services.map_frames import (
    EUROPE,
    FRAMES,
    NORTH_AMERICA,
    VIEW_HEIGHT,
    VIEW_WIDTH,
    MapFrame,
)
from partner_app.services.map_geometry import ring_contains
from partner_app.services.map_markers import (
    PHONE_MAP_WIDTH_PX,
    TARGET_PX,
    WIDE_MAP_WIDTH_PX,
    MapMarker,
    home_marker,
    map_markers,
    spread_targets,
)
from partner_app.services.map_outline import (
    OUTLINE_DATA,
    load_outline_polygons,
    render_outline_svg,
)

SIZE_BUDGET_BYTES = 150_000
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def _default_points() -> list[tuple[str, str, float | None, float | None]]:
    return [
        (entry["slug"], entry["name"], entry["latitude"], entry["longitude"])
        for entry in default_content()["partnerships"]
    ]


@pytest.fixture(scope="module")
def svg() -> str:
    return render_outline_svg()


def _frame(name: str) -> MapFrame:
    return next(frame for frame in FRAMES if frame.name == name)


def _in_box_percent(marker: MapMarker, frame: MapFrame) -> bool:
    x = marker.left_percent / 100 * VIEW_WIDTH
    y = marker.top_percent / 100 * VIEW_HEIGHT
    return frame.covers(x, y)


def _rings_of_path(d: str) -> list[list[tuple[float, float]]]:
    """The absolute rings of a path written as ``M x y l dx dy … z`` runs."""
    rings = []
    for run in re.findall(r"M([^Mz]*)z", d):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", run)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def _is_land(svg: str, frame: MapFrame, lat: float, lon: float) -> bool:
    """Whether the rendered land of the frame (even-odd rule) covers the point."""
    land_paths = re.findall(r'<path class="land"[^>]* d="([^"]*)"', svg)
    path = land_paths[list(reversed(FRAMES)).index(frame)]
    point = frame.project(lat, lon)
    return sum(ring_contains(ring, point) for ring in _rings_of_path(path)) % 2 == 1


def test_default_cities_are_placed_in_their_frames() -> None:
    markers = map_markers(_default_points())
    frames = {marker.slug: marker.frame for marker in markers}
    assert frames == {
        "venlo": "europa",
        "leicester": "europa",
        "duenkirchen": "europa",
        "leiden": "europa",
        "charlotte": "nordamerika",
        "oder-spree": "europa",
        "uljanowsk": "europa",
        "kayseri": "europa",
        "kropyvnytskyi": "europa",
    }
    for marker in markers:
        frame = _frame(marker.frame)
        assert _in_box_percent(marker, frame), marker
        assert 0 <= marker.left_percent <= 100
        assert 0 <= marker.top_percent <= 100
        if frame is EUROPE:
            # Not hidden under the inset.
            assert not _in_box_percent(marker, NORTH_AMERICA), marker
        assert marker.distance_label.startswith("Entfernung von Krefeld (Luftlinie): rund ")


def test_markers_keep_the_given_order_and_names() -> None:
    points = _default_points()
    markers = map_markers(points)
    assert [(m.slug, m.name) for m in markers] == [(slug, name) for slug, name, _, _ in points]


def test_markers_are_ordered_like_longitudes_and_latitudes_within_a_frame() -> None:
    points = _default_points()
    markers = map_markers(points)
    by_slug = {
        slug: (lat, lon)
        for slug, _, lat, lon in points
        if lat is not None and lon is not None  # only cities with a place get a marker
    }
    europe = [marker for marker in markers if marker.frame == "europa"]
    west_to_east = sorted(europe, key=lambda marker: by_slug[marker.slug][1])
    assert [m.left_percent for m in west_to_east] == sorted(m.left_percent for m in europe)
    north_to_south = sorted(europe, key=lambda marker: -by_slug[marker.slug][0])
    assert [m.top_percent for m in north_to_south] == sorted(m.top_percent for m in europe)
    assert [m.slug for m in west_to_east][:2] == ["leicester", "duenkirchen"]
    assert west_to_east[-1].slug == "uljanowsk"


def test_marker_position_is_the_frame_projection() -> None:
    (marker,) = map_markers([("kayseri", "Kayseri", 38.7312, 35.4787)])
    x, y = EUROPE.project(38.7312, 35.4787)
    assert marker.left_percent == pytest.approx(x / VIEW_WIDTH * 100, abs=0.001)
    assert marker.top_percent == pytest.approx(y / VIEW_HEIGHT * 100, abs=0.001)


# Where each default city sits, and its link targets, as the page has always shown them:
# (place, wide target, phone target) in percent. A change of the frames, the projection or
# the spreading moves them; then look at the map in both layouts before updating these.
DEFAULT_MARKER_POSITIONS = {
    "venlo": ((41.247, 40.102), (42.208, 34.273), (46.401, 25.998)),
    "leicester": ((31.872, 35.735), (31.872, 35.735), (26.957, 29.834)),
    "duenkirchen": ((36.381, 41.261), (36.381, 42.947), (33.761, 50.934)),
    "leiden": ((39.099, 37.379), (38.138, 35.693), (36.679, 25.998)),
    "charlotte": ((8.095, 19.824), (8.095, 19.824), (8.095, 19.824)),
    "oder-spree": ((51.601, 37.336), (53.084, 37.336), (56.123, 25.998)),
    "uljanowsk": ((95.389, 29.951), (95.389, 29.951), (95.389, 29.951)),
    "kayseri": ((78.819, 83.686), (78.819, 83.686), (78.819, 83.686)),
    "kropyvnytskyi": ((74.695, 49.973), (74.695, 49.973), (74.695, 49.973)),
}


def test_default_marker_positions_are_unchanged() -> None:
    positions = {
        marker.slug: (
            (marker.left_percent, marker.top_percent),
            (marker.target_left_percent, marker.target_top_percent),
            (marker.phone_left_percent, marker.phone_top_percent),
        )
        for marker in map_markers(_default_points())
    }
    assert positions == DEFAULT_MARKER_POSITIONS
    home = home_marker()
    assert (home.left_percent, home.top_percent) == (41.747, 40.231)


def test_places_outside_every_frame_are_kept_without_a_marker_position() -> None:
    markers = map_markers(
        [
            ("tokio", "Tokio", 35.68, 139.69),
            ("venlo", "Venlo", 51.3704, 6.1724),
            ("ohne", "Ohne Koordinaten", None, None),
            # In the Atlantic part of the Europe frame that the inset covers.
            ("atlantik", "Atlantik", 60.0, -20.0),
        ]
    )
    assert [(m.slug, m.frame) for m in markers] == [
        ("tokio", ""),
        ("venlo", "europa"),
        ("ohne", ""),
        ("atlantik", ""),
    ]
    assert markers[0].distance_label.startswith("Entfernung von Krefeld (Luftlinie): rund ")
    assert markers[2].distance_label == ""


def test_home_marker_is_krefeld_next_to_venlo() -> None:
    home = home_marker()
    assert (home.slug, home.name, home.frame, home.distance_label) == (
        "krefeld",
        "Krefeld",
        "europa",
        "",
    )
    (venlo,) = map_markers([("venlo", "Venlo", 51.3704, 6.1724)])
    assert venlo.left_percent < home.left_percent < venlo.left_percent + 1
    assert abs(venlo.top_percent - home.top_percent) < 1


def test_frames_have_the_proportions_of_their_projection() -> None:
    assert math.isclose(VIEW_HEIGHT, EUROPE.height)
    for frame in FRAMES:
        west_x, north_y = frame.project(frame.north, frame.west)
        east_x, south_y = frame.project(frame.south, frame.east)
        assert (west_x, north_y) == pytest.approx((frame.x, frame.y))
        assert (east_x, south_y) == pytest.approx((frame.x + frame.width, frame.y + frame.height))
        assert frame.x + frame.width <= VIEW_WIDTH
        assert frame.y + frame.height <= VIEW_HEIGHT


def test_svg_is_well_formed_and_local(svg: str) -> None:
    root = ET.fromstring(svg)  # noqa: S314 (our own rendering)
    assert root.tag == f"{{{SVG_NAMESPACE}}}svg"
    view_box = [float(value) for value in root.attrib["viewBox"].split()]
    assert view_box == pytest.approx([0, 0, VIEW_WIDTH, VIEW_HEIGHT], abs=0.05)
    urls = re.findall(r"https?://[^\s\"'<>)]*", svg)
    assert set(urls) == {SVG_NAMESPACE}
    assert "url(" not in svg
    assert "<script" not in svg
    assert len(svg.encode("utf-8")) < SIZE_BUDGET_BYTES


def test_svg_has_light_and_dark_colours_by_class(svg: str) -> None:
    style = ET.fromstring(svg).find(f"{{{SVG_NAMESPACE}}}style")  # noqa: S314 (our own rendering)
    assert style is not None
    assert style.text
    light, dark = style.text.split("@media (prefers-color-scheme: dark)")
    for css in (light, dark):
        for name in ("water", "land", "edge", "frame", "caption"):
            assert re.search(rf"\.{name}\{{[^}}]*(fill|stroke):#[0-9a-f]{{6}}", css), (name, css)
    assert ".land{fill:#e6e8ee" in light
    assert ".land{fill:#2b3038" in dark


def test_svg_draws_both_frames_with_a_border(svg: str) -> None:
    root = ET.fromstring(svg)  # noqa: S314 (our own rendering)
    paths = root.findall(f"{{{SVG_NAMESPACE}}}path")
    assert len(paths) == len(FRAMES)
    # Colours come from the image's own style sheet, by class (light and dark).
    assert all(path.attrib["class"] == "land" for path in paths)
    assert all("fill" not in path.attrib and "stroke" not in path.attrib for path in paths)
    borders = [
        rect
        for rect in root.findall(f"{{{SVG_NAMESPACE}}}rect")
        if rect.attrib.get("fill") == "none"
    ]
    boxes = {
        tuple(round(float(rect.attrib[key]), 1) for key in ("x", "y", "width", "height"))
        for rect in borders
    }
    assert (
        round(NORTH_AMERICA.x, 1),
        round(NORTH_AMERICA.y, 1),
        round(NORTH_AMERICA.width, 1),
        round(NORTH_AMERICA.height, 1),
    ) in boxes


@pytest.mark.parametrize(
    ("frame", "lat", "lon", "land"),
    [
        (EUROPE, 51.3331, 6.5623, True),  # Krefeld
        (EUROPE, 38.7312, 35.4787, True),  # Kayseri
        (EUROPE, 54.3142, 48.4031, True),  # Uljanowsk
        (EUROPE, 52.6369, -1.1398, True),  # Leicester
        (EUROPE, 45.0, -15.0, False),  # Atlantic
        (EUROPE, 43.0, 34.0, False),  # Black Sea
        (EUROPE, 55.0, 3.0, False),  # North Sea
        (NORTH_AMERICA, 35.2271, -80.8431, True),  # Charlotte
        (NORTH_AMERICA, 32.0, -72.0, False),  # Atlantic
        (NORTH_AMERICA, 25.0, -90.0, False),  # Gulf of Mexico
    ],
)
def test_outlines_line_up_with_the_marker_projection(
    svg: str, frame: MapFrame, lat: float, lon: float, *, land: bool
) -> None:
    assert _is_land(svg, frame, lat, lon) is land


@pytest.mark.parametrize("lang", ["de", "en"])
def test_committed_svgs_are_up_to_date(lang: str) -> None:
    assert "/" + MAP_IMAGES["de"] == MAP_IMAGE_SRC
    assert "/" + MAP_IMAGES["en"] == MAP_IMAGE_SRC_EN
    committed = ASSETS_DIR / MAP_IMAGES[lang]
    expected = render_outline_svg(captions=map_captions(lang))
    assert committed.read_text(encoding="utf-8") == expected, (
        "Run: python -m partner_app.cli render-map"
    )


def test_the_inset_caption_follows_the_language() -> None:
    assert ">Nordamerika</text>" in render_outline_svg(captions=map_captions("de"))
    english = render_outline_svg(captions=map_captions("en"))
    assert ">North America</text>" in english
    assert "Nordamerika" not in english


def test_shipped_data_covers_the_frames_and_names_its_source() -> None:
    collection = json.loads(OUTLINE_DATA.read_text(encoding="utf-8"))
    for frame in FRAMES:
        assert any(frame.lies_within(region) for region in collection["regions"]), frame.name
    names = {feature["properties"]["name"] for feature in collection["features"]}
    assert {"Germany", "Netherlands", "United States of America", "Turkey", "Russia"} <= names
    assert "N. Cyprus" not in names
    source = (Path(OUTLINE_DATA).parent / "SOURCE.md").read_text(encoding="utf-8")
    assert "Natural Earth" in source
    assert "public domain" in source.lower()
    assert load_outline_polygons()


@pytest.mark.parametrize(
    ("place", "lon", "lat", "country"),
    [
        ("Simferopol", 34.1, 45.0, "Ukraine"),
        ("Sewastopol", 33.52, 44.6, "Ukraine"),
        ("Nikosia (Nord)", 33.4, 35.3, "Cyprus"),
        ("Moskau", 37.6, 55.75, "Russia"),
        ("Krefeld", 6.5623, 51.3331, "Germany"),
    ],
)
def test_shipped_borders_follow_germanys_position(
    place: str, lon: float, lat: float, country: str
) -> None:
    collection = json.loads(OUTLINE_DATA.read_text(encoding="utf-8"))
    found = [
        feature["properties"]["name"]
        for feature in collection["features"]
        for polygon in feature["geometry"]["coordinates"]
        if ring_contains([tuple(point) for point in polygon[0]], (lon, lat))
    ]
    assert found == [country], place


def test_component_links_each_placed_city_and_lists_the_others() -> None:
    markers = map_markers([("venlo", "Venlo", 51.3704, 6.1724), ("tokio", "Tokio", 35.68, 139.69)])
    rendered = str(partnership_map(rx.Var.create(markers)))
    assert '"/map/partnerschaften.svg"' in rendered
    assert 'alt:""' in rendered
    # Size attributes, not CSS: the image must scale with the page.
    assert 'height:"561"' in rendered
    assert 'width:"1000"' in rendered
    assert 'css:({ ["width"]' not in rendered
    # Links to the city tab, placed in percent; places outside the frames listed below.
    # Each link (placed and unplaced) is built for both languages: 4 occurrences per link.
    assert rendered.count('("/?stadt="+') == 8
    assert '"&lang=en"' in rendered
    # The link target's position for wide screens and phones; leader lines from the place.
    assert '["--target-left"] : (marker_rx_state_?.["target_left_percent"]+"%")' in rendered
    assert '["--phone-top"] : (marker_rx_state_?.["phone_top_percent"]+"%")' in rendered
    assert 'x1:(marker_rx_state_?.["left_percent"]+"%")' in rendered
    assert '"map-unplaced"' in rendered
    assert "liegt außerhalb des Kartenausschnitts" in rendered.encode().decode("unicode_escape")
    assert "Natural Earth (gemeinfrei)" in rendered
    # Krefeld is shown, but not as a link.
    assert '"map-home-label"},"Krefeld"' in rendered


def _target_boxes_px(markers: list[MapMarker], layout: str, width: float) -> list[tuple]:
    height = width * VIEW_HEIGHT / VIEW_WIDTH
    boxes = []
    for marker in markers:
        left, top = (
            (marker.target_left_percent, marker.target_top_percent)
            if layout == "wide"
            else (marker.phone_left_percent, marker.phone_top_percent)
        )
        x, y = left / 100 * width, top / 100 * height
        boxes.append((marker.slug, x - TARGET_PX / 2, y - TARGET_PX / 2))
    return boxes


@pytest.mark.parametrize(
    ("layout", "width"),
    [
        ("phone", PHONE_MAP_WIDTH_PX),
        ("phone", 358.0),
        ("wide", WIDE_MAP_WIDTH_PX),
        ("wide", 1120.0),
    ],
)
def test_default_targets_do_not_overlap_at_the_narrowest_width_of_their_layout(
    layout: str, width: float
) -> None:
    placed = [marker for marker in map_markers(_default_points()) if marker.frame]
    boxes = _target_boxes_px(placed, layout, width)
    height = width * VIEW_HEIGHT / VIEW_WIDTH
    for index, (slug, x, y) in enumerate(boxes):
        assert 0 <= x <= width - TARGET_PX, slug
        assert 0 <= y <= height - TARGET_PX, slug
        for other, ox, oy in boxes[index + 1 :]:
            assert abs(x - ox) >= TARGET_PX or abs(y - oy) >= TARGET_PX, (slug, other)


def test_only_crowded_places_get_a_moved_target_and_a_leader() -> None:
    markers = {marker.slug: marker for marker in map_markers(_default_points())}
    # Venlo lies 27 km from Krefeld: on every screen its target moves aside.
    assert markers["venlo"].target_moved
    assert markers["venlo"].phone_moved
    # Far from every other place, targets stay on the place.
    for slug in ("charlotte", "uljanowsk", "kayseri", "kropyvnytskyi"):
        marker = markers[slug]
        assert not marker.target_moved
        assert not marker.phone_moved
        assert (marker.phone_left_percent, marker.phone_top_percent) == (
            marker.left_percent,
            marker.top_percent,
        )


def test_spread_targets_is_deterministic_and_separates_equal_places() -> None:
    places = [(50.0, 50.0), (50.0, 50.0), (50.0, 50.0)]
    first = spread_targets(places, (0.0, 0.0), 300.0)
    assert first == spread_targets(places, (0.0, 0.0), 300.0)
    assert len(set(first)) == 3
