"""The page at ``/barrierefreiheit``: the accessibility statement NRW requires, with feedback."""

from importlib import resources

import reflex as rx

from partner_app import routes, texts
from partner_app.components.layout import page_layout
from partner_app.components.message_form import message_form
from partner_app.services.markdown_text import render_markdown

ROUTE = routes.ACCESSIBILITY
TITLE = f"{texts.ACCESSIBILITY_TITLE} – {texts.SITE_TITLE}"
DESCRIPTION = texts.ACCESSIBILITY_DESCRIPTION
FORM_HEADING_ID = "barriere-melden-formular"

# The statement is text the city maintains: Markdown in the content folder, rendered once.
STATEMENT_HTML = render_markdown(
    resources.files("partner_app.content").joinpath("barrierefreiheit.md").read_text("utf-8")
)


def accessibility_statement() -> rx.Component:
    """The statement and the feedback form for reporting barriers."""
    return page_layout(
        rx.html(STATEMENT_HTML, class_name="statement"),
        rx.el.section(
            rx.el.h2(texts.ACCESSIBILITY_FORM_HEADING, id=FORM_HEADING_ID),
            message_form(FORM_HEADING_ID, for_barriers=True),
            aria_labelledby=FORM_HEADING_ID,
            class_name="message-panel",
        ),
    )
