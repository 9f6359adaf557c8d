"""One item of the press archive as a card."""

import reflex as rx
from reflex.vars import ObjectVar, StringVar

from partner_app import routes
from partner_app.components.translated import localized_href, only_in_german_note, tr
from partner_app.services.image_uploads import CARD_SIZE
from partner_app.services.news_archive import CityBadge, NewsCard
from partner_app.services.placeholder_art import PLACEHOLDER_URL_PREFIX
from partner_app.services.search_analysis import TextPart


def _city_badge(city: ObjectVar[CityBadge]) -> rx.Component:
    return rx.el.li(city.name, lang=city.name_lang, class_name="city-badge")


def _topic(topic: StringVar) -> rx.Component:
    return rx.el.li(topic, lang="de", class_name="topic-label")


def image_figure(
    src: rx.Var[str],
    alt: rx.Var[str],
    caption: rx.Var[str],
    credit: rx.Var[str],
    *,
    lazy: bool = True,
    width: rx.Var[int] | int = CARD_SIZE[0],
    height: rx.Var[int] | int = CARD_SIZE[1],
) -> rx.Component:
    """An image with caption and credit; nothing when there is no image.

    Alt text, caption and credit are content, written in German. A bundled placeholder
    shows one short notice in the page language instead: its stored caption and credit
    only repeat that it is no photo.
    """
    placeholder = src.to(str).startswith(PLACEHOLDER_URL_PREFIX)
    return rx.cond(
        src != "",
        rx.el.figure(
            rx.el.img(
                src=src,
                alt=alt,
                # Real attributes (Reflex would make width= CSS): with the stylesheet's
                # width 100% and height auto the browser reserves the box before the image
                # arrives, so the text below never moves.
                custom_attrs={"width": width, "height": height},
                loading="lazy" if lazy else "eager",
                decoding="async",
                lang="de",
            ),
            rx.cond(
                placeholder,
                rx.el.figcaption(tr("PLACEHOLDER_CAPTION")),
                rx.el.figcaption(
                    rx.el.span(caption, lang="de"),
                    rx.cond(
                        credit != "",
                        rx.el.span(
                            " " + tr("IMAGE_CREDIT_PREFIX") + " ",
                            rx.el.span(credit, lang="de"),
                            class_name="credit",
                        ),
                    ),
                ),
            ),
            class_name="news-figure",
        ),
    )


def news_date(card: ObjectVar[NewsCard]) -> rx.Component:
    """The publication date, as precise as it is known."""
    return rx.el.p(rx.el.time(card.date_label, date_time=card.date_iso), class_name="news-date")


def badge_list(card: ObjectVar[NewsCard]) -> rx.Component:
    """The cities and topics of a news item."""
    return rx.el.ul(
        rx.foreach(card.cities, _city_badge),
        rx.foreach(card.topics, _topic),
        # No aria-label: a plain list may not carry one, and city and topic names speak for
        # themselves.
        class_name="badge-list",
    )


def _text_part(part: ObjectVar[TextPart]) -> rx.Component:
    # Text, never HTML: an editor's "<b>" stays visible characters. A plain <mark> around
    # a matched word; no role or label, so screen readers do not announce each one.
    return rx.cond(part.marked, rx.el.mark(part.text), rx.fragment(part.text))


def marked_text(parts: rx.Var[list[TextPart]]) -> rx.Component:
    """A title or teaser with the words the search matched marked."""
    return rx.foreach(parts, _text_part)


def german_in(*langs: rx.Var[str]) -> rx.Var[str]:
    """ "de" when any of the texts in ``langs`` is the German one, else "en"."""
    shown_in_german = langs[0] == "de"
    for lang in langs[1:]:
        shown_in_german = shown_in_german | (lang == "de")
    return rx.cond(shown_in_german, "de", "en")


def news_card(card: ObjectVar[NewsCard]) -> rx.Component:
    """Title (linking to the detail page), date, cities, teaser and the image."""
    slug = card.slug.to(str)
    return rx.el.article(
        rx.el.h3(
            rx.el.a(marked_text(card.title_parts), href=localized_href(routes.NEWS_PREFIX + slug)),
            id="news-title-" + slug,
            lang=card.title_lang,
            class_name="news-title",
        ),
        news_date(card),
        badge_list(card),
        image_figure(card.image_src, card.image_alt, card.image_caption, card.image_credit),
        rx.el.p(marked_text(card.teaser_parts), lang=card.teaser_lang, class_name="news-teaser"),
        only_in_german_note(german_in(card.title_lang, card.teaser_lang)),
        id="news-" + slug,
        tab_index=-1,
        aria_labelledby="news-title-" + slug,
        class_name="news-card",
    )
