"""Controls that filter the press archive: city, year, topic and free text."""

import reflex as rx
from reflex.event import EventType
from reflex.vars import ObjectVar

from partner_app.components.translated import tr
from partner_app.services.news_archive import MAX_QUERY_LENGTH, TopicOption
from partner_app.services.partnerships import PartnershipView
from partner_app.state.news_archive import OVERVIEW_TAB_VALUE, NewsArchiveState
from partner_app.state.page_content import PageContentState

SEARCH_DEBOUNCE_MS = 300


RESET_BUTTON_ID = "filter-reset"


def _select_field(
    label: rx.Var[str],
    control_id: str,
    *,
    options: list[rx.Component],
    value: rx.Var[str],
    key: rx.Var[int],
    on_change: EventType[str],
) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=control_id),
        rx.el.select(
            *options,
            id=control_id,
            # Uncontrolled: the reader's pick stays even while the connection is down;
            # the key re-creates the select when the filter changed elsewhere.
            default_value=value,
            key=key,
            on_change=on_change,
        ),
        class_name="filter-field",
    )


def _counted_option(
    name: rx.Var[str],
    value: rx.Var[str],
    counts: rx.Var[dict[str, str]],
    *,
    lang: str | rx.Var[str] | None = None,
) -> rx.Component:
    """An option with the number of items it gives ("Kultur (3)"); none is marked "(0)".

    An option without items stays selectable: the empty result then explains itself and
    offers the reset, and the select never loses the reader's current choice. The counts
    come formatted from the state ("1.234", a search's "1.000+").
    """
    counts_object = counts.to(dict)
    count = counts_object[value].to(str)
    known = counts_object.contains(value)
    label = rx.cond(known, name.to(str) + " (" + count + ")", name)
    empty = rx.cond(known & (count == "0"), "option-empty", "")
    if lang is not None:
        return rx.el.option(label, value=value, class_name=empty, lang=lang)
    return rx.el.option(label, value=value, class_name=empty)


def _city_option(partnership: ObjectVar[PartnershipView]) -> rx.Component:
    return _counted_option(
        partnership.name, partnership.slug, NewsArchiveState.city_counts, lang=partnership.name_lang
    )


def _topic_option(topic: ObjectVar[TopicOption]) -> rx.Component:
    return _counted_option(topic.name, topic.slug, NewsArchiveState.topic_counts, lang="de")


def _year_option(year: rx.Var[str]) -> rx.Component:
    return _counted_option(year, year, NewsArchiveState.year_counts)


def reset_button() -> rx.Component:
    """Clears every filter; always there, so its focus survives the reset.

    Without filters it is marked unavailable (aria-disabled keeps it focusable, where
    ``disabled`` or removing it would drop the reader's focus on the page body).
    """
    return rx.el.button(
        tr("FILTER_RESET"),
        type="button",
        id=RESET_BUTTON_ID,
        aria_disabled=rx.cond(NewsArchiveState.has_filters, "false", "true"),
        on_click=NewsArchiveState.reset_filters,
        class_name="button button-secondary",
    )


def empty_state_reset_button() -> rx.Component:
    """The reset offered with an empty result; focus moves to the filters' reset button.

    This button disappears with the empty result, so focus goes where the reader can
    go on: the reset button of the filters, which stays.
    """
    return rx.el.button(
        tr("FILTER_RESET"),
        type="button",
        on_click=[
            NewsArchiveState.reset_filters,
            rx.call_script(f"document.getElementById('{RESET_BUTTON_ID}')?.focus()"),
        ],
        class_name="button button-secondary",
    )


def filter_bar() -> rx.Component:
    """The filter controls, each labelled; results update as they change."""
    return rx.el.div(
        _select_field(
            tr("FILTER_CITY"),
            "filter-stadt",
            options=[
                rx.el.option(tr("FILTER_ALL_CITIES"), value=OVERVIEW_TAB_VALUE),
                rx.foreach(PageContentState.partnerships, _city_option),
            ],
            value=NewsArchiveState.selected_tab,
            key=NewsArchiveState.city_select_key,
            on_change=NewsArchiveState.select_city,
        ),
        _select_field(
            tr("FILTER_YEAR"),
            "filter-jahr",
            options=[
                rx.el.option(tr("FILTER_ALL_YEARS"), value=""),
                rx.foreach(NewsArchiveState.year_options, _year_option),
            ],
            value=NewsArchiveState.year,
            key=NewsArchiveState.year_select_key,
            on_change=NewsArchiveState.select_year,
        ),
        _select_field(
            tr("FILTER_TOPIC"),
            "filter-thema",
            options=[
                rx.el.option(tr("FILTER_ALL_TOPICS"), value=""),
                rx.foreach(NewsArchiveState.topics, _topic_option),
            ],
            value=NewsArchiveState.topic,
            key=NewsArchiveState.topic_select_key,
            on_change=NewsArchiveState.select_topic,
        ),
        rx.el.div(
            rx.el.label(tr("FILTER_SEARCH"), html_for="filter-suche"),
            rx.el.input(
                id="filter-suche",
                type="search",
                # Uncontrolled, so typing is never overwritten by a late server update;
                # the key re-creates it when the text changes from elsewhere.
                key=NewsArchiveState.search_field_key,
                default_value=NewsArchiveState.query,
                max_length=MAX_QUERY_LENGTH,
                auto_complete="off",
                aria_describedby="filter-suche-hinweis",
                on_change=NewsArchiveState.search.debounce(SEARCH_DEBOUNCE_MS),
            ),
            rx.el.p(tr("FILTER_SEARCH_HINT"), id="filter-suche-hinweis", class_name="hint"),
            class_name="filter-field filter-field-wide",
        ),
        reset_button(),
        role="search",
        aria_label=tr("FILTER_LEGEND"),
        class_name="filter-bar",
    )
