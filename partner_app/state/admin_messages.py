"""The inbox of messages from the public."""

import reflex as rx
from sqlmodel import Session

from partner_app import texts_admin
from partner_app.models import utc_now
from partner_app.services.contact_messages import (
    MessageRow,
    inbox,
    purge_expired,
    set_done,
    volume_alert,
)
from partner_app.state.admin_session import SignedInEditor, editor_only, holds_admin_data
from partner_app.state.database_thread import in_session


@holds_admin_data
class AdminMessagesState(rx.State):
    """Open messages (or all), newest first."""

    rows: rx.Field[list[MessageRow]] = rx.field(default_factory=list)
    include_done: rx.Field[bool] = rx.field(False)
    status: rx.Field[str] = rx.field("")
    # Unusually many messages in the last hour (a spam wave?), or "".
    volume_alert: rx.Field[str] = rx.field("")

    @rx.event
    @editor_only
    async def load(self) -> rx.event.EventSpec | None:
        """Show the inbox (on page load)."""
        self.status = ""
        await self._refresh()
        return None

    @rx.event
    @editor_only
    async def show_done(self, show: bool) -> rx.event.EventSpec | None:
        """Also list messages already marked done, or hide them again."""
        self.include_done = bool(show)
        await self._refresh()
        return None

    @rx.event
    @editor_only
    async def mark_done(self, editor: SignedInEditor, message_id: int) -> rx.event.EventSpec | None:
        """Mark a message as done."""
        await self._set_done(message_id, done=True, editor=editor)
        return None

    @rx.event
    @editor_only
    async def reopen(self, editor: SignedInEditor, message_id: int) -> rx.event.EventSpec | None:
        """Open a done message again."""
        await self._set_done(message_id, done=False, editor=editor)
        return None

    async def _set_done(self, message_id: int, *, done: bool, editor: SignedInEditor) -> None:
        found = await in_session(
            lambda session: set_done(
                session, int(message_id), done=done, editor=editor.username, now=utc_now()
            )
        )
        self.status = (
            (texts_admin.INBOX_MARKED_DONE if done else texts_admin.INBOX_REOPENED)
            if found
            else texts_admin.INBOX_GONE
        )
        await self._refresh()

    async def _refresh(self) -> None:
        include_done = self.include_done

        def look(session: Session) -> tuple[list[MessageRow], str]:
            now = utc_now()
            purge_expired(session, now)
            session.commit()
            return inbox(session, include_done=include_done), volume_alert(session, now)

        self.rows, self.volume_alert = await in_session(look)
