"""The admin's overview of partnerships, contacts, address and intro."""

from collections.abc import Callable, Sequence

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import routes, texts
from partner_app.components.admin_form import delete_confirmation
from partner_app.components.admin_layout import admin_layout
from partner_app.services.content_types import CONTACT, PARTNERSHIP
from partner_app.services.record_editing import RecordRow
from partner_app.state.admin_content import AdminContentState

ROUTE = routes.ADMIN_CONTENT
TITLE = f"Inhalte – {texts.ADMIN_TITLE}"
ON_LOAD = [AdminContentState.load]

State = AdminContentState


def _edit_link(type_key: str, row: ObjectVar[RecordRow]) -> rx.Component:
    return rx.el.a(
        texts.NEWS_EDIT,
        href=routes.ADMIN_CONTENT_EDIT + f"?typ={type_key}&id=" + row.id.to_string(),
        class_name="button button-secondary",
        aria_label=texts.NEWS_EDIT + ": " + row.title.to(str),
    )


def _partnership_row(row: ObjectVar[RecordRow]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.title, scope="row"),
        rx.el.td(row.details),
        rx.el.td(_edit_link(PARTNERSHIP.key, row)),
    )


def _contact_row(row: ObjectVar[RecordRow]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.title, scope="row"),
        rx.el.td(row.details),
        rx.el.td(
            rx.el.div(
                _edit_link(CONTACT.key, row),
                rx.el.button(
                    texts.NEWS_DELETE,
                    type="button",
                    on_click=State.ask_delete_contact(row.id),
                    class_name="button button-danger",
                    aria_label=texts.NEWS_DELETE + ": " + row.title.to(str),
                ),
                class_name="row-actions",
            )
        ),
    )


def _table(
    columns: tuple[str, ...],
    rows: rx.Var[Sequence[RecordRow]],
    render: Callable[[ObjectVar[RecordRow]], rx.Component],
) -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.thead(rx.el.tr(*(rx.el.th(column, scope="col") for column in columns))),
            rx.el.tbody(rx.foreach(rows, render)),
            class_name="overview-table admin-table",
        ),
        class_name="table-scroll",
    )


def admin_content() -> rx.Component:
    """Partnerships, contacts, and the page's intro and address."""
    return admin_layout(
        rx.el.h1("Inhalte der Seite", class_name="page-title"),
        rx.cond(
            State.message != "",
            rx.el.p(State.message, role="status", class_name="form-message"),
        ),
        rx.el.section(
            rx.el.h2("Partnerschaften", id="partnerschaften"),
            rx.el.a(
                "Neue Partnerschaft",
                href=routes.record_edit_url(PARTNERSHIP.key),
                class_name="button",
            ),
            _table(
                ("Partnerstadt", "Land und Status", "Aktionen"),
                State.partnerships,
                _partnership_row,
            ),
            aria_labelledby="partnerschaften",
        ),
        rx.el.section(
            rx.el.h2("Kontakte", id="kontakte"),
            delete_confirmation(
                pending=State.confirm_delete_id != 0,
                question=texts.CONTACT_DELETE_CONFIRM,
                name=State.confirm_delete_name,
                on_confirm=State.confirm_delete,
                on_cancel=State.cancel_delete,
            ),
            rx.el.a("Neuer Kontakt", href=routes.record_edit_url(CONTACT.key), class_name="button"),
            _table(("Name", "Telefon und E-Mail", "Aktionen"), State.contacts, _contact_row),
            aria_labelledby="kontakte",
        ),
        rx.el.section(
            rx.el.h2("Seite", id="seite"),
            rx.el.ul(
                rx.el.li(rx.el.a("Einleitung bearbeiten", href=State.intro_url)),
                rx.el.li(rx.el.a("Anschrift bearbeiten", href=State.address_url)),
            ),
            aria_labelledby="seite",
        ),
    )
