"""Partner-city tabs (WAI-ARIA tabs pattern, keyboard support by Radix Tabs).

The selected tab is the archive's city filter, so the tabs and the news below
always agree, and the selection is kept in the URL.
"""

import reflex as rx

from partner_app.components.city_panel import city_panel
from partner_app.components.partnership_overview import partnership_overview
from partner_app.components.translated import tr
from partner_app.services.partnerships import PartnershipView
from partner_app.state.news_archive import OVERVIEW_TAB_VALUE, NewsArchiveState
from partner_app.state.page_content import PageContentState


def _city_tab(partnership: rx.Var[PartnershipView]) -> rx.Component:
    return rx.tabs.trigger(partnership.name, value=partnership.slug)


def _city_tab_panel(partnership: rx.Var[PartnershipView]) -> rx.Component:
    return rx.tabs.content(city_panel(partnership), value=partnership.slug, class_name="tab-panel")


def city_tabs() -> rx.Component:
    """An overview tab and one tab per partnership, the oldest first."""
    return rx.tabs.root(
        rx.tabs.list(
            rx.tabs.trigger(tr("OVERVIEW_TAB"), value=OVERVIEW_TAB_VALUE),
            rx.foreach(PageContentState.partnerships, _city_tab),
            aria_label=tr("TABS_LABEL"),
            class_name="city-tab-list",
        ),
        rx.tabs.content(partnership_overview(), value=OVERVIEW_TAB_VALUE, class_name="tab-panel"),
        rx.foreach(PageContentState.partnerships, _city_tab_panel),
        value=NewsArchiveState.selected_tab,
        on_change=NewsArchiveState.select_tab,
        activation_mode="automatic",
    )
