"""The partnership map: frames, projection, markers and the outline SVG.

The outlines are a static, decorative SVG drawn from the Natural Earth data shipped in
``partner_app/content/map/`` (``python -m partner_app.cli render-map``). The markers are
HTML links placed over the image in percent of its size, from the coordinates stored in
the database. Outlines and markers both go through :meth:`MapFrame.project`, so they
line up.

The image has a main frame for Europe and, over the empty Atlantic in its north-west
corner, an inset for the east of North America. A point that lies in no frame (or under
the inset) gets no marker; it is still returned, with the frame ``""``.
"""

import html
import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from partner_app.services.geo import KREFELD, distance_from_krefeld_label

Point = tuple[float, float]
Ring = list[Point]
# A polygon is its outer ring followed by its holes; points are (longitude, latitude).
Polygon = list[Ring]

OUTLINE_DATA = (
    Path(__file__).resolve().parent.parent / "content" / "map" / "ne_50m_countries_clipped.geojson"
)

# The image is this wide in SVG user units; its height follows from the main frame.
VIEW_WIDTH = 1000.0

# The image is shown with <img>, so the page's CSS cannot reach it: its colours live in a
# style sheet of its own, by class, with a dark set for the system's dark mode (an image
# follows the page's colour scheme). Pairs of (light, dark) colours:
WATER_COLOURS = ("#f1f6fb", "#17212d")
LAND_COLOURS = ("#e6e8ee", "#2b3038")
BORDER_COLOURS = ("#8a8a8a", "#6e7681")
# The inset's frame and caption ("Nordamerika"): >= 4.5:1 on the water in both schemes.
FRAME_COLOURS = ("#4a4a4a", "#b6bcc6")
BORDER_WIDTH = 0.6
# Outlines are simplified to this deviation and rounded to this many decimals (user units).
SIMPLIFY_TOLERANCE = 0.45
DECIMALS = 1
# Islands and lakes smaller than this area (square user units) are left out.
MIN_RING_AREA = 1.5


@dataclass(frozen=True)
class MapFrame:
    """A rectangle of longitude and latitude drawn into a box of the image.

    The projection is equirectangular: x grows with longitude, y falls with latitude, and a
    degree of longitude is the cosine of the frame's middle latitude as wide as a degree of
    latitude, so shapes keep their proportions near that latitude.
    """

    name: str
    west: float
    south: float
    east: float
    north: float
    # Left edge, top edge and width of the frame's box in the image (SVG user units).
    x: float
    y: float
    width: float
    # A short text in the corner of the box ("" for none).
    caption: str = ""

    @property
    def aspect(self) -> float:
        """Width over height of the frame's box."""
        middle = math.radians((self.south + self.north) / 2)
        return (self.east - self.west) * math.cos(middle) / (self.north - self.south)

    @property
    def height(self) -> float:
        """Height of the frame's box in SVG user units."""
        return self.width / self.aspect

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies within the frame's bounds (edges included)."""
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def project(self, lat: float, lon: float) -> Point:
        """The point's position in the image (SVG user units)."""
        return (
            self.x + (lon - self.west) / (self.east - self.west) * self.width,
            self.y + (self.north - lat) / (self.north - self.south) * self.height,
        )

    def covers(self, x: float, y: float) -> bool:
        """Whether an image position lies within the frame's box."""
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


# Europe from Ireland and Portugal to the Volga (Uljanowsk, 48° E) and Turkey; the empty
# Atlantic west of Ireland holds the inset.
EUROPE = MapFrame(
    name="europa", west=-26.0, south=34.0, east=52.0, north=63.0, x=0, y=0, width=1000
)
# The east of the USA (Charlotte) with the Great Lakes and Florida.
NORTH_AMERICA = MapFrame(
    name="nordamerika",
    west=-92.0,
    south=24.0,
    east=-66.0,
    north=48.0,
    x=8,
    y=8,
    width=170,
    caption="Nordamerika",
)
# Topmost first: a point is placed in the first frame that shows it.
FRAMES: tuple[MapFrame, ...] = (NORTH_AMERICA, EUROPE)
VIEW_HEIGHT = EUROPE.height

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


