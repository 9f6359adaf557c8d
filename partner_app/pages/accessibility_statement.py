"""The page at ``/barrierefreiheit``: the accessibility statement NRW requires, with feedback."""

from importlib import resources

import reflex as rx

from partner_app import routes, texts, texts_en
from partner_app.components.layout import page_layout
from partner_app.components.message_form import message_form
from partner_app.components.translated import tr
from partner_app.services.markdown_text import render_markdown
from partner_app.state.language import LanguageState

ROUTE = routes.ACCESSIBILITY
TITLE = rx.cond(
    LanguageState.is_english,
    f"{texts_en.ACCESSIBILITY_TITLE} – {texts_en.SITE_TITLE}",
    f"{texts.ACCESSIBILITY_TITLE} – {texts.SITE_TITLE}",
)
DESCRIPTION = tr("ACCESSIBILITY_DESCRIPTION")
ON_LOAD = [LanguageState.detect]
FORM_HEADING_ID = "barriere-melden-formular"


def _statement_html(file_name: str) -> str:
    # The statement is text the city maintains: Markdown in the content folder, rendered once.
    content = resources.files("partner_app.content").joinpath(file_name)
    return render_markdown(content.read_text("utf-8"))


STATEMENT_HTML = {
    "de": _statement_html("barrierefreiheit.md"),
    "en": _statement_html("barrierefreiheit.en.md"),
}


def accessibility_statement() -> rx.Component:
    """The statement and the feedback form for reporting barriers."""
    return page_layout(
        rx.cond(
            LanguageState.is_english,
            rx.html(STATEMENT_HTML["en"], class_name="statement"),
            rx.html(STATEMENT_HTML["de"], class_name="statement"),
        ),
        rx.el.section(
            rx.el.h2(tr("ACCESSIBILITY_FORM_HEADING"), id=FORM_HEADING_ID),
            message_form(FORM_HEADING_ID, for_barriers=True),
            aria_labelledby=FORM_HEADING_ID,
            class_name="message-panel",
        ),
    )
