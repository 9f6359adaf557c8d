"""The map of all partnerships: a decorative outline image with link markers over it.

The image (``assets/map/partnerschaften.svg``) carries no information, so its ``alt`` is
empty. Each partner city is an ordinary link, absolutely positioned in percent of the
image, with the city's name as its text: the name shows as a small label on hover and
keyboard focus (the pointer may move onto it; Escape hides it), and screen readers read
it (with the distance from Krefeld) at any time. Each dot carries a number that a key
below the map names, so the dots can be told apart on a touch screen too. Where places
lie too close for separate 24 px targets, the target sits aside with a leader line to the
place, in one layout for phones and one for wider screens. A place outside the map's
frames (or without coordinates) is listed below the map instead, after the markers.
Styles: ``assets/map/map.css``.
"""

from collections.abc import Sequence

import reflex as rx
from reflex.vars import ArrayVar, FunctionStringVar, ObjectVar

from partner_app.components.translated import localized_href, tr
from partner_app.services.map_frames import VIEW_HEIGHT, VIEW_WIDTH
from partner_app.services.map_markers import MapMarker, home_marker
from partner_app.state.language import LanguageState

MAP_IMAGE_SRC = "/map/partnerschaften.svg"
# The same outline with the inset's caption in English.
MAP_IMAGE_SRC_EN = "/map/partnerschaften.en.svg"
# Markers right of this line get their label on the left, so it stays on the page.
EAST_LABEL_FROM_PERCENT = 60


# Escape hides a shown label (WCAG 1.4.13) until the pointer or focus comes to a marker
# again. Client-only, so no round trip to the server; one listener per page.
_LABEL_DISMISSAL = FunctionStringVar.create(
    """() => {
  if (window.__mapLabelDismissal) return;
  window.__mapLabelDismissal = true;
  const setHidden = (hidden) => document.querySelectorAll(".map")
    .forEach((map) => map.classList.toggle("map-labels-hidden", hidden));
  // Where the pointer was when Escape hid the labels: the browser also sends pointerover
  // when a hidden label uncovers another marker under a pointer that did not move.
  let pointer = null;
  let hiddenAt = null;
  document.addEventListener("pointermove", (event) => {
    pointer = {x: event.clientX, y: event.clientY};
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    hiddenAt = pointer;
    setHidden(true);
  });
  document.addEventListener("pointerover", (event) => {
    const link = event.target instanceof Element && event.target.closest(".map-link");
    // Only when the pointer comes from outside the marker, not between its parts.
    const from = event.relatedTarget;
    if (!link || (from instanceof Node && link.contains(from))) return;
    if (hiddenAt && event.clientX === hiddenAt.x && event.clientY === hiddenAt.y) return;
    setHidden(false);
  });
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.closest(".map-link")) setHidden(false);
  });
}"""
)


def _style_attribute(properties: dict[str, str]) -> dict[str, dict[str, str]]:
    """A real ``style`` attribute with CSS custom properties only (map.css reads them).

    Reflex compiles ``style=`` into an emotion class whose rule the server writes as a
    ``<style>`` element next to the element, which is invalid in ``<body>``; custom
    properties in a style attribute are valid and not flagged as inline styling.
    """
    return {"style": properties}


def _home_position(home: MapMarker) -> dict[str, dict[str, str]]:
    return _style_attribute(
        {"--home-left": f"{home.left_percent}%", "--home-top": f"{home.top_percent}%"}
    )


def _target_position(marker: ObjectVar[MapMarker]) -> dict[str, dict[str, str]]:
    # map.css picks the pair for the screen width.
    return _style_attribute(
        {
            "--target-left": f"{marker.target_left_percent}%",
            "--target-top": f"{marker.target_top_percent}%",
            "--phone-left": f"{marker.phone_left_percent}%",
            "--phone-top": f"{marker.phone_top_percent}%",
        }
    )


def _leader(marker: ObjectVar[MapMarker], layout: str) -> rx.Component:
    """A line from the place to its moved target, and a small dot at the place."""
    left = marker.target_left_percent if layout == "wide" else marker.phone_left_percent
    top = marker.target_top_percent if layout == "wide" else marker.phone_top_percent
    moved = marker.target_moved if layout == "wide" else marker.phone_moved
    return rx.cond(
        moved,
        rx.el.svg.g(
            rx.el.svg.line(
                x1=f"{marker.left_percent}%",
                y1=f"{marker.top_percent}%",
                x2=f"{left}%",
                y2=f"{top}%",
            ),
            rx.el.svg.circle(cx=f"{marker.left_percent}%", cy=f"{marker.top_percent}%", r="3"),
            class_name=f"map-leader map-leader-{layout}",
        ),
    )