def frame_position(lat: float, lon: float) -> tuple[MapFrame, Point] | None:
    """The frame showing the point and its image position, or None if no frame shows it."""
    for index, frame in enumerate(FRAMES):
        if not frame.contains(lat, lon):
            continue
        x, y = frame.project(lat, lon)
        if any(above.covers(x, y) for above in FRAMES[:index]):
            continue
        return frame, (x, y)
    return None


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
    points: list[tuple[str, str, float | None, float | None]], lang: str = "de"
) -> list[MapMarker]:
    """Markers for (slug, name, latitude, longitude) tuples, in the given order.

    Every point is kept: one outside all frames (or without coordinates) has the frame "".
    Placed markers get link targets that do not overlap each other or Krefeld.
    """
    markers = [map_marker(slug, name, lat, lon, lang) for slug, name, lat, lon in points]
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


# --- Outline drawing -------------------------------------------------------------------


def load_outline_polygons(path: Path = OUTLINE_DATA) -> list[Polygon]:
    """The country polygons of the shipped GeoJSON, in (longitude, latitude)."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    polygons: list[Polygon] = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        parts = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        polygons.extend([[(x, y) for x, y in ring] for ring in polygon] for polygon in parts)
    return polygons


def render_outline_svg(
    polygons: Sequence[Polygon] | None = None, captions: Mapping[str, str] | None = None
) -> str:
    """The decorative outline map of all frames as an SVG document.

    ``captions`` replaces frames' captions by frame name (the image of another language).
    """
    captions = captions or {}
    if polygons is None:
        polygons = load_outline_polygons()
    width, height = _number(VIEW_WIDTH), _number(VIEW_HEIGHT)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        "<!-- Kartengrundlage: Natural Earth 1:50m (gemeinfrei), aus world-atlas 2.0.2;"
        " erzeugt mit python -m partner_app.cli render-map -->",
        f"<style>{_outline_style(0)}@media (prefers-color-scheme: dark){{{_outline_style(1)}}}"
        "</style>",
        f'<rect class="water" width="{width}" height="{height}"/>',
    ]
    # Bottom frame first, so the inset is drawn over the main map.
    for frame in reversed(FRAMES):
        box = (
            f'x="{_number(frame.x)}" y="{_number(frame.y)}" '
            f'width="{_number(frame.width)}" height="{_number(frame.height)}"'
        )
        if frame is not FRAMES[-1]:
            # An inset hides what lies beneath it.
            parts.append(f'<rect class="water" {box}/>')
        parts.append(
            f'<path class="land" stroke-width="{BORDER_WIDTH}" stroke-linejoin="round" '
            f'fill-rule="evenodd" d="{_frame_path(frame, polygons)}"/>'
        )
        caption = captions.get(frame.name, frame.caption)
        if caption:
            parts.append(
                f'<text class="caption" x="{_number(frame.x + frame.width - 6)}" '
                f'y="{_number(frame.y + frame.height - 7)}" text-anchor="end" '
                f'font-family="sans-serif" font-size="13">{html.escape(caption)}</text>'
            )
        edge = "frame" if frame.y or frame.x else "edge"
        parts.append(f'<rect class="{edge}" {box} fill="none" stroke-width="1.5"/>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def _outline_style(scheme: int) -> str:
    """The outline's colours by class; ``scheme`` 0 is light, 1 dark."""
    water, land, border, frame = (
        colours[scheme] for colours in (WATER_COLOURS, LAND_COLOURS, BORDER_COLOURS, FRAME_COLOURS)
    )
    return (
        f".water{{fill:{water}}}.land{{fill:{land};stroke:{border}}}.edge{{stroke:{border}}}"
        f".frame{{stroke:{frame}}}.caption{{fill:{frame}}}"
    )


def _frame_path(frame: MapFrame, polygons: Iterable[Polygon]) -> str:
    left, top = frame.x, frame.y
    right, bottom = frame.x + frame.width, frame.y + frame.height
    commands: list[str] = []
    for polygon in polygons:
        if not _bounds_overlap(polygon[0], frame):
            continue
        for ring in polygon:
            projected = [frame.project(lat, lon) for lon, lat in ring]
            clipped = clip_ring(projected, left, top, right, bottom)
            if len(clipped) < 3 or abs(ring_area(clipped)) < MIN_RING_AREA:
                continue
            simplified = simplify_ring(clipped, SIMPLIFY_TOLERANCE)
            if len(simplified) >= 3:
                commands.append(_ring_path(simplified))
    return "".join(commands)


def _bounds_overlap(ring: Ring, frame: MapFrame) -> bool:
    lons = [lon for lon, _ in ring]
    lats = [lat for _, lat in ring]
    return (
        min(lons) <= frame.east
        and max(lons) >= frame.west
        and min(lats) <= frame.north
        and max(lats) >= frame.south
    )


