"""The map's layout: its frames, their projection and the size of the image.

The image has a main frame for Europe and, over the empty Atlantic in its north-west
corner, an inset for the east of North America. The run-time markers
(``map_markers``), the build-time outline image (``map_outline``) and the data script
(``content/map/reduce_world_atlas.py``) all place points through :meth:`MapFrame.project`,
so the markers line up with the outlines.
"""

import math
from dataclasses import dataclass

from partner_app.services.map_geometry import Point

# (west, south, east, north) in degrees.
Region = tuple[float, float, float, float]

# The image is this wide in SVG user units; its height follows from the main frame.
VIEW_WIDTH = 1000.0


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

    def lies_within(self, region: Region) -> bool:
        """Whether the frame's bounds lie inside the region (edges included)."""
        west, south, east, north = region
        return (
            west <= self.west and south <= self.south and self.east <= east and self.north <= north
        )

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
