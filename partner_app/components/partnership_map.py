"""The map of all partnerships: a decorative outline image with link markers over it.

The image (``assets/map/partnerschaften.svg``) carries no information, so its ``alt`` is
empty. Each partner city is an ordinary link, absolutely positioned in percent of the
image, with the city's name as its text: the name shows as a small label on hover and
keyboard focus, and screen readers read it (with the distance from Krefeld) at any time.
A place outside the map's frames (or without coordinates) is listed below the map
instead, after the markers. Styles: ``assets/map/map.css``.
"""

import reflex as rx

from partner_app.components.translated import localized_href, tr
from partner_app.services.partnership_map import (
    VIEW_HEIGHT,
    VIEW_WIDTH,
    MapMarker,
    home_marker,
)

MAP_IMAGE_SRC = "/map/partnerschaften.svg"
# Markers right of this line get their label on the left, so it stays on the page.
EAST_LABEL_FROM_PERCENT = 60


def _position(marker: rx.Var[MapMarker] | MapMarker) -> dict[str, str | rx.Var[str]]:
    return {"left": f"{marker.left_percent}%", "top": f"{marker.top_percent}%"}


def _placed_marker(marker: rx.Var[MapMarker]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            rx.el.span(class_name="map-dot", aria_hidden="true"),
            rx.el.span(
                rx.el.span(marker.name, lang="de", class_name="map-name"),
                rx.cond(
                    marker.distance_label != "",
                    rx.fragment(
                        rx.el.span(", ", class_name="map-hidden"),
                        # Number and unit stay on one line.
                        rx.el.span(
                            marker.distance_label.replace(" km", "\u00a0km"),
                            class_name="map-distance",
                        ),
                    ),
                ),
                class_name="map-label",
            ),
            href=localized_href("/?stadt=" + marker.slug),
            class_name="map-link",
        ),
        class_name=rx.cond(
            marker.left_percent > EAST_LABEL_FROM_PERCENT,
            "map-marker map-marker-east",
            "map-marker",
        ),
        style=_position(marker),
    )


def _unplaced_marker(marker: rx.Var[MapMarker]) -> rx.Component:
    return rx.el.li(
        rx.el.a(marker.name, href=localized_href("/?stadt=" + marker.slug)), tr("MAP_OUTSIDE_NOTE")
    )


def _home(home: MapMarker) -> rx.Component:
    return rx.el.div(
        rx.el.span(class_name="map-home-symbol", aria_hidden="true"),
        rx.el.span(home.name, class_name="map-home-label"),
        class_name="map-home",
        style=_position(home),
    )


def partnership_map(
    markers: rx.Var[list[MapMarker]], home: MapMarker | None = None
) -> rx.Component:
    """The map figure: outline image, Krefeld, one link per partnership and a caption.

    ``markers`` come from ``map_markers`` in the order the links should be reached by
    keyboard; ``home`` defaults to Krefeld.
    """
    home = home or home_marker()
    return rx.el.figure(
        rx.el.div(
            rx.el.img(
                src=MAP_IMAGE_SRC,
                alt="",
                # As attributes (reserving the space before the image loads), not as CSS.
                custom_attrs={"width": str(round(VIEW_WIDTH)), "height": str(round(VIEW_HEIGHT))},
                class_name="map-image",
            ),
            _home(home) if home.frame else rx.fragment(),
            rx.el.ul(
                rx.foreach(
                    markers, lambda marker: rx.cond(marker.frame != "", _placed_marker(marker))
                ),
                # Named by the figure's caption: a plain list may not carry an aria-label.
                class_name="map-markers",
            ),
            class_name="map-canvas",
        ),
        # Below the image, so they do not change the size the markers are placed in.
        rx.el.ul(
            rx.foreach(
                markers, lambda marker: rx.cond(marker.frame == "", _unplaced_marker(marker))
            ),
            class_name="map-unplaced",
        ),
        rx.el.figcaption(tr("MAP_CAPTION"), class_name="map-caption"),
        class_name="map",
    )
