"""The public page at ``/``: intro, partner-city tabs, press archive, contact."""

import reflex as rx

from partner_app.components.city_tabs import city_tabs
from partner_app.components.contact_panel import contact_panel
from partner_app.components.intro import intro_text, page_title
from partner_app.components.layout import page_layout
from partner_app.components.live_updates import live_news_listener
from partner_app.components.news_archive import news_archive
from partner_app.components.translated import tr
from partner_app.in_place_navigation import in_place_navigator
from partner_app.state.language import LanguageState
from partner_app.state.news_archive import NewsArchiveState
from partner_app.state.page_content import PageContentState
from partner_app.state.page_head import PageHeadState

ROUTE = "/"
# The site's title, or the city's ("Krefeld und Venlo – …") on a city view: it follows the
# tabs, so a bookmark or the browser's history names the city.
TITLE = PageHeadState.meta.title
DESCRIPTION = tr("INDEX_DESCRIPTION")
# The language first: the other handlers read it.
ON_LOAD = [
    LanguageState.detect,
    PageContentState.load,
    NewsArchiveState.apply_url_filter,
    PageHeadState.describe,
]
# Canonical URL, language versions, link previews and the city's feeds.
HEAD = PageHeadState.meta


def index() -> rx.Component:
    """Compose the public page."""
    return page_layout(
        page_title(),
        rx.el.section(intro_text(), city_tabs(), aria_labelledby="partnerstaedte"),
        news_archive(),
        contact_panel(),
        live_news_listener(NewsArchiveState.refresh_live),
        in_place_navigator(),
    )
