"""The audit log page."""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import routes, texts_admin
from partner_app.components.admin_layout import admin_layout
from partner_app.services.audit_log import AuditRow
from partner_app.state.admin_audit import AdminAuditState

ROUTE = routes.ADMIN_AUDIT
TITLE = f"{texts_admin.AUDIT_HEADING} – {texts_admin.ADMIN_TITLE}"
ON_LOAD = [AdminAuditState.load]


def _row(entry: ObjectVar[AuditRow]) -> rx.Component:
    return rx.el.tr(
        rx.el.td(entry.at_label),
        rx.el.td(entry.editor),
        rx.el.td(entry.action),
        rx.el.th(entry.entity, scope="row"),
        rx.el.td(entry.details),
    )


def admin_audit() -> rx.Component:
    """Who changed what, newest first."""
    return admin_layout(
        rx.el.h1(texts_admin.AUDIT_HEADING, class_name="page-title"),
        rx.el.div(
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(*(rx.el.th(c, scope="col") for c in texts_admin.AUDIT_COLUMNS))
                ),
                rx.el.tbody(rx.foreach(AdminAuditState.entries, _row)),
                class_name="overview-table admin-table",
            ),
            class_name="table-scroll",
        ),
    )
