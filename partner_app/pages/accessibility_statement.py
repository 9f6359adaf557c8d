"""The page at ``/barrierefreiheit/``: the accessibility statement NRW requires, with feedback."""

import reflex as rx

from partner_app import routes, settings
from partner_app.components.layout import page_layout
from partner_app.components.message_form import message_form
from partner_app.components.text_page import text_page
from partner_app.components.translated import page_title, tr
from partner_app.services.legal_pages import page_html
from partner_app.state.language import LanguageState
from partner_app.state.page_head import PageHeadState

ROUTE = routes.ACCESSIBILITY
TITLE = page_title("ACCESSIBILITY_TITLE")
DESCRIPTION = tr("ACCESSIBILITY_DESCRIPTION")
ON_LOAD = [LanguageState.detect, PageHeadState.describe]
# Canonical URL, language versions and link previews.
HEAD = PageHeadState.meta
FORM_HEADING_ID = "barriere-melden-formular"


# The statement is text the city maintains: Markdown in the content folder, rendered once.
STATEMENT_HTML = page_html("barrierefreiheit", settings.imprint_address())


def accessibility_statement() -> rx.Component:
    """The statement and the feedback form for reporting barriers."""
    return page_layout(
        text_page(
            STATEMENT_HTML,
            routes.ACCESSIBILITY_URL,
            rx.el.section(
                rx.el.h2(tr("ACCESSIBILITY_FORM_HEADING"), id=FORM_HEADING_ID),
                message_form(FORM_HEADING_ID, for_barriers=True),
                aria_labelledby=FORM_HEADING_ID,
                class_name="message-panel",
            ),
        )
    )
