"""Reduce Natural Earth's countries (world-atlas TopoJSON) to the map's regions.

Run once when the data or the regions change, then ``python -m partner_app.cli render-map``::

    npm install --prefix /tmp/mapdata world-atlas@2
    python partner_app/content/map/reduce_world_atlas.py \
        /tmp/mapdata/node_modules/world-atlas/countries-50m.json

It writes ``ne_50m_countries_clipped.geojson`` next to this file: every country clipped to
the regions below, lightly simplified and rounded to 0.01° (about 1 km).

Natural Earth draws borders as they are on the ground ("de facto"). Where that differs
from Germany's position the outlines are changed before clipping (see ``MERGES``):
Crimea belongs to Ukraine, and Northern Cyprus is part of Cyprus.
"""

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from partner_app.services.map_frames import FRAMES, Region
from partner_app.services.map_geometry import (
    Point,
    Polygon,
    Ring,
    clip_ring,
    ring_area,
    ring_contains,
    simplify_ring,
)
from partner_app.services.map_outline import OUTLINE_DATA

# The frames with room to spare.
REGIONS: tuple[Region, ...] = ((-32.0, 30.0, 58.0, 68.0), (-100.0, 20.0, -60.0, 52.0))
TOLERANCE_DEGREES = 0.02
MIN_AREA_SQUARE_DEGREES = 0.002
DECIMALS = 2

# (country, donor, point): the donor's polygons containing the point (all of them without a
# point) become part of the country, and the border between them disappears.
MERGES: tuple[tuple[str, str, Point | None], ...] = (
    ("Ukraine", "Russia", (34.1, 45.0)),  # Crimea
    ("Cyprus", "N. Cyprus", None),
)

ArcPolygon = list[list[int]]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The topology's arcs as absolute (longitude, latitude) points."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_from_arcs(indexes: list[int], arcs: list[list[Point]]) -> Ring:
    """A ring joined from arcs; a negative index ~i means arc i reversed."""
    ring: Ring = []
    for index in indexes:
        points = _arc_points(index, arcs)
        ring.extend(points if not ring else points[1:])
    return ring


def _arc_points(index: int, arcs: list[list[Point]]) -> list[Point]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def merge_polygons(polygons: list[ArcPolygon], arcs: list[list[Point]]) -> list[Polygon]:
    """The union of polygons that share borders: arcs used twice are dropped, the rest joined.

    Like ``topojson.merge``; the largest rings become outer rings, rings inside them holes.
    """
    uses = Counter(i if i >= 0 else ~i for polygon in polygons for ring in polygon for i in ring)
    outline = [
        i
        for polygon in polygons
        for ring in polygon
        for i in ring
        if uses[i if i >= 0 else ~i] == 1
    ]
    starting_at: dict[Point, list[int]] = defaultdict(list)
    for index in outline:
        starting_at[_arc_points(index, arcs)[0]].append(index)
    done: set[int] = set()
    rings: list[Ring] = []
    for first in outline:
        if first in done:
            continue
        chain = [first]
        done.add(first)
        start, end = _arc_points(first, arcs)[0], _arc_points(first, arcs)[-1]
        while end != start:
            following = next(i for i in starting_at[end] if i not in done)
            chain.append(following)
            done.add(following)
            end = _arc_points(following, arcs)[-1]
        rings.append(ring_from_arcs(chain, arcs))
    merged: list[Polygon] = []
    for ring in sorted(rings, key=lambda ring: -abs(ring_area(ring))):
        outer = next(
            (
                polygon
                for polygon in merged
                if ring_contains(polygon[0], next(p for p in ring if p not in set(polygon[0])))
            ),
            None,
        )
        if outer is None:
            merged.append([ring])
        else:
            outer.append(ring)
    return merged


def country_polygons(topology: dict, arcs: list[list[Point]]) -> dict[str, list[Polygon]]:
    """Each country's polygons by name, after applying ``MERGES``."""
    parts_by_name: dict[str, list[ArcPolygon]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        parts_by_name[geometry["properties"]["name"]] = parts
    merged: dict[str, list[Polygon]] = {}
    for country, donor, point in MERGES:
        moved = [
            part
            for part in parts_by_name[donor]
            if point is None or ring_contains(ring_from_arcs(part[0], arcs), point)
        ]
        if not moved:
            msg = f"{donor} has no polygon at {point}"
            raise ValueError(msg)
        parts_by_name[donor] = [part for part in parts_by_name[donor] if part not in moved]
        merged[country] = merge_polygons(parts_by_name[country] + moved, arcs)
    return {
        name: merged.get(name) or [[ring_from_arcs(ring, arcs) for ring in part] for part in parts]
        for name, parts in parts_by_name.items()
        if parts
    }


def reduce_polygon(polygon: Polygon, region: Region) -> Polygon:
    """The polygon clipped to the region and simplified; [] when nothing is left."""
    west, south, east, north = region
    reduced: Polygon = []
    for ring in polygon:
        clipped = clip_ring(ring, west, south, east, north)
        if len(clipped) < 3 or abs(ring_area(clipped)) < MIN_AREA_SQUARE_DEGREES:
            if not reduced:
                return []
            continue
        simplified = [
            (round(lon, DECIMALS), round(lat, DECIMALS))
            for lon, lat in simplify_ring(clipped, TOLERANCE_DEGREES)
        ]
        reduced.append([*simplified, simplified[0]])
    return reduced


def reduce_topology(topology: dict) -> dict:
    """A GeoJSON FeatureCollection of the countries within the regions."""
    arcs = decode_arcs(topology)
    ids = {
        geometry["properties"]["name"]: geometry.get("id", "")
        for geometry in topology["objects"]["countries"]["geometries"]
    }
    features = []
    for name, polygons in country_polygons(topology, arcs).items():
        reduced = [
            kept
            for region in REGIONS
            for polygon in polygons
            if (kept := reduce_polygon(polygon, region))
        ]
        if reduced:
            features.append(
                {
                    "type": "Feature",
                    "id": ids[name],
                    "properties": {"name": name},
                    "geometry": {"type": "MultiPolygon", "coordinates": reduced},
                }
            )
    return {"type": "FeatureCollection", "regions": REGIONS, "features": features}


def write_geojson(collection: dict, target: Path) -> None:
    """Write the collection compactly, one feature a line."""
    features = ",\n".join(
        json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        for feature in collection["features"]
    )
    regions = json.dumps(collection["regions"], separators=(",", ":"))
    target.write_text(
        f'{{"type":"FeatureCollection",\n"regions":{regions},\n"features":[\n{features}\n]}}\n',
        encoding="utf-8",
    )


def main() -> int:
    """Reduce the TopoJSON file named on the command line."""
    source = Path(sys.argv[1])
    for frame in FRAMES:
        if not any(frame.lies_within(region) for region in REGIONS):
            print(f"Rahmen {frame.name} liegt außerhalb der Regionen.", file=sys.stderr)
            return 1
    write_geojson(reduce_topology(json.loads(source.read_text(encoding="utf-8"))), OUTLINE_DATA)
    print(OUTLINE_DATA)
    return 0


if __name__ == "__main__":
    sys.exit(main())
