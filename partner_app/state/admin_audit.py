"""The audit log page."""

import reflex as rx

from partner_app.services.audit_log import AuditRow, recent_entries
from partner_app.state.admin_session import editor_only, holds_admin_data
from partner_app.state.database_thread import in_session


@holds_admin_data
class AdminAuditState(rx.State):
    """The newest audit entries."""

    entries: rx.Field[list[AuditRow]] = rx.field(default_factory=list)

    @rx.event
    @editor_only
    async def load(self) -> rx.event.EventSpec | None:
        """Show the newest entries (on page load)."""
        self.entries = await in_session(recent_entries)
        return None
