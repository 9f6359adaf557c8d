"""The press archive section: notices, filters, count, cards and paging."""

import reflex as rx

from partner_app.components.filter_bar import empty_state_reset_button, filter_bar
from partner_app.components.news_card import news_card
from partner_app.components.translated import tr
from partner_app.state.news_archive import NewsArchiveState


def _url_notices() -> rx.Component:
    return rx.cond(
        NewsArchiveState.notices.length() > 0,
        rx.el.div(
            rx.el.p(rx.el.strong(tr("NOTICE_HEADING"))),
            rx.el.ul(rx.foreach(NewsArchiveState.notices, lambda notice: rx.el.li(notice))),
            role="status",
            class_name="notice",
            id="url-notices",
        ),
    )


# Puts the suggestion into the search field as if typed (React sees the input event), so
# the search runs like any other and the field keeps the focus the link had.
_TYPE_SUGGESTION = """(() => {
  const link = document.getElementById("suchvorschlag-link");
  const field = document.getElementById("filter-suche");
  if (!link || !field) return;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  setValue.call(field, link.dataset.suggestion);
  field.dispatchEvent(new Event("input", {bubbles: true}));
  field.focus();
})()"""


def _suggestion() -> rx.Component:
    """ "Meinten Sie …?": a link to the search with the typos corrected.

    A real link (it works before the page is live); once live, a click types the words
    into the search field, which searches in place and keeps the focus (the link goes).
    """
    return rx.cond(
        NewsArchiveState.suggestion != "",
        rx.el.p(
            NewsArchiveState.suggestion_intro,
            " ",
            tr("SEARCH_DID_YOU_MEAN"),
            " ",
            rx.el.a(
                NewsArchiveState.suggestion_link_text,
                href=NewsArchiveState.suggestion_href,
                custom_attrs={"data-suggestion": NewsArchiveState.suggestion},
                on_click=[rx.prevent_default, rx.call_script(_TYPE_SUGGESTION)],
                id="suchvorschlag-link",
            ),
            "?",
            id="suchvorschlag",
            class_name="search-suggestion",
        ),
    )


def news_archive() -> rx.Component:
    """The filterable list of news cards."""
    return rx.el.section(
        rx.el.h2(tr("NEWS_HEADING"), id="pressearchiv"),
        _url_notices(),
        filter_bar(),
        rx.el.p(
            NewsArchiveState.result_summary,
            role="status",
            aria_live="polite",
            id="result-count",
            class_name="result-count",
        ),
        _suggestion(),
        rx.cond(
            NewsArchiveState.total == 0,
            rx.el.div(
                rx.el.p(tr("EMPTY_STATE")), empty_state_reset_button(), class_name="empty-state"
            ),
            rx.el.div(rx.foreach(NewsArchiveState.cards, news_card), class_name="card-grid"),
        ),
        rx.cond(
            NewsArchiveState.has_more,
            rx.el.button(
                tr("LOAD_MORE"),
                type="button",
                on_click=NewsArchiveState.load_more,
                class_name="button",
                id="load-more",
            ),
        ),
        aria_labelledby="pressearchiv",
        class_name="news-archive",
    )
