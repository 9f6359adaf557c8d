"""The decorative outline image of the map, drawn at build time.

``python -m partner_app.cli render-map`` draws the country outlines of the Natural Earth
data shipped in ``partner_app/content/map/`` into ``assets/map/`` as a static SVG; the
page never runs this. The outlines go through the frames' projection (``map_frames``), so
they line up with the markers placed over the image.
"""

import html
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from partner_app.services.map_frames import FRAMES, VIEW_HEIGHT, VIEW_WIDTH, MapFrame
from partner_app.services.map_geometry import (
    Polygon,
    Ring,
    clip_ring,
    ring_area,
    simplify_ring,
)

OUTLINE_DATA = (
    Path(__file__).resolve().parent.parent / "content" / "map" / "ne_50m_countries_clipped.geojson"
)

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
