"""The page title and the introduction to the partnerships."""

import reflex as rx

from partner_app import texts_en
from partner_app.state.language import LanguageState
from partner_app.state.page_content import PageContentState


def page_title() -> rx.Component:
    """The one h1 of the page."""
    return rx.el.h1(
        rx.cond(
            LanguageState.is_english,
            texts_en.INTRO_TITLE,
            rx.el.span(PageContentState.intro.title, lang="de"),
        ),
        class_name="page-title",
    )


def intro_text() -> rx.Component:
    """Heading and paragraphs that introduce the partner cities."""
    return rx.fragment(
        rx.el.h2(
            rx.cond(
                LanguageState.is_english,
                texts_en.INTRO_HEADING,
                rx.el.span(PageContentState.intro.heading, lang="de"),
            ),
            id="partnerstaedte",
        ),
        rx.foreach(
            PageContentState.intro.paragraphs,
            lambda paragraph: rx.el.p(paragraph, lang="de", class_name="intro-paragraph"),
        ),
    )
