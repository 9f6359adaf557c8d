"""The page at ``/impressum/``: the provider's details (§ 5 DDG)."""

import reflex as rx

from partner_app import routes, settings
from partner_app.components.layout import page_layout
from partner_app.components.text_page import back_to_start, text_page
from partner_app.components.translated import page_title, tr
from partner_app.services.legal_pages import page_html
from partner_app.state.language import LanguageState
from partner_app.state.page_head import PageHeadState

ROUTE = routes.IMPRINT
TITLE = page_title("IMPRINT_TITLE")
DESCRIPTION = tr("IMPRINT_DESCRIPTION")
ON_LOAD = [LanguageState.detect, PageHeadState.describe]
# Canonical URL, language versions and link previews.
HEAD = PageHeadState.meta
# The address is configuration, filled in when the app is built (see the README).
IMPRINT_HTML = page_html("impressum", settings.imprint_address())


def imprint() -> rx.Component:
    """The Impressum."""
    return page_layout(text_page(IMPRINT_HTML, routes.IMPRINT_URL, back_to_start()))
