"""The page title and the introduction to the partnerships."""

import reflex as rx

from partner_app.state.page_content import PageContentState


def page_title() -> rx.Component:
    """The one h1 of the page."""
    return rx.el.h1(PageContentState.intro.title, class_name="page-title")


def intro_text() -> rx.Component:
    """Heading and paragraphs that introduce the partner cities."""
    return rx.fragment(
        rx.el.h2(PageContentState.intro.heading, id="partnerstaedte"),
        rx.foreach(
            PageContentState.intro.paragraphs,
            lambda paragraph: rx.el.p(paragraph, class_name="intro-paragraph"),
        ),
    )
