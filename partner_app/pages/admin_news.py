"""The admin's list of news."""

import reflex as rx
from reflex.event import EventType
from reflex.vars import ObjectVar

from partner_app import routes, texts_admin
from partner_app.components.admin_form import delete_confirmation
from partner_app.components.admin_layout import admin_layout
from partner_app.components.admin_table import admin_table, labelled_cell
from partner_app.services.news_admin import NewsAdminRow
from partner_app.state.admin_navigation import AdminNavigationState
from partner_app.state.admin_news_list import AdminNewsListState

ROUTE = routes.ADMIN_NEWS
TITLE = f"{texts_admin.NEWS_LIST_HEADING} – {texts_admin.ADMIN_TITLE}"
ON_LOAD = [AdminNewsListState.load, AdminNavigationState.load]


def _row_button(
    label: str, on_click: EventType[()], row: ObjectVar[NewsAdminRow], kind: str
) -> rx.Component:
    # The visible label is short; the accessible name says which item it acts on.
    return rx.el.button(
        label,
        type="button",
        on_click=on_click,
        class_name=f"button {kind}",
        aria_label=label + ": " + row.title.to(str),
    )


def _actions(row: ObjectVar[NewsAdminRow]) -> rx.Component:
    return rx.el.div(
        rx.el.a(
            texts_admin.NEWS_EDIT,
            href=routes.ADMIN_NEWS_EDIT + "?id=" + row.id.to_string(),
            class_name="button button-secondary",
            aria_label=texts_admin.NEWS_EDIT + ": " + row.title.to(str),
        ),
        rx.cond(
            row.status == "published",
            _row_button(
                texts_admin.NEWS_UNPUBLISH,
                AdminNewsListState.unpublish(row.id),
                row,
                "button-secondary",
            ),
            _row_button(
                texts_admin.NEWS_PUBLISH,
                AdminNewsListState.publish(row.id),
                row,
                "button-secondary",
            ),
        ),
        _row_button(
            texts_admin.NEWS_DELETE, AdminNewsListState.ask_delete(row.id), row, "button-danger"
        ),
        class_name="row-actions",
    )


def _row(row: ObjectVar[NewsAdminRow]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.title, scope="row"),
        labelled_cell(texts_admin.NEWS_COLUMNS[1], row.date_label),
        labelled_cell(
            texts_admin.NEWS_COLUMNS[2],
            row.status_label,
            rx.cond(row.is_scheduled, rx.el.span(" (" + texts_admin.NEWS_SCHEDULED + ")")),
        ),
        rx.el.td(_actions(row)),
    )


def admin_news() -> rx.Component:
    """Search, status filter, the table of items and their actions."""
    return admin_layout(
        rx.el.h1(texts_admin.NEWS_LIST_HEADING, class_name="page-title"),
        rx.el.a(texts_admin.NEWS_NEW, href=routes.ADMIN_NEWS_EDIT, class_name="button"),
        rx.cond(
            AdminNewsListState.message != "",
            rx.el.p(AdminNewsListState.message, role="status", class_name="form-message"),
        ),
        delete_confirmation(
            pending=AdminNewsListState.confirm_delete_id != 0,
            question=texts_admin.NEWS_DELETE_CONFIRM,
            name=AdminNewsListState.confirm_delete_label,
            on_confirm=AdminNewsListState.confirm_delete,
            on_cancel=AdminNewsListState.cancel_delete,
        ),
        rx.el.div(
            rx.el.div(
                rx.el.label(texts_admin.NEWS_SEARCH, html_for="admin-suche"),
                rx.el.input(
                    id="admin-suche",
                    type="search",
                    default_value=AdminNewsListState.search,
                    on_change=AdminNewsListState.set_search.debounce(300),
                ),
                class_name="filter-field",
            ),
            rx.el.div(
                rx.el.label(texts_admin.NEWS_STATUS_FILTER, html_for="admin-status"),
                rx.el.select(
                    rx.el.option(texts_admin.NEWS_ALL_STATUSES, value=""),
                    *(
                        rx.el.option(label, value=value)
                        for value, label in texts_admin.NEWS_STATUS_OPTIONS
                    ),
                    id="admin-status",
                    value=AdminNewsListState.status,
                    on_change=AdminNewsListState.set_status,
                ),
                class_name="filter-field",
            ),
            role="search",
            class_name="filter-bar",
        ),
        rx.cond(
            AdminNewsListState.rows.length() == 0,
            rx.el.p(texts_admin.NEWS_EMPTY),
            admin_table(texts_admin.NEWS_COLUMNS, AdminNewsListState.rows, _row),
        ),
    )
