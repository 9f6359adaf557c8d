"""A page of running text from Markdown: statement, Impressum, privacy policy."""

import reflex as rx

from partner_app import routes
from partner_app.components.translated import localized_href, tr
from partner_app.state.language import LanguageState


def back_to_start() -> rx.Component:
    """The way back to the main page, in the page language."""
    return rx.el.p(
        rx.el.a(tr("BACK_TO_START"), href=localized_href(routes.PUBLIC)),
        class_name="back-link",
    )


def text_page(html: dict[str, str], url: str, *after: rx.Component) -> rx.Component:
    """The Markdown text of both languages (rendered safely beforehand) with the way back.

    ``url`` is the page's final address (see ``routes.page_url``); its canonical link and
    language versions are in the head (``PageHeadState``).
    """
    return rx.fragment(
        back_to_start(),
        rx.cond(
            LanguageState.is_english,
            rx.html(html["en"], class_name="statement"),
            rx.html(html["de"], class_name="statement"),
        ),
        *after,
    )
