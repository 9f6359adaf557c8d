"""The second step of a two-factor login: the code from the app, or a recovery code.

Plain forms the browser posts to the code endpoint, like the password form before it.
"""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.admin_endpoints import post_url
from partner_app.components.admin_layout import admin_layout
from partner_app.components.form_fields import one_time_code_input
from partner_app.reflex_internals import PlainForm
from partner_app.state.admin_session import AdminSessionState

ROUTE = routes.ADMIN_LOGIN_CODE
TITLE = texts_admin.LOGIN_CODE_TITLE
ON_LOAD = [AdminSessionState.open_code_step]


def _code_form(field: rx.Component, label: str, field_id: str) -> rx.Component:
    return PlainForm.create(
        rx.el.div(rx.el.label(label, html_for=field_id), field, class_name="form-field"),
        rx.el.input(type="hidden", name="weiter", value=AdminSessionState.return_to),
        rx.el.button(texts_admin.LOGIN_CODE_SUBMIT, type="submit", class_name="button"),
        action=post_url(routes.ADMIN_LOGIN_CODE),
        method="post",
        class_name="admin-form narrow",
    )


def admin_login_code() -> rx.Component:
    """The six digits from the app; a recovery code behind a disclosure (no script needed)."""
    return admin_layout(
        rx.el.h1(texts_admin.LOGIN_CODE_HEADING, class_name="page-title"),
        rx.el.p(texts_admin.LOGIN_CODE_INTRO),
        rx.cond(
            AdminSessionState.login_error != "",
            rx.el.p(AdminSessionState.login_error, role="alert", class_name="form-message error"),
        ),
        _code_form(
            one_time_code_input(pattern="[0-9 ]*", max_length=7, auto_focus=True),
            texts_admin.LOGIN_CODE_LABEL,
            "code",
        ),
        rx.el.details(
            rx.el.summary(texts_admin.LOGIN_RECOVERY_SUMMARY),
            rx.el.p(texts_admin.LOGIN_RECOVERY_HINT, class_name="hint"),
            # Letters and digits: the numeric keyboard of the field above would not do.
            _code_form(
                rx.el.input(
                    id="wiederherstellungscode",
                    name="code",
                    type="text",
                    auto_complete="off",
                    auto_capitalize="none",
                    spell_check=False,
                    required=True,
                ),
                texts_admin.LOGIN_RECOVERY_LABEL,
                "wiederherstellungscode",
            ),
        ),
        signed_in=False,
    )
