"""The frame of every admin page: navigation, who is signed in, logout."""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.admin_endpoints import post_url
from partner_app.components.layout import MAIN_ID, hydration_attribute, skip_link
from partner_app.reflex_internals import PlainForm
from partner_app.state.admin_navigation import AdminNavigationState
from partner_app.state.admin_session import AdminSessionState


def _inbox_link() -> rx.Component:
    """ "Postfach (3)"; its accessible name says what the number is."""
    count = AdminNavigationState.new_messages
    return rx.el.a(
        texts_admin.ADMIN_NAV_MESSAGES,
        rx.cond(count > 0, rx.el.span(" (", count.to_string(), ")", class_name="nav-count")),
        href=routes.ADMIN_MESSAGES,
        # "Postfach, 3 neue Nachrichten" (a hidden text beside the number would be read
        # with a pause: browsers add a space before an absolutely positioned element).
        aria_label=rx.cond(
            count > 0,
            f"{texts_admin.ADMIN_NAV_MESSAGES}, " + AdminNavigationState.new_messages_label,
            texts_admin.ADMIN_NAV_MESSAGES,
        ),
    )


def admin_layout(*children: rx.Component, signed_in: bool = True) -> rx.Component:
    """Wrap an admin page; ``signed_in=False`` for the login page (no navigation)."""
    header_items: list[rx.Component] = [rx.el.p(texts_admin.ADMIN_TITLE, class_name="site-name")]
    if signed_in:
        header_items.append(
            rx.el.nav(
                rx.el.ul(
                    rx.el.li(rx.el.a(texts_admin.ADMIN_NAV_NEWS, href=routes.ADMIN_NEWS)),
                    rx.el.li(rx.el.a(texts_admin.ADMIN_NAV_CONTENT, href=routes.ADMIN_CONTENT)),
                    rx.el.li(_inbox_link()),
                    rx.el.li(rx.el.a(texts_admin.ADMIN_NAV_AUDIT, href=routes.ADMIN_AUDIT)),
                    rx.el.li(rx.el.a(texts_admin.ADMIN_NAV_ACCOUNT, href=routes.ADMIN_ACCOUNT)),
                    rx.el.li(rx.el.a(texts_admin.ADMIN_NAV_PUBLIC, href=routes.PUBLIC)),
                ),
                PlainForm.create(
                    texts_admin.ADMIN_SIGNED_IN_AS + " ",
                    rx.el.strong(AdminSessionState.username),
                    " ",
                    # A plain post: the endpoint clears the HttpOnly cookie no script can touch.
                    rx.el.button(
                        texts_admin.ADMIN_LOG_OUT,
                        type="submit",
                        class_name="button button-secondary",
                    ),
                    action=post_url(routes.ADMIN_LOGOUT),
                    method="post",
                    class_name="signed-in",
                ),
                aria_label=texts_admin.ADMIN_NAV_LABEL,
                class_name="admin-nav",
            )
        )
    return rx.fragment(
        skip_link(),
        rx.el.header(rx.el.div(*header_items, class_name="page-width"), class_name="site-header"),
        rx.el.main(
            rx.el.div(*children, class_name="page-width"),
            id=MAIN_ID,
            tab_index=-1,
            custom_attrs=hydration_attribute(),
        ),
    )
