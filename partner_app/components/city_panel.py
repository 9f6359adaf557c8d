"""The details of one partnership inside its tab."""

import reflex as rx

from partner_app import texts
from partner_app.components.news_card import image_figure
from partner_app.services.partnerships import PartnershipView


def _detail(label: str, value: rx.Component | rx.Var[str]) -> rx.Component:
    return rx.fragment(rx.el.dt(label), rx.el.dd(value))


def city_panel(partnership: rx.Var[PartnershipView]) -> rx.Component:
    """Native name, country, since, kind, status with its note, description and facts."""
    return rx.el.div(
        rx.el.h3(partnership.name),
        rx.cond(
            partnership.is_marked,
            rx.el.p(
                rx.el.strong(partnership.mark_label, class_name="status-" + partnership.status),
                rx.cond(partnership.status_note != "", ": " + partnership.status_note, ""),
                class_name="status-note status-note-" + partnership.status,
            ),
        ),
        rx.el.dl(
            _detail(
                texts.NATIVE_NAME,
                rx.el.span(partnership.native_name, lang=partnership.native_lang),
            ),
            _detail(texts.COUNTRY, partnership.country),
            rx.cond(partnership.region != "", _detail(texts.REGION, partnership.region)),
            _detail(
                texts.SINCE,
                rx.fragment(
                    rx.el.time(partnership.since_label, date_time=partnership.since_iso),
                    rx.cond(
                        partnership.since_note != "",
                        rx.el.span(" (" + partnership.since_note + ")"),
                    ),
                ),
            ),
            _detail(texts.KIND, partnership.kind_label),
            _detail(texts.STATUS, partnership.status_label),
            class_name="city-details",
        ),
        image_figure(
            partnership.image_src,
            partnership.image_alt,
            partnership.image_caption,
            partnership.image_credit,
        ),
        rx.foreach(partnership.description_paragraphs, lambda paragraph: rx.el.p(paragraph)),
        rx.el.h4(texts.FACTS_HEADING),
        rx.el.ul(
            rx.cond(
                partnership.distance_label != "",
                rx.el.li(partnership.distance_label, class_name="fact-distance"),
            ),
            rx.foreach(partnership.facts, lambda fact: rx.el.li(fact)),
        ),
        class_name="city-panel",
    )
