"""Plane geometry of polygon rings: clipping, area, containment and simplification.

Nothing here knows about maps: it works in any (x, y) plane, so the outline drawing uses it
in SVG user units and ``content/map/reduce_world_atlas.py`` in degrees of (longitude,
latitude).
"""

from collections.abc import Sequence

Point = tuple[float, float]
Ring = list[Point]
# A polygon is its outer ring followed by its holes.
Polygon = list[Ring]


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


def ring_contains(ring: Sequence[Point], point: Point) -> bool:
    """Whether the point lies inside the ring (even-odd ray casting; any orientation)."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) / (y2 - y1) * (x2 - x1):
            inside = not inside
    return inside


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
