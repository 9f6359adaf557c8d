"""The detail view of one news item, and the view for an unknown address."""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import routes
from partner_app.components.news_card import badge_list, german_in, image_figure, news_date
from partner_app.components.translated import localized_href, only_in_german_note, tr
from partner_app.services.news_archive import NewsCard
from partner_app.state.news_detail import NewsDetailState


def _back_link() -> rx.Component:
    return rx.el.p(
        rx.el.a(tr("NEWS_BACK_TO_LIST"), href=NewsDetailState.back_url),
        class_name="back-link",
    )


def _related_item(card: ObjectVar[NewsCard]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            card.title,
            href=localized_href(routes.NEWS_PREFIX + card.slug.to(str)),
            lang=card.title_lang,
        ),
        " ",
        rx.el.time("(" + card.date_label.to(str) + ")", date_time=card.date_iso),
    )


def _related() -> rx.Component:
    return rx.cond(
        NewsDetailState.related.length() > 0,
        rx.el.section(
            rx.el.h2(tr("NEWS_RELATED_HEADING"), id="verwandte-meldungen"),
            rx.el.ul(rx.foreach(NewsDetailState.related, _related_item)),
            aria_labelledby="verwandte-meldungen",
            class_name="related-news",
        ),
    )


def _article(card: ObjectVar[NewsCard]) -> rx.Component:
    return rx.el.article(
        rx.el.h1(card.title, lang=card.title_lang, class_name="page-title"),
        news_date(card),
        badge_list(card),
        image_figure(
            NewsDetailState.image_src,
            card.image_alt,
            card.image_caption,
            card.image_credit,
            lazy=False,
            width=NewsDetailState.image_width,
            height=NewsDetailState.image_height,
        ),
        rx.el.p(card.teaser, lang=card.teaser_lang, class_name="news-lead"),
        rx.cond(
            NewsDetailState.body_html != "",
            rx.html(
                NewsDetailState.body_html, lang=NewsDetailState.body_lang, class_name="news-body"
            ),
        ),
        only_in_german_note(
            german_in(
                card.title_lang,
                card.teaser_lang,
                rx.cond(NewsDetailState.body_html != "", NewsDetailState.body_lang, "en"),
            )
        ),
        class_name="news-detail",
    )


def _not_found() -> rx.Component:
    return rx.el.div(
        rx.el.h1(tr("NEWS_NOT_FOUND_TITLE"), class_name="page-title"),
        rx.el.p(tr("NEWS_NOT_FOUND_TEXT")),
        rx.el.p(
            rx.el.a(tr("NEWS_NOT_FOUND_LINK"), href=localized_href(routes.PUBLIC + "#pressearchiv"))
        ),
        class_name="not-found",
    )


def news_detail() -> rx.Component:
    """The article with related news and the way back, or the "not found" view."""
    card = NewsDetailState.card
    return rx.cond(
        NewsDetailState.found,
        rx.cond(
            card,
            rx.fragment(_back_link(), _article(card.to(NewsCard)), _related(), _back_link()),
            rx.el.p(tr("NEWS_LOADING"), role="status"),
        ),
        _not_found(),
    )