def _ring_path(ring: Ring) -> str:
    scale = 10**DECIMALS
    points = [(round(x * scale), round(y * scale)) for x, y in ring]
    # Relative steps between rounded points keep the text short and add no rounding error.
    steps = [
        (x - px, y - py) for (px, py), (x, y) in itertools.pairwise(points) if (x, y) != (px, py)
    ]
    text = "M" + _pair(points[0], scale)
    if steps:
        text += "l" + _join(_pair(step, scale) for step in steps)
    return text + "z"


def _pair(point: tuple[int, int], scale: int) -> str:
    return _join((_scaled(point[0], scale), _scaled(point[1], scale)))


def _join(tokens: Iterable[str]) -> str:
    # A minus sign separates numbers by itself.
    text = ""
    for token in tokens:
        text += token if not text or token.startswith("-") else " " + token
    return text


def _scaled(value: int, scale: int) -> str:
    return _number(value / scale)


def _number(value: float) -> str:
    text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in {"", "-0"} else text


# --- Geometry helpers, also used to reduce the Natural Earth data ------------------------


def clip_ring(ring: Sequence[Point], left: float, top: float, right: float, bottom: float) -> Ring:
    """A closed ring clipped to an axis-aligned rectangle (Sutherland–Hodgman).

    Works in any (x, y) plane with ``left < right`` and ``top < bottom``. Where a concave
    ring leaves the rectangle more than once, the pieces are joined along the rectangle's
    edge; those joins have no area and lie on the edge.
    """
    points = list(ring)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    edges = (
        (0, left, True),
        (0, right, False),
        (1, top, True),
        (1, bottom, False),
    )
    for axis, limit, keep_greater in edges:
        if not points:
            break
        points = _clip_edge(points, axis, limit, keep_greater=keep_greater)
    return points


def _clip_edge(points: Ring, axis: int, limit: float, *, keep_greater: bool) -> Ring:
    def inside(point: Point) -> bool:
        return point[axis] >= limit if keep_greater else point[axis] <= limit

    def crossing(start: Point, end: Point) -> Point:
        share = (limit - start[axis]) / (end[axis] - start[axis])
        other = 1 - axis
        value = start[other] + share * (end[other] - start[other])
        return (limit, value) if axis == 0 else (value, limit)

    result: Ring = []
    previous = points[-1]
    for current in points:
        if inside(current):
            if not inside(previous):
                result.append(crossing(previous, current))
            result.append(current)
        elif inside(previous):
            result.append(crossing(previous, current))
        previous = current
    return result


def ring_area(ring: Sequence[Point]) -> float:
    """The signed area of a ring (shoelace formula); the sign gives the orientation."""
    return (
        sum(
            x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True)
        )
        / 2
    )


def simplify_ring(ring: Sequence[Point], tolerance: float) -> Ring:
    """A closed ring with points dropped that deviate less than ``tolerance`` (Douglas–Peucker).

    The result is open (its last point is not a repeat of the first).
    """
    points = list(ring)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) <= 3:
        return points
    # Split the ring at the point farthest from its first, and simplify both halves.
    first = points[0]
    far = max(range(len(points)), key=lambda i: _squared(points[i], first))
    if far == 0:
        return points[:1]
    head = simplify_line(points[: far + 1], tolerance)
    tail = simplify_line([*points[far:], first], tolerance)
    return head[:-1] + tail[:-1]


def simplify_line(line: Sequence[Point], tolerance: float) -> Ring:
    """An open polyline simplified by Douglas–Peucker; both end points are kept."""
    if len(line) <= 2:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    limit = tolerance * tolerance
    while stack:
        start, end = stack.pop()
        worst, worst_distance = 0, -1.0
        for index in range(start + 1, end):
            distance = _segment_distance_squared(line[index], line[start], line[end])
            if distance > worst_distance:
                worst, worst_distance = index, distance
        if worst_distance > limit:
            keep[worst] = True
            stack.append((start, worst))
            stack.append((worst, end))
    return [point for point, kept in zip(line, keep, strict=True) if kept]


def _squared(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _segment_distance_squared(point: Point, start: Point, end: Point) -> float:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = dx * dx + dy * dy
    if length == 0:
        return _squared(point, start)
    share = max(0.0, min(1.0, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / length))
    return _squared(point, (start[0] + share * dx, start[1] + share * dy))
