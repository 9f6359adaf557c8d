"""The admin's list of news: search, status filter, publish/unpublish, delete."""

import reflex as rx

from partner_app import routes
from partner_app.models import NewsStatus
from partner_app.services.clock import today_in_krefeld
from partner_app.services.edit_conflicts import RecordGoneError
from partner_app.services.news_admin import (
    NewsAdminRow,
    delete_news,
    news_admin_list,
    set_news_status,
)
from partner_app.state.admin_session import require_editor
from partner_app.state.live_news import announce_news_change

RECORD_GONE = "Diese Meldung gibt es nicht mehr; die Liste wurde neu geladen."


class AdminNewsListState(rx.State):
    """The rows on screen, the filters and a pending delete confirmation."""

    rows: list[NewsAdminRow] = []
    search: str = ""
    status: str = ""
    confirm_delete_id: int = 0
    message: str = ""

    @rx.var
    def confirm_delete_title(self) -> str:
        """The title of the item waiting for delete confirmation."""
        return next((row.title for row in self.rows if row.id == self.confirm_delete_id), "")

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        """Show the list (on page load)."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.confirm_delete_id = 0
        self._reload()
        return None

    @rx.event
    async def set_search(self, value: str) -> rx.event.EventSpec | None:
        """Filter by free text."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.search = value[:100]
        self._reload()
        return None

    @rx.event
    async def set_status(self, value: str) -> rx.event.EventSpec | None:
        """Filter by status ("" for all)."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.status = value if value in {s.value for s in NewsStatus} else ""
        self._reload()
        return None

    @rx.event
    async def publish(self, news_id: int) -> rx.event.EventSpec | None:
        """Make an item public (from its publication date on)."""
        return await self._set_status(news_id, NewsStatus.published, "veröffentlicht")

    @rx.event
    async def unpublish(self, news_id: int) -> rx.event.EventSpec | None:
        """Take an item back to draft."""
        return await self._set_status(news_id, NewsStatus.draft, "zurückgezogen")

    @rx.event
    async def ask_delete(self, news_id: int) -> rx.event.EventSpec | None:
        """Ask for confirmation before deleting."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.confirm_delete_id = int(news_id)
        return None

    @rx.event
    async def cancel_delete(self) -> rx.event.EventSpec | None:
        """Keep the item."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.confirm_delete_id = 0
        return None

    @rx.event
    async def confirm_delete(self) -> rx.event.EventSpec | None:
        """Delete the item waiting for confirmation."""
        editor = await require_editor(self)
        if editor is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        title = self.confirm_delete_title
        with rx.session() as session:
            try:
                delete_news(session, self.confirm_delete_id, editor=editor.username)
                self.message = f"„{title}“ wurde gelöscht."
                await announce_news_change(self)
            except RecordGoneError:
                self.message = RECORD_GONE
        self.confirm_delete_id = 0
        self._reload()
        return None

    async def _set_status(
        self, news_id: int, status: NewsStatus, done: str
    ) -> rx.event.EventSpec | None:
        editor = await require_editor(self)
        if editor is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        with rx.session() as session:
            try:
                set_news_status(session, int(news_id), status, editor=editor.username)
                await announce_news_change(self)
                title = next((row.title for row in self.rows if row.id == int(news_id)), "")
                self.message = f"„{title}“ wurde {done}."
            except RecordGoneError:
                self.message = RECORD_GONE
        self._reload()
        return None

    def _reload(self) -> None:
        with rx.session() as session:
            self.rows = news_admin_list(
                session, text=self.search, status=self.status, today=today_in_krefeld()
            )
