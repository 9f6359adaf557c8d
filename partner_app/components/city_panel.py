"""The details of one partnership inside its tab."""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app.components.news_card import image_figure
from partner_app.components.translated import only_in_german_note, tr
from partner_app.reflex_internals import PlainAnchor
from partner_app.services.partnerships import PartnershipView


def _detail(label: rx.Var[str], value: rx.Component | rx.Var[str]) -> rx.Component:
    return rx.fragment(rx.el.dt(label), rx.el.dd(value))


def city_panel(partnership: ObjectVar[PartnershipView]) -> rx.Component:
    """Native name, country, since, kind, status with its note, description and facts.

    Labels follow the page language; what editors wrote is German (``lang="de"``),
    except an English description on the English page.
    """
    status = partnership.status.to(str)
    return rx.el.div(
        rx.el.h3(partnership.name, lang=partnership.name_lang),
        rx.cond(
            partnership.is_marked,
            rx.el.p(
                rx.el.strong(partnership.mark_label, class_name="status-" + status),
                rx.cond(
                    partnership.status_note != "",
                    rx.fragment(": ", rx.el.span(partnership.status_note, lang="de")),
                ),
                class_name="status-note status-note-" + status,
            ),
        ),
        rx.el.dl(
            _detail(
                tr("NATIVE_NAME"),
                rx.el.span(partnership.native_name, lang=partnership.native_lang),
            ),
            _detail(tr("COUNTRY"), partnership.country),
            rx.cond(
                partnership.region != "",
                _detail(tr("REGION"), rx.el.span(partnership.region, lang="de")),
            ),
            _detail(
                tr("SINCE"),
                rx.fragment(
                    rx.el.time(partnership.since_label, date_time=partnership.since_iso),
                    rx.cond(
                        partnership.since_note != "",
                        rx.el.span(" (", rx.el.span(partnership.since_note, lang="de"), ")"),
                    ),
                ),
            ),
            _detail(tr("KIND"), partnership.kind_label),
            _detail(tr("STATUS"), partnership.status_label),
            class_name="city-details",
        ),
        image_figure(
            partnership.image_src,
            partnership.image_alt,
            partnership.image_caption,
            partnership.image_credit,
        ),
        rx.el.div(
            rx.foreach(partnership.description_paragraphs, lambda paragraph: rx.el.p(paragraph)),
            lang=partnership.description_lang,
        ),
        only_in_german_note(partnership.description_lang),
        rx.el.h4(tr("FACTS_HEADING")),
        rx.el.ul(
            rx.cond(
                partnership.distance_label != "",
                rx.el.li(partnership.distance_label, class_name="fact-distance"),
            ),
            rx.foreach(partnership.facts, lambda fact: rx.el.li(fact, lang="de")),
        ),
        # The facts are written in German only.
        rx.cond(partnership.facts.length() > 0, only_in_german_note(rx.Var.create("de"))),
        rx.el.p(
            # A plain <a>: the client router would take the click and show its 404 page.
            PlainAnchor.create(
                partnership.feed_label,
                href=partnership.feed_url,
                # Reflex would turn an unknown prop into CSS: a real attribute this way.
                custom_attrs={"type": "application/rss+xml"},
                class_name="feed-link",
            ),
            class_name="city-feed",
        ),
        class_name="city-panel",
    )
