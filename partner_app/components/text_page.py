"""A page of running text from Markdown: statement, Impressum, privacy policy."""

import reflex as rx

from partner_app import routes, settings
from partner_app.components.translated import localized_href, tr
from partner_app.state.language import LanguageState


def back_to_start() -> rx.Component:
    """The way back to the main page, in the page language."""
    return rx.el.p(
        rx.el.a(tr("BACK_TO_START"), href=localized_href(routes.PUBLIC)),
        class_name="back-link",
    )


def canonical_link(url: str) -> rx.Component:
    """The canonical address of a static page in the page language (React puts it in the head).

    Absolute with ``PARTNER_APP_PUBLIC_ORIGIN`` (read when the app is built); otherwise
    relative to the host the page is served from.
    """
    return rx.el.link(rel="canonical", href=localized_href(settings.public_origin() + url))


def text_page(html: dict[str, str], url: str, *after: rx.Component) -> rx.Component:
    """The Markdown text of both languages (rendered safely beforehand) with the way back.

    ``url`` is the page's final address (see ``routes.page_url``).
    """
    return rx.fragment(
        back_to_start(),
        rx.cond(
            LanguageState.is_english,
            rx.html(html["en"], class_name="statement"),
            rx.html(html["de"], class_name="statement"),
        ),
        *after,
        canonical_link(url),
    )
