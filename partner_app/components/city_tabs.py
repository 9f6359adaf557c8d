"""Partner-city tabs (WAI-ARIA tabs pattern, keyboard support by Radix's tabs primitive).

The selected tab is the archive's city filter, so the tabs and the news below
always agree, and the selection is kept in the URL. The tabs are uncontrolled:
a tab chosen while the connection is down stays chosen (see NewsArchiveState).
"""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app.components.city_panel import city_panel
from partner_app.components.partnership_overview import partnership_overview
from partner_app.components.tabs_primitive import tabs_content, tabs_list, tabs_root, tabs_trigger
from partner_app.components.translated import tr
from partner_app.services.partnerships import PartnershipView
from partner_app.state.news_archive import OVERVIEW_TAB_VALUE, NewsArchiveState
from partner_app.state.page_content import PageContentState

# The browser scrolls a focused element into view only when it is wholly hidden: in the
# sideways-scrolling row of a phone a tab reached by arrow key could stay cut off.
_SHOW_FOCUSED_TAB = rx.call_script(
    "document.activeElement?.scrollIntoView({block: 'nearest', inline: 'nearest'})"
)


def _tab(
    label: rx.Var[str],
    value: str | rx.Var[str],
    attributes: dict[str, str | rx.Var[str]] | None = None,
) -> rx.Component:
    return tabs_trigger(
        label,
        value=value,
        class_name="city-tab",
        on_focus=_SHOW_FOCUSED_TAB,
        # HTML attributes the tabs primitive does not declare: as keywords Reflex would
        # compile them into CSS.
        custom_attrs=attributes or {},
    )


def _city_tab(partnership: ObjectVar[PartnershipView]) -> rx.Component:
    # The German name, or the English one on the English page where there is one.
    return _tab(partnership.name, partnership.slug, {"lang": partnership.name_lang})


def _city_tab_panel(partnership: ObjectVar[PartnershipView]) -> rx.Component:
    return tabs_content(city_panel(partnership), value=partnership.slug, class_name="tab-panel")


def city_tabs() -> rx.Component:
    """An overview tab and one tab per partnership, the oldest first."""
    return tabs_root(
        tabs_list(
            _tab(tr("OVERVIEW_TAB"), OVERVIEW_TAB_VALUE),
            rx.foreach(PageContentState.partnerships, _city_tab),
            aria_label=tr("TABS_LABEL"),
            class_name="city-tab-list",
        ),
        tabs_content(partnership_overview(), value=OVERVIEW_TAB_VALUE, class_name="tab-panel"),
        rx.foreach(PageContentState.partnerships, _city_tab_panel),
        default_value=NewsArchiveState.selected_tab,
        key=NewsArchiveState.tabs_key,
        on_change=NewsArchiveState.select_tab,
        activation_mode="automatic",
        class_name="city-tabs",
    )
