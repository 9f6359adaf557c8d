"""The inbox of messages from the public."""

import reflex as rx

from partner_app import routes, texts
from partner_app.models import utc_now
from partner_app.services.contact_messages import MessageRow, inbox, purge_expired, set_done
from partner_app.state.admin_session import require_editor


class AdminMessagesState(rx.State):
    """Open messages (or all), newest first."""

    rows: list[MessageRow] = []
    include_done: bool = False
    status: str = ""

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        """Show the inbox (on page load)."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.status = ""
        self._refresh()
        return None

    @rx.event
    async def show_done(self, show: bool) -> rx.event.EventSpec | None:
        """Also list messages already marked done, or hide them again."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.include_done = bool(show)
        self._refresh()
        return None

    @rx.event
    async def mark_done(self, message_id: int) -> rx.event.EventSpec | None:
        """Mark a message as done."""
        return await self._set_done(message_id, done=True)

    @rx.event
    async def reopen(self, message_id: int) -> rx.event.EventSpec | None:
        """Open a done message again."""
        return await self._set_done(message_id, done=False)

    async def _set_done(self, message_id: int, *, done: bool) -> rx.event.EventSpec | None:
        editor = await require_editor(self)
        if editor is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        with rx.session() as session:
            found = set_done(
                session, int(message_id), done=done, editor=editor.username, now=utc_now()
            )
        self.status = (
            (texts.INBOX_MARKED_DONE if done else texts.INBOX_REOPENED)
            if found
            else texts.INBOX_GONE
        )
        self._refresh()
        return None

    def _refresh(self) -> None:
        with rx.session() as session:
            purge_expired(session, utc_now())
            session.commit()
            self.rows = inbox(session, include_done=self.include_done)
