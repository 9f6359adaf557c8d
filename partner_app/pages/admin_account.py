"""The editor's own account: the two-factor login's status, set-up and switching off."""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.components.admin_layout import admin_layout
from partner_app.components.form_fields import one_time_code_input
from partner_app.state.admin_account import AdminAccountState
from partner_app.state.admin_navigation import AdminNavigationState

ROUTE = routes.ADMIN_ACCOUNT
TITLE = texts_admin.ACCOUNT_TITLE
ON_LOAD = [AdminAccountState.load, AdminNavigationState.load]


def _messages() -> rx.Component:
    return rx.fragment(
        rx.cond(
            AdminAccountState.message != "",
            rx.el.p(
                AdminAccountState.message,
                role="status",
                class_name="form-message",
                id="formular-meldung",
            ),
        ),
        rx.cond(
            AdminAccountState.error != "",
            rx.el.p(
                AdminAccountState.error,
                role="alert",
                class_name="form-message error",
                id="zwei-faktor-fehler",
            ),
        ),
    )


def _recovery_codes() -> rx.Component:
    return rx.el.div(
        rx.el.p(texts_admin.TWO_FACTOR_CODES_INTRO),
        rx.el.ul(
            rx.foreach(AdminAccountState.recovery_codes, lambda code: rx.el.li(rx.el.code(code))),
            id="wiederherstellungscodes",
            class_name="recovery-codes",
        ),
        rx.el.button(
            texts_admin.TWO_FACTOR_CODES_DONE,
            type="button",
            on_click=AdminAccountState.codes_saved,
            class_name="button",
        ),
        class_name="notice",
    )


def _set_up() -> rx.Component:
    return rx.el.div(
        rx.el.p(texts_admin.TWO_FACTOR_SCAN),
        rx.el.img(
            src=AdminAccountState.qr_data_uri,
            alt=texts_admin.TWO_FACTOR_QR_ALT,
            width=245,
            height=245,
            class_name="qr-code",
            id="qr-code",
        ),
        rx.el.p(
            texts_admin.TWO_FACTOR_SECRET_LABEL,
            " ",
            rx.el.code(AdminAccountState.secret_text, id="zwei-faktor-schluessel"),
        ),
        rx.el.form(
            rx.el.p(texts_admin.TWO_FACTOR_CONFIRM_INTRO),
            rx.el.div(
                rx.el.label(texts_admin.LOGIN_CODE_LABEL, html_for="code"),
                one_time_code_input(),
                class_name="form-field",
            ),
            rx.el.button(texts_admin.TWO_FACTOR_CONFIRM, type="submit", class_name="button"),
            rx.el.button(
                texts_admin.TWO_FACTOR_CANCEL,
                type="button",
                on_click=AdminAccountState.cancel_enrolment,
                class_name="button button-secondary",
            ),
            on_submit=AdminAccountState.confirm_enrolment,
            reset_on_submit=False,
            class_name="admin-form narrow",
        ),
    )


def _switch_off() -> rx.Component:
    return rx.el.form(
        rx.el.div(
            rx.el.label(texts_admin.TWO_FACTOR_DISABLE_LABEL, html_for="proof"),
            rx.el.input(
                id="proof",
                name="proof",
                type="password",
                auto_complete="current-password",
                required=True,
            ),
            class_name="form-field",
        ),
        rx.el.button(
            texts_admin.TWO_FACTOR_DISABLE, type="submit", class_name="button button-secondary"
        ),
        on_submit=AdminAccountState.disable,
        reset_on_submit=True,
        class_name="admin-form narrow",
    )


def admin_account() -> rx.Component:
    """Status first; then the set-up, the codes shown once, or the switch to turn it off."""
    return admin_layout(
        rx.el.h1(texts_admin.ACCOUNT_HEADING, class_name="page-title"),
        rx.el.h2(texts_admin.TWO_FACTOR_HEADING),
        rx.el.p(texts_admin.TWO_FACTOR_EXPLAINED),
        rx.cond(
            AdminAccountState.must_enrol,
            rx.el.p(texts_admin.TWO_FACTOR_REQUIRED, role="status", class_name="notice"),
        ),
        _messages(),
        rx.cond(
            AdminAccountState.recovery_codes.length() > 0,
            _recovery_codes(),
            rx.cond(
                AdminAccountState.enabled,
                rx.fragment(
                    rx.el.p(texts_admin.TWO_FACTOR_ON),
                    rx.el.p(texts_admin.TWO_FACTOR_CODES_LEFT, AdminAccountState.codes_left),
                    _switch_off(),
                ),
                rx.cond(
                    AdminAccountState.qr_data_uri != "",
                    _set_up(),
                    rx.fragment(
                        rx.el.p(texts_admin.TWO_FACTOR_OFF),
                        rx.el.button(
                            texts_admin.TWO_FACTOR_START,
                            type="button",
                            on_click=AdminAccountState.start_enrolment,
                            class_name="button",
                        ),
                    ),
                ),
            ),
        ),
    )
