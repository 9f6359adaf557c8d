"""The overview tab: every partnership with country, since and status."""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import texts
from partner_app.components.partnership_map import partnership_map
from partner_app.components.translated import localized_href, tr, tr_item
from partner_app.services.partnerships import PartnershipView
from partner_app.state.page_content import PageContentState


def _column_label(index: int) -> dict[str, rx.Var[str]]:
    # On phones each row is a block and styles.css shows the column's name before the value.
    return {"data-label": tr_item("OVERVIEW_COLUMNS", index)}


def _row(partnership: ObjectVar[PartnershipView]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(
            # The German name, or the English one on the English page where there is one.
            rx.el.span(partnership.name, lang=partnership.name_lang),
            rx.cond(
                partnership.native_name != partnership.name,
                rx.el.span(
                    " (",
                    rx.el.span(partnership.native_name, lang=partnership.native_lang),
                    ")",
                    class_name="native-name",
                ),
            ),
            scope="row",
        ),
        # The country's name comes in the page's language (Babel).
        rx.el.td(partnership.country, custom_attrs=_column_label(1)),
        rx.el.td(partnership.since_label, custom_attrs=_column_label(2)),
        rx.el.td(
            rx.el.span(
                partnership.status_label,
                class_name="status status-" + partnership.status.to(str),
            ),
            rx.cond(partnership.kind != "city", rx.el.span(" – " + partnership.kind_label.to(str))),
            custom_attrs=_column_label(3),
        ),
    )


def _anniversaries() -> rx.Component:
    return rx.cond(
        PageContentState.anniversaries.length() > 0,
        rx.el.div(
            rx.el.h4(tr("ANNIVERSARIES_HEADING") + " " + PageContentState.anniversary_years),
            rx.el.ul(
                rx.foreach(
                    PageContentState.anniversaries,
                    lambda item: rx.el.li(
                        rx.el.a(item.label, href=localized_href("/?stadt=" + item.slug)),
                        " (" + item.when + ")",
                    ),
                ),
            ),
            class_name="anniversaries",
        ),
    )


def partnership_overview() -> rx.Component:
    """A table of all partnerships and the coming round anniversaries."""
    return rx.el.div(
        rx.el.h3(tr("OVERVIEW_HEADING")),
        _anniversaries(),
        # A named section is a region landmark: the scrollable table is reachable by keyboard.
        rx.el.section(
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        *(
                            rx.el.th(tr_item("OVERVIEW_COLUMNS", index), scope="col")
                            for index in range(len(texts.OVERVIEW_COLUMNS))
                        )
                    )
                ),
                rx.el.tbody(rx.foreach(PageContentState.partnerships, _row)),
                class_name="overview-table partnership-table stacked-table",
            ),
            class_name="table-scroll",
            tab_index=0,
            aria_label=tr("OVERVIEW_HEADING"),
        ),
        rx.el.h4(tr("MAP_HEADING")),
        partnership_map(PageContentState.map_markers),
    )
