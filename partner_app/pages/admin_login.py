"""The editors' login page."""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.components.admin_layout import admin_layout
from partner_app.state.admin_session import AdminSessionState

ROUTE = routes.ADMIN_LOGIN
TITLE = texts_admin.LOGIN_TITLE
ON_LOAD = [AdminSessionState.open_login]


def admin_login() -> rx.Component:
    """Username, password, and a message that never says which of them was wrong."""
    return admin_layout(
        rx.el.h1(texts_admin.LOGIN_HEADING, class_name="page-title"),
        rx.cond(
            AdminSessionState.login_error != "",
            rx.el.p(AdminSessionState.login_error, role="alert", class_name="form-message error"),
        ),
        rx.el.form(
            rx.el.div(
                rx.el.label(texts_admin.LOGIN_USERNAME, html_for="username"),
                rx.el.input(
                    id="username",
                    name="username",
                    type="text",
                    auto_complete="username",
                    required=True,
                ),
                class_name="form-field",
            ),
            rx.el.div(
                rx.el.label(texts_admin.LOGIN_PASSWORD, html_for="password"),
                rx.el.input(
                    id="password",
                    name="password",
                    type="password",
                    auto_complete="current-password",
                    required=True,
                ),
                class_name="form-field",
            ),
            rx.el.button(texts_admin.LOGIN_SUBMIT, type="submit", class_name="button"),
            on_submit=AdminSessionState.submit_login,
            reset_on_submit=False,
            class_name="admin-form narrow",
        ),
        signed_in=False,
    )
