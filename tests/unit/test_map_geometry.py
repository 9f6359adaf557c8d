import pytest

from partner_app.services.map_frames import EUROPE, NORTH_AMERICA
from partner_app.services.map_geometry import clip_ring, ring_area, ring_contains, simplify_ring

SQUARE = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0)]


def test_clip_ring_to_a_rectangle() -> None:
    clipped = clip_ring(SQUARE, 0, 0, 2, 2)
    assert abs(ring_area(clipped)) == pytest.approx(1.0)
    assert all(0 <= x <= 2 and 0 <= y <= 2 for x, y in clipped)
    assert clip_ring(SQUARE, 5, 5, 6, 6) == []
    assert abs(ring_area(clip_ring(SQUARE, -5, -5, 5, 5))) == pytest.approx(4.0)


def test_simplify_ring_drops_points_on_straight_edges_only() -> None:
    ring = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 2.0), (1.0, 2.0), (0.0, 2.0), (0.0, 0.0)]
    assert sorted(simplify_ring(ring, 0.1)) == [(0.0, 0.0), (0.0, 2.0), (2.0, 0.0), (2.0, 2.0)]
    assert len(simplify_ring(ring, 0.001)) == 5


def test_ring_contains_points_inside_a_concave_ring_in_either_orientation() -> None:
    # An L: the square's upper right quarter is cut away.
    ell = [(0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 2.0), (0.0, 2.0)]
    for ring in (ell, ell[::-1]):
        assert ring_contains(ring, (0.5, 1.5))
        assert ring_contains(ring, (1.5, 0.5))
        assert not ring_contains(ring, (1.5, 1.5))
        assert not ring_contains(ring, (3.0, 0.5))
        # Left of the ring: the ray crosses it twice, in and out again.
        assert not ring_contains(ring, (-1.0, 0.5))
        assert not ring_contains(ring, (-1.0, 1.5))
    # A closing repeat of the first point (as in GeoJSON) changes nothing.
    for point, inside in (((0.0, 0.0), True), ((0.0, 1.5), False), ((-2.0, 0.0), False)):
        assert ring_contains(SQUARE, point) is inside
        assert ring_contains(SQUARE[:-1], point) is inside


def test_a_frame_lies_within_a_region_that_reaches_its_edges() -> None:
    bounds = (EUROPE.west, EUROPE.south, EUROPE.east, EUROPE.north)
    assert EUROPE.lies_within(bounds)
    assert EUROPE.lies_within((-32.0, 30.0, 58.0, 68.0))
    # A region one degree short on any side leaves part of the frame out.
    for side, inwards in enumerate((1.0, 1.0, -1.0, -1.0)):
        short = list(bounds)
        short[side] += inwards
        assert not EUROPE.lies_within((short[0], short[1], short[2], short[3])), side
    assert not NORTH_AMERICA.lies_within((-32.0, 30.0, 58.0, 68.0))
