"""The page at ``/datenschutz/``: what the pages store and the visitor's rights (GDPR Art. 13)."""

import reflex as rx

from partner_app import routes, settings
from partner_app.components.layout import page_layout
from partner_app.components.text_page import back_to_start, text_page
from partner_app.components.translated import page_title, tr
from partner_app.services.legal_pages import page_html
from partner_app.state.language import LanguageState
from partner_app.state.page_head import PageHeadState

ROUTE = routes.PRIVACY
TITLE = page_title("PRIVACY_TITLE")
DESCRIPTION = tr("PRIVACY_DESCRIPTION")
ON_LOAD = [LanguageState.detect, PageHeadState.describe]
# Canonical URL, language versions and link previews.
HEAD = PageHeadState.meta
# The controller's address is configuration, filled in when the app is built (see the README).
PRIVACY_HTML = page_html("datenschutz", settings.imprint_address())


def privacy_policy() -> rx.Component:
    """The privacy policy."""
    return page_layout(text_page(PRIVACY_HTML, routes.PRIVACY_URL, back_to_start()))
