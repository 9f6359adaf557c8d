"""The admin's overview of partnerships, contacts, address and intro."""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import routes, texts_admin
from partner_app.components.admin_form import delete_confirmation
from partner_app.components.admin_layout import admin_layout
from partner_app.components.admin_table import admin_table, labelled_cell
from partner_app.services.content_types import CONTACT, PARTNERSHIP
from partner_app.services.record_editing import RecordRow
from partner_app.state.admin_content import AdminContentState
from partner_app.state.admin_navigation import AdminNavigationState

ROUTE = routes.ADMIN_CONTENT
TITLE = texts_admin.CONTENT_TITLE
ON_LOAD = [AdminContentState.load, AdminNavigationState.load]

State = AdminContentState


def _edit_link(type_key: str, row: ObjectVar[RecordRow]) -> rx.Component:
    return rx.el.a(
        texts_admin.NEWS_EDIT,
        href=routes.ADMIN_CONTENT_EDIT + f"?typ={type_key}&id=" + row.id.to_string(),
        class_name="button button-secondary",
        aria_label=texts_admin.NEWS_EDIT + ": " + row.title.to(str),
    )


def _partnership_row(row: ObjectVar[RecordRow]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.title, scope="row"),
        labelled_cell(texts_admin.CONTENT_PARTNERSHIP_COLUMNS[1], row.details),
        rx.el.td(_edit_link(PARTNERSHIP.key, row)),
    )


def _contact_row(row: ObjectVar[RecordRow]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.title, scope="row"),
        labelled_cell(texts_admin.CONTENT_CONTACT_COLUMNS[1], row.details),
        rx.el.td(
            rx.el.div(
                _edit_link(CONTACT.key, row),
                rx.el.button(
                    texts_admin.NEWS_DELETE,
                    type="button",
                    on_click=State.ask_delete(row.id),
                    class_name="button button-danger",
                    aria_label=texts_admin.NEWS_DELETE + ": " + row.title.to(str),
                ),
                class_name="row-actions",
            )
        ),
    )


def admin_content() -> rx.Component:
    """Partnerships, contacts, and the page's intro and address."""
    return admin_layout(
        rx.el.h1(texts_admin.CONTENT_HEADING, class_name="page-title"),
        rx.cond(
            State.message != "",
            rx.el.p(State.message, role="status", class_name="form-message"),
        ),
        rx.el.section(
            rx.el.h2(texts_admin.CONTENT_PARTNERSHIPS, id="partnerschaften"),
            rx.el.a(
                texts_admin.CONTENT_NEW_PARTNERSHIP,
                href=routes.record_edit_url(PARTNERSHIP.key),
                class_name="button",
            ),
            admin_table(
                texts_admin.CONTENT_PARTNERSHIP_COLUMNS, State.partnerships, _partnership_row
            ),
            aria_labelledby="partnerschaften",
        ),
        rx.el.section(
            rx.el.h2(texts_admin.CONTENT_CONTACTS, id="kontakte"),
            delete_confirmation(
                pending=State.confirm_delete_id != 0,
                question=texts_admin.CONTACT_DELETE_CONFIRM,
                name=State.confirm_delete_label,
                on_confirm=State.confirm_delete,
                on_cancel=State.cancel_delete,
            ),
            rx.el.a(
                texts_admin.CONTENT_NEW_CONTACT,
                href=routes.record_edit_url(CONTACT.key),
                class_name="button",
            ),
            admin_table(texts_admin.CONTENT_CONTACT_COLUMNS, State.contacts, _contact_row),
            aria_labelledby="kontakte",
        ),
        rx.el.section(
            rx.el.h2(texts_admin.CONTENT_PAGE, id="seite"),
            rx.el.ul(
                rx.el.li(rx.el.a(texts_admin.CONTENT_EDIT_INTRO, href=State.intro_url)),
                rx.el.li(rx.el.a(texts_admin.CONTENT_EDIT_ADDRESS, href=State.address_url)),
            ),
            aria_labelledby="seite",
        ),
    )
