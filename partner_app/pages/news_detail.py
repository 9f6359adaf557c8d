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


def head_tags() -> list[rx.Component]:
    """Canonical URL, OpenGraph and JSON-LD, following the item on client-side navigation."""
    meta = NewsDetailState.meta
    return [
        rx.cond(meta.canonical_url != "", rx.el.link(rel="canonical", href=meta.canonical_url)),
        rx.cond(meta.no_index, rx.el.meta(name="robots", content="noindex")),
        rx.el.meta(property="og:title", content=meta.title),
        rx.el.meta(property="og:type", content=meta.og_type),
        rx.cond(
            meta.canonical_url != "", rx.el.meta(property="og:url", content=meta.canonical_url)
        ),
        rx.cond(
            meta.description != "",
            rx.el.meta(property="og:description", content=meta.description),
        ),
        rx.cond(
            meta.image_url != "",
            rx.fragment(
                rx.el.meta(property="og:image", content=meta.image_url),
                rx.el.meta(property="og:image:alt", content=meta.image_alt),
            ),
        ),
        rx.cond(meta.json_ld != "", rx.el.script(meta.json_ld, type="application/ld+json")),
    ]


def news_detail_page() -> rx.Component:
    """Compose the detail page."""
    return rx.fragment(
        page_layout(news_detail(), live_news_listener(NewsDetailState.refresh_live)),
        *head_tags(),
    )
