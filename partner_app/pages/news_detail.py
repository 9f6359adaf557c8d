"""The page at ``/nachrichten/<slug>``: one news item in full."""

import reflex as rx

from partner_app import routes
from partner_app.components.layout import page_layout
from partner_app.components.live_updates import live_news_listener
from partner_app.components.news_detail import news_detail
from partner_app.state.language import LanguageState
from partner_app.state.news_detail import NewsDetailState

ROUTE = routes.NEWS_DETAIL
TITLE = NewsDetailState.meta.title
DESCRIPTION = NewsDetailState.meta.description
ON_LOAD = [LanguageState.detect, NewsDetailState.load]
# Canonical URL, language versions, link previews, the item's feeds and its JSON-LD.
HEAD = NewsDetailState.meta


def news_detail_page() -> rx.Component:
    """Compose the detail page."""
    return page_layout(news_detail(), live_news_listener(NewsDetailState.refresh_live))
