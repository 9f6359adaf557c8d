"""The editors' login page: a plain form the browser posts to the login endpoint."""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.admin_endpoints import post_url
from partner_app.components.admin_layout import admin_layout
from partner_app.reflex_internals import PlainForm
from partner_app.state.admin_session import AdminSessionState

ROUTE = routes.ADMIN_LOGIN
TITLE = texts_admin.LOGIN_TITLE
ON_LOAD = [AdminSessionState.open_login]


def admin_login() -> rx.Component:
    """Username, password, and a message that never says which of them was wrong."""
    return admin_layout(
        rx.el.h1(texts_admin.LOGIN_HEADING, class_name="page-title"),
        rx.cond(
            AdminSessionState.login_notice != "",
            rx.el.p(AdminSessionState.login_notice, role="status", class_name="form-message"),
        ),
        rx.cond(
            AdminSessionState.login_error != "",
            rx.el.p(AdminSessionState.login_error, role="alert", class_name="form-message error"),
        ),
        PlainForm.create(
            rx.el.div(
                rx.el.label(texts_admin.LOGIN_USERNAME, html_for="username"),
                rx.el.input(
                    id="username",
                    name="username",
                    type="text",
                    auto_complete="username",
                    default_value=AdminSessionState.login_username,
                    # A new value after a failed login: React reads default_value only once.
                    key=AdminSessionState.login_username,
                    required=True,
                    auto_focus=AdminSessionState.login_username == "",
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
                    # Remounted with the name after a failed login, so the focus is here.
                    key=AdminSessionState.login_username + "-password",
                    auto_focus=AdminSessionState.login_username != "",
                ),
                class_name="form-field",
            ),
            rx.el.input(type="hidden", name="weiter", value=AdminSessionState.return_to),
            rx.el.button(texts_admin.LOGIN_SUBMIT, type="submit", class_name="button"),
            action=post_url(routes.ADMIN_LOGIN),
            method="post",
            class_name="admin-form narrow",
        ),
        signed_in=False,
    )
