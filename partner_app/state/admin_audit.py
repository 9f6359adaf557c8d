"""The audit log page."""

import reflex as rx

from partner_app import routes
from partner_app.services.audit_log import AuditRow, recent_entries
from partner_app.state.admin_session import require_editor


class AdminAuditState(rx.State):
    """The newest audit entries."""

    entries: list[AuditRow] = []

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        """Show the newest entries (on page load)."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        with rx.session() as session:
            self.entries = recent_entries(session)
        return None
