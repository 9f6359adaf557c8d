"""The frame of every admin page: navigation, who is signed in, logout."""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.admin_endpoints import post_url
from partner_app.components.layout import MAIN_ID, hydration_attribute, skip_link
from partner_app.reflex_internals import PlainForm
from partner_app.state.admin_session import AdminSessionState


def admin_layout(*children: rx.Component, signed_in: bool = True) -> rx.Component:
    """Wrap an admin page; ``signed_in=False`` for the login page (no navigation)."""
    header_items: list[rx.Component] = [rx.el.p(texts_admin.ADMIN_TITLE, class_name="site-name")]
    if signed_in:
        header_items.append(
            rx.el.nav(
                rx.el.ul(
                    rx.el.li(rx.el.a(texts_admin.ADMIN_NAV_NEWS, href=routes.ADMIN_NEWS)),
                    rx.el.li(rx.el.a(texts_admin.ADMIN_NAV_CONTENT, href=routes.ADMIN_CONTENT)),
                    rx.el.li(rx.el.a(texts_admin.ADMIN_NAV_MESSAGES, href=routes.ADMIN_MESSAGES)),
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
