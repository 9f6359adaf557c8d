"""The page for every unknown address: the site's frame, a message and ways on.

Reflex serves it for any path without a route, with HTTP status 404.
"""

import reflex as rx

from partner_app import routes
from partner_app.components.layout import page_layout
from partner_app.components.translated import localized_href, page_title, tr
from partner_app.state.language import LanguageState
from partner_app.state.page_head import PageHeadState

ROUTE = routes.NOT_FOUND
TITLE = page_title("NOT_FOUND_TITLE")
DESCRIPTION = tr("NOT_FOUND_TEXT")
ON_LOAD = [LanguageState.detect, PageHeadState.describe]
# Canonical URL, language versions and link previews.
HEAD = PageHeadState.meta


def not_found_page() -> rx.Component:
    """Say the address does not exist and offer the start page and the archive."""
    return page_layout(
        rx.el.h1(tr("NOT_FOUND_TITLE"), class_name="page-title"),
        rx.el.p(tr("NOT_FOUND_TEXT")),
        rx.el.ul(
            rx.el.li(rx.el.a(tr("NOT_FOUND_HOME_LINK"), href=localized_href(routes.PUBLIC))),
            rx.el.li(
                rx.el.a(
                    tr("NOT_FOUND_ARCHIVE_LINK"),
                    href=localized_href(routes.PUBLIC + "#pressearchiv"),
                )
            ),
            class_name="not-found-links",
        ),
    )
