"""The frame every public page shares: skip link, header, main landmark, footer."""

import reflex as rx

from partner_app import routes
from partner_app.components.translated import localized_href, tr
from partner_app.reflex_internals import PlainAnchor
from partner_app.services.news_feeds import FEED_PATHS, FeedFormat
from partner_app.state.language import LanguageState

MAIN_ID = "inhalt"


def skip_link() -> rx.Component:
    """The first focusable element: jumps to the main content."""
    # A plain <a>: rx.el.a is a router link, which would navigate and drop the filter URL.
    return PlainAnchor.create(tr("SKIP_LINK"), href=f"#{MAIN_ID}", class_name="skip-link")


def hydration_attribute() -> dict[str, rx.Var[str]]:
    """``data-hydrated``: lets browser tests wait until the server has applied on_load."""
    is_hydrated = rx.State.is_hydrated
    # Reflex annotates State.is_hydrated as a plain bool; read on the class it is a Var.
    return {"data-hydrated": is_hydrated.to_string()}  # pyright: ignore[reportAttributeAccessIssue]


def language_switch() -> rx.Component:
    """The link to this page in the other language, labelled in that language."""
    return rx.el.nav(
        rx.el.a(
            tr("LANGUAGE_SWITCH"),
            href=LanguageState.switch_url,
            lang=tr("LANGUAGE_SWITCH_CODE"),
            # Reflex turns unknown props into CSS; custom_attrs makes it a real attribute.
            custom_attrs={"hreflang": tr("LANGUAGE_SWITCH_CODE")},
            class_name="language-switch",
        ),
        aria_label=tr("LANGUAGE_NAV"),
    )


def _page_link(text_name: str, url: str) -> rx.Component:
    return rx.el.li(rx.el.a(tr(text_name), href=localized_href(url)))


def _plain_link(text_name: str, href: str) -> rx.Component:
    # A plain <a>: the client router would take the click and show the app's 404 for an
    # address the server answers itself (a feed, the API's description).
    return rx.el.li(PlainAnchor.create(tr(text_name), href=href))


def page_layout(*children: rx.Component) -> rx.Component:
    """Wrap page content in the site frame."""
    return rx.fragment(
        skip_link(),
        rx.el.header(
            rx.el.div(
                rx.el.p(tr("SITE_NAME"), class_name="site-name"),
                language_switch(),
                class_name="page-width header-row",
            ),
            class_name="site-header",
        ),
        rx.el.main(
            rx.el.div(*children, class_name="page-width"),
            id=MAIN_ID,
            tab_index=-1,
            custom_attrs=hydration_attribute(),
        ),
        rx.el.footer(
            rx.el.div(
                rx.el.p(tr("SITE_NAME")),
                rx.el.nav(
                    rx.el.ul(
                        _page_link("IMPRINT_TITLE", routes.IMPRINT_URL),
                        _page_link("PRIVACY_TITLE", routes.PRIVACY_URL),
                        _page_link("ACCESSIBILITY_TITLE", routes.ACCESSIBILITY_URL),
                        _plain_link("FEED_LINK_RSS", FEED_PATHS[FeedFormat.rss]),
                        _plain_link("FEED_LINK_ATOM", FEED_PATHS[FeedFormat.atom]),
                        _plain_link("OPEN_DATA_LINK", routes.API_OPENAPI),
                        class_name="footer-links",
                    ),
                    aria_label=tr("FOOTER_NAV"),
                ),
                class_name="page-width",
            ),
            class_name="site-footer",
        ),
    )