def _leaders(markers: ArrayVar[Sequence[MapMarker]]) -> rx.Component:
    return rx.el.svg(
        rx.foreach(markers, lambda marker: _leader(marker, "wide")),
        rx.foreach(markers, lambda marker: _leader(marker, "phone")),
        class_name="map-leaders",
        aria_hidden="true",
        # Not a prop Reflex knows: passed as a keyword it would become CSS.
        custom_attrs={"focusable": "false"},
    )


def _placed_marker(marker: ObjectVar[MapMarker], number: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            # The number matches the key below the map: tells the dots apart without hover.
            rx.el.span(number, class_name="map-dot", aria_hidden="true"),
            rx.el.span(
                rx.el.span(marker.name, lang=marker.name_lang, class_name="map-name"),
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
            href=localized_href("/?stadt=" + marker.slug.to(str)),
            class_name="map-link",
        ),
        class_name=rx.cond(
            marker.left_percent.to(float) > EAST_LABEL_FROM_PERCENT,
            "map-marker map-marker-east",
            "map-marker",
        ),
        custom_attrs=_target_position(marker),
    )


def _key_entry(marker: ObjectVar[MapMarker], number: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.span(number, class_name="map-key-number"),
        rx.el.span(marker.name, lang=marker.name_lang),
    )


def _key(markers: ArrayVar[Sequence[MapMarker]]) -> rx.Component:
    # For the eye only: screen readers already have every name as the markers' link text.
    return rx.el.ol(
        rx.foreach(
            markers,
            lambda marker, index: rx.cond(marker.frame != "", _key_entry(marker, index + 1)),
        ),
        class_name="map-key",
        aria_hidden="true",
    )


def _unplaced_marker(marker: ObjectVar[MapMarker]) -> rx.Component:
    return rx.el.li(
        rx.el.a(marker.name, href=localized_href("/?stadt=" + marker.slug.to(str))),
        tr("MAP_OUTSIDE_NOTE"),
    )


def _home(home: MapMarker) -> rx.Component:
    return rx.el.div(
        rx.el.span(class_name="map-home-symbol", aria_hidden="true"),
        rx.el.span(home.name, class_name="map-home-label"),
        class_name="map-home",
        custom_attrs=_home_position(home),
    )


def partnership_map(
    markers: ArrayVar[Sequence[MapMarker]], home: MapMarker | None = None
) -> rx.Component:
    """The map figure: outline image, Krefeld, one link per partnership and a caption.

    ``markers`` come from ``map_markers`` in the order the links should be reached by
    keyboard; ``home`` defaults to Krefeld.
    """
    home = home or home_marker()
    return rx.el.figure(
        rx.el.div(
            rx.el.img(
                src=rx.cond(LanguageState.is_english, MAP_IMAGE_SRC_EN, MAP_IMAGE_SRC),
                alt="",
                # As attributes (reserving the space before the image loads), not as CSS.
                custom_attrs={"width": str(round(VIEW_WIDTH)), "height": str(round(VIEW_HEIGHT))},
                class_name="map-image",
            ),
            _leaders(markers),
            _home(home) if home.frame else rx.fragment(),
            rx.el.ul(
                rx.foreach(
                    markers,
                    lambda marker, index: rx.cond(
                        marker.frame != "", _placed_marker(marker, index + 1)
                    ),
                ),
                # Named by the figure's caption: a plain list may not carry an aria-label.
                class_name="map-markers",
            ),
            class_name="map-canvas",
        ),
        # Below the image, so they do not change the size the markers are placed in.
        _key(markers),
        rx.el.ul(
            rx.foreach(
                markers, lambda marker: rx.cond(marker.frame == "", _unplaced_marker(marker))
            ),
            class_name="map-unplaced",
        ),
        rx.el.figcaption(tr("MAP_CAPTION"), class_name="map-caption"),
        class_name="map",
        on_mount=_LABEL_DISMISSAL,
    )
