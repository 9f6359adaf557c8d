"""The admin's list of news: search, status filter, publish/unpublish, delete."""

import reflex as rx

from partner_app import texts_admin
from partner_app.models import NewsStatus
from partner_app.services.clock import today_in_krefeld
from partner_app.services.edit_conflicts import RecordGoneError
from partner_app.services.news_admin import (
    NewsAdminRow,
    changes_public_news,
    delete_news,
    news_admin_list,
    set_news_status,
)
from partner_app.state.admin_session import SignedInEditor, editor_only, holds_admin_data
from partner_app.state.database_thread import in_session
from partner_app.state.editor_forms import DeleteConfirmationMixin
from partner_app.state.live_news import announce_news_change


@holds_admin_data
class AdminNewsListState(DeleteConfirmationMixin, rx.State):
    """The rows on screen, the filters and a pending delete confirmation."""

    rows: rx.Field[list[NewsAdminRow]] = rx.field(default_factory=list)
    search: rx.Field[str] = rx.field("")
    status: rx.Field[str] = rx.field("")

    @rx.event
    @editor_only
    async def load(self) -> rx.event.EventSpec | None:
        """Show the list (on page load)."""
        self._forget_delete()
        await self._reload()
        return None

    @rx.event
    @editor_only
    async def set_search(self, value: str) -> rx.event.EventSpec | None:
        """Filter by free text."""
        self.search = value[:100]
        await self._reload()
        return None

    @rx.event
    @editor_only
    async def set_status(self, value: str) -> rx.event.EventSpec | None:
        """Filter by status ("" for all)."""
        self.status = value if value in {s.value for s in NewsStatus} else ""
        await self._reload()
        return None

    @rx.event
    @editor_only
    async def publish(self, editor: SignedInEditor, news_id: int) -> rx.event.EventSpec | None:
        """Make an item public (from its publication date on)."""
        await self._set_status(news_id, NewsStatus.published, editor)
        return None

    @rx.event
    @editor_only
    async def unpublish(self, editor: SignedInEditor, news_id: int) -> rx.event.EventSpec | None:
        """Take an item back to draft."""
        await self._set_status(news_id, NewsStatus.draft, editor)
        return None

    async def _set_status(self, news_id: int, status: NewsStatus, editor: SignedInEditor) -> None:
        done = (
            texts_admin.NEWS_PUBLISHED
            if status == NewsStatus.published
            else texts_admin.NEWS_UNPUBLISHED
        )
        try:
            await in_session(
                lambda session: set_news_status(
                    session, int(news_id), status, editor=editor.username
                )
            )
            await announce_news_change(self)
            self.message = texts_admin.NEWS_STATUS_CHANGED.format(
                title=self._label_of(int(news_id)), done=done
            )
        except RecordGoneError:
            self.message = texts_admin.NEWS_LIST_GONE
        await self._reload()

    def _label_of(self, row_id: int) -> str:
        return next((row.title for row in self.rows if row.id == row_id), "")

    async def _delete(self, row_id: int, editor: str) -> None:
        status = next((row.status for row in self.rows if row.id == row_id), None)
        await in_session(lambda session: delete_news(session, row_id, editor=editor))
        if status is None or changes_public_news(status, None):
            await announce_news_change(self)

    def _gone_message(self) -> str:
        return texts_admin.NEWS_LIST_GONE

    async def _reload(self) -> None:
        text, status, today = self.search, self.status, today_in_krefeld()
        self.rows = await in_session(
            lambda session: news_admin_list(session, text=text, status=status, today=today)
        )
