"""The audit log page."""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import routes, texts_admin
from partner_app.components.admin_layout import admin_layout
from partner_app.components.admin_table import admin_table, labelled_cell
from partner_app.services.audit_log import AuditRow
from partner_app.state.admin_audit import AdminAuditState
from partner_app.state.admin_navigation import AdminNavigationState

ROUTE = routes.ADMIN_AUDIT
TITLE = f"{texts_admin.AUDIT_HEADING} – {texts_admin.ADMIN_TITLE}"
ON_LOAD = [AdminAuditState.load, AdminNavigationState.load]


def _row(entry: ObjectVar[AuditRow]) -> rx.Component:
    columns = texts_admin.AUDIT_COLUMNS
    return rx.el.tr(
        labelled_cell(columns[0], entry.at_label),
        labelled_cell(columns[1], entry.editor),
        labelled_cell(columns[2], entry.action),
        rx.el.th(entry.entity, scope="row"),
        labelled_cell(columns[4], entry.details),
    )


def admin_audit() -> rx.Component:
    """Who changed what, newest first."""
    return admin_layout(
        rx.el.h1(texts_admin.AUDIT_HEADING, class_name="page-title"),
        admin_table(texts_admin.AUDIT_COLUMNS, AdminAuditState.entries, _row),
    )
