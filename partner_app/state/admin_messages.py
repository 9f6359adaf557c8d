"""The inbox of messages from the public."""

from datetime import datetime

import reflex as rx

from partner_app import texts_admin
from partner_app.models import utc_now
from partner_app.services.contact_messages import (
    MessageRow,
    look_at_inbox,
    record_answer,
    set_done,
)
from partner_app.state.admin_navigation import AdminNavigationState
from partner_app.state.admin_session import SignedInEditor, editor_only, holds_admin_data
from partner_app.state.database_thread import in_session


@holds_admin_data
class AdminMessagesState(rx.State):
    """Open messages (or all), newest first; what was new when the page opened says so."""

    rows: rx.Field[list[MessageRow]] = rx.field(default_factory=list)
    include_done: rx.Field[bool] = rx.field(False)
    status: rx.Field[str] = rx.field("")
    # Unusually many messages in the last hour (a spam wave?), or "".
    volume_alert: rx.Field[str] = rx.field("")
    # When this page view began: messages first seen since then stay marked "Neu".
    _opened_at: datetime | None = None

    @rx.event
    @editor_only
    async def load(self) -> rx.event.EventSpec | None:
        """Show the inbox (on page load); what it shows counts as seen from now on."""
        self.status = ""
        self._opened_at = utc_now()
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

    @rx.event
    @editor_only
    async def answer(self, editor: SignedInEditor, message_id: int) -> rx.event.EventSpec | None:
        """Note the reply the "Antworten" link opened in the editor's mail program."""
        found = await in_session(
            lambda session: record_answer(
                session, int(message_id), editor=editor.username, now=utc_now()
            )
        )
        self.status = texts_admin.INBOX_ANSWERED if found else texts_admin.INBOX_GONE
        await self._refresh()
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
        now = utc_now()
        opened_at = self._opened_at or now
        view = await in_session(
            lambda session: look_at_inbox(
                session, include_done=include_done, now=now, opened_at=opened_at
            )
        )
        self.rows = view.rows
        self.volume_alert = view.volume_alert
        navigation = await self.get_state(AdminNavigationState)
        navigation._show(view.new_messages)
