"""The map's markers, placed at run time from the coordinates stored in the database.

The markers are HTML links over the outline image, in percent of its size. A point that
lies in no frame (or under the inset) gets no marker position; it is still returned, with
the frame ``""``, so the page can list it below the map.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from partner_app.services.geo import KREFELD, distance_from_krefeld_label
from partner_app.services.map_frames import VIEW_HEIGHT, VIEW_WIDTH, frame_position
from partner_app.services.map_geometry import Point

HOME_SLUG = "krefeld"
HOME_NAME = "Krefeld"


# Marker targets are this many CSS px square (WCAG 2.2 2.5.8 asks for 24) and keep this gap.
TARGET_PX = 24.0
TARGET_GAP_PX = 4.0
# The map is this wide (CSS px) at the narrowest phone (320 px) and at the narrowest
# viewport of the wide layout (assets/map/map.css switches at 45rem = 720 px); each layout
# is spread for its narrowest map, so its targets stay apart at every larger width.
PHONE_MAP_WIDTH_PX = 288.0
WIDE_MAP_WIDTH_PX = 688.0
# Krefeld's symbol and its name beside it (map.css), kept free of targets: left, top,
# right, bottom in px from the place.
HOME_BOX_PX = (-9.0, -9.0, 64.0, 22.0)
# A target moved farther than this from its place (px) gets a leader line to the place.
LEADER_FROM_PX = 6.0


@dataclass(frozen=True)
class MapMarker:
    """A place on the map; ``frame`` is "" when it lies outside every frame.

    The place and its link target are apart where places lie too close for separate
    targets: the target moves aside (``phone_*`` on narrow screens, ``target_*`` on wide
    ones) and a leader line joins it to the place.
    """

    slug: str
    name: str
    frame: str
    # Position of the place, in percent of the image's width and height.
    left_percent: float
    top_percent: float
    distance_label: str
    # Centre of the link target, in percent, on wide screens and on phones.
    target_left_percent: float = 0.0
    target_top_percent: float = 0.0
    phone_left_percent: float = 0.0
    phone_top_percent: float = 0.0
    # Whether the target is away from the place (a leader line is drawn).
    target_moved: bool = False
    phone_moved: bool = False
    # The language of ``name``: the German name, or the English one on the English page.
    name_lang: str = "de"


def map_marker(
    slug: str, name: str, lat: float | None, lon: float | None, lang: str = "de"
) -> MapMarker:
    """The marker of one place; without coordinates or outside the frames it has no frame."""
    found = None if lat is None or lon is None else frame_position(lat, lon)
    if found is None:
        frame_name, left, top = "", 0.0, 0.0
    else:
        frame, (x, y) = found
        frame_name = frame.name
        left = round(x / VIEW_WIDTH * 100, 3)
        top = round(y / VIEW_HEIGHT * 100, 3)
    return MapMarker(
        slug=slug,
        name=name,
        frame=frame_name,
        left_percent=left,
        top_percent=top,
        distance_label=distance_from_krefeld_label(lat, lon, lang),
    )


def map_markers(
    points: list[tuple[str, str, float | None, float | None]],
    lang: str = "de",
    name_langs: Mapping[str, str] | None = None,
) -> list[MapMarker]:
    """Markers for (slug, name, latitude, longitude) tuples, in the given order.

    Every point is kept: one outside all frames (or without coordinates) has the frame "".
    Placed markers get link targets that do not overlap each other or Krefeld.
    ``name_langs``: the language of each slug's name where it is not German.
    """
    markers = [
        replace(
            map_marker(slug, name, lat, lon, lang), name_lang=(name_langs or {}).get(slug, "de")
        )
        for slug, name, lat, lon in points
    ]
    placed = [index for index, marker in enumerate(markers) if marker.frame]
    places = [(markers[i].left_percent, markers[i].top_percent) for i in placed]
    home = home_marker()
    wide = spread_targets(places, (home.left_percent, home.top_percent), WIDE_MAP_WIDTH_PX)
    phone = spread_targets(places, (home.left_percent, home.top_percent), PHONE_MAP_WIDTH_PX)
    for index, place, wide_target, phone_target in zip(placed, places, wide, phone, strict=True):
        markers[index] = replace(
            markers[index],
            target_left_percent=wide_target[0],
            target_top_percent=wide_target[1],
            phone_left_percent=phone_target[0],
            phone_top_percent=phone_target[1],
            target_moved=_moved_px(place, wide_target, WIDE_MAP_WIDTH_PX) > LEADER_FROM_PX,
            phone_moved=_moved_px(place, phone_target, PHONE_MAP_WIDTH_PX) > LEADER_FROM_PX,
        )
    return markers


def spread_targets(places: Sequence[Point], home: Point, map_width_px: float) -> list[Point]:
    """Target centres (percent) for places (percent) so no two targets overlap at this width.

    Targets are squares of TARGET_PX plus TARGET_GAP_PX; Krefeld's symbol and name are a
    fixed box. Overlaps are pushed apart along the shorter way out (a few hundred rounds
    of a plain relaxation, deterministic), and targets stay inside the image.
    """
    height_px = map_width_px * VIEW_HEIGHT / VIEW_WIDTH
    scale = (map_width_px / 100, height_px / 100)
    size = TARGET_PX + TARGET_GAP_PX
    targets = [[x * scale[0], y * scale[1]] for x, y in places]
    hx, hy = home[0] * scale[0], home[1] * scale[1]
    left, top, right, bottom = HOME_BOX_PX
    home_box = (hx + left, hy + top, hx + right, hy + bottom)
    for _ in range(400):
        moved = False
        for i, a in enumerate(targets):
            for b in targets[i + 1 :]:
                moved |= _push_apart(a, b, size)
            moved |= _push_out_of_box(a, home_box, size / 2)
            # Inside the image, half a target from its edges.
            a[0] = min(max(a[0], TARGET_PX / 2), map_width_px - TARGET_PX / 2)
            a[1] = min(max(a[1], TARGET_PX / 2), height_px - TARGET_PX / 2)
        if not moved:
            break
    return [(round(x / scale[0], 3), round(y / scale[1], 3)) for x, y in targets]


def _push_apart(a: list[float], b: list[float], size: float) -> bool:
    dx, dy = b[0] - a[0], b[1] - a[1]
    overlap_x, overlap_y = size - abs(dx), size - abs(dy)
    if overlap_x <= 0 or overlap_y <= 0:
        return False
    # Out along the axis that needs the smaller move, half each; a tie goes sideways.
    if overlap_x <= overlap_y:
        step = overlap_x / 2 * (1 if dx >= 0 else -1)
        a[0] -= step
        b[0] += step
    else:
        step = overlap_y / 2 * (1 if dy >= 0 else -1)
        a[1] -= step
        b[1] += step
    return True


def _push_out_of_box(a: list[float], box: tuple[float, float, float, float], half: float) -> bool:
    left, top, right, bottom = box[0] - half, box[1] - half, box[2] + half, box[3] + half
    if not (left < a[0] < right and top < a[1] < bottom):
        return False
    # The nearest way out of the box.
    way_out = min(
        (a[0] - left, 0, -1), (right - a[0], 0, 1), (a[1] - top, 1, -1), (bottom - a[1], 1, 1)
    )
    distance, axis, sign = way_out
    a[axis] += sign * distance
    return True


def _moved_px(place: Point, target: Point, map_width_px: float) -> float:
    dx = (target[0] - place[0]) / 100 * map_width_px
    dy = (target[1] - place[1]) / 100 * map_width_px * VIEW_HEIGHT / VIEW_WIDTH
    return math.hypot(dx, dy)


def home_marker() -> MapMarker:
    """Krefeld's own marker (not a link)."""
    marker = map_marker(HOME_SLUG, HOME_NAME, KREFELD.latitude, KREFELD.longitude)
    return replace(marker, distance_label="")
