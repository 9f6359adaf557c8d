"""The page title and the introduction to the partnerships."""

import reflex as rx

from partner_app.components.translated import only_in_german_note
from partner_app.state.page_content import PageContentState


def page_title() -> rx.Component:
    """The one h1 of the page."""
    intro = PageContentState.intro
    return rx.el.h1(intro.title, lang=intro.title_lang, class_name="page-title")


def intro_text() -> rx.Component:
    """Heading and paragraphs that introduce the partner cities."""
    intro = PageContentState.intro
    return rx.fragment(
        rx.el.h2(intro.heading, lang=intro.heading_lang, id="partnerstaedte"),
        rx.foreach(
            intro.paragraphs,
            lambda paragraph: rx.el.p(
                paragraph, lang=intro.paragraphs_lang, class_name="intro-paragraph"
            ),
        ),
        only_in_german_note(intro.paragraphs_lang),
    )
