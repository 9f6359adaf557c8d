"""The head tags of a public page, rendered from its ``PageMeta`` state var.

React places ``<meta>`` and ``<link>`` in the document's head, also in the server's first
HTML. They are given to ``app.add_page(meta=...)``, which puts them right after Reflex's
own ``og:image`` (``page_image``), so ``og:image:*`` follow the image they describe.
"""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import reflex_internals
from partner_app.services.page_meta import TWITTER_CARD, FeedLink, LanguageLink, PageMeta


def page_image(meta: ObjectVar[PageMeta]) -> str:
    """``og:image`` of the page: Reflex's own tag, given the page's absolute JPEG or PNG."""
    return reflex_internals.page_image(meta.image_url)


def _language_link(language: ObjectVar[LanguageLink]) -> rx.Component:
    return rx.el.link(rel="alternate", href_lang=language.hreflang, href=language.href)


def _feed_link(feed: ObjectVar[FeedLink]) -> rx.Component:
    return rx.el.link(rel="alternate", type=feed.type, title=feed.title, href=feed.href)


def head_tags(meta: ObjectVar[PageMeta]) -> list[rx.Component]:
    """OpenGraph, Twitter card, canonical URL, language versions, feeds and JSON-LD."""
    return [
        rx.el.meta(property="og:image:type", content=meta.image_type),
        rx.el.meta(property="og:image:width", content=meta.image_width.to_string()),
        rx.el.meta(property="og:image:height", content=meta.image_height.to_string()),
        rx.el.meta(property="og:image:alt", content=meta.image_alt),
        rx.el.meta(property="og:title", content=meta.og_title),
        rx.el.meta(property="og:type", content=meta.og_type),
        rx.el.meta(property="og:site_name", content=meta.site_name),
        rx.el.meta(property="og:locale", content=meta.locale),
        rx.el.meta(property="og:locale:alternate", content=meta.locale_alternate),
        rx.cond(
            meta.description != "",
            rx.el.meta(property="og:description", content=meta.description),
        ),
        rx.el.meta(name="twitter:card", content=TWITTER_CARD),
        rx.cond(meta.no_index, rx.el.meta(name="robots", content="noindex")),
        rx.cond(
            meta.canonical_url != "",
            rx.fragment(
                rx.el.link(rel="canonical", href=meta.canonical_url),
                rx.el.meta(property="og:url", content=meta.canonical_url),
            ),
        ),
        rx.foreach(meta.languages, _language_link),
        rx.foreach(meta.feeds, _feed_link),
        rx.cond(meta.json_ld != "", rx.el.script(meta.json_ld, type="application/ld+json")),
    ]
