"""The admin's overview of partnerships, contacts, address and intro."""

import reflex as rx
from sqlmodel import Session

from partner_app import routes, texts_admin
from partner_app.services.content_types import CONTACT, INTRO, OFFICE, PARTNERSHIP
from partner_app.services.record_editing import (
    RecordRow,
    delete_record,
    first_record_id,
    list_records,
)
from partner_app.state.admin_session import editor_only, holds_admin_data
from partner_app.state.database_thread import in_session
from partner_app.state.editor_forms import DeleteConfirmationMixin


@holds_admin_data
class AdminContentState(DeleteConfirmationMixin, rx.State):
    """Lists of the editable records and a pending contact deletion."""

    partnerships: rx.Field[list[RecordRow]] = rx.field(default_factory=list)
    contacts: rx.Field[list[RecordRow]] = rx.field(default_factory=list)
    intro_url: rx.Field[str] = rx.field("")
    address_url: rx.Field[str] = rx.field("")

    @rx.event
    @editor_only
    async def load(self) -> rx.event.EventSpec | None:
        """Show the lists (on page load)."""
        self._forget_delete()
        await self._reload()
        return None

    def _label_of(self, row_id: int) -> str:
        return next((row.title for row in self.contacts if row.id == row_id), "")

    async def _delete(self, row_id: int, editor: str) -> None:
        await in_session(lambda session: delete_record(session, CONTACT, row_id, editor=editor))

    def _gone_message(self) -> str:
        return texts_admin.CONTACT_LIST_GONE

    async def _reload(self) -> None:
        def read(
            session: Session,
        ) -> tuple[list[RecordRow], list[RecordRow], int | None, int | None]:
            return (
                list_records(session, PARTNERSHIP),
                list_records(session, CONTACT),
                first_record_id(session, INTRO),
                first_record_id(session, OFFICE),
            )

        self.partnerships, self.contacts, intro_id, address_id = await in_session(read)
        self.intro_url = routes.record_edit_url(INTRO.key, intro_id) if intro_id else ""
        self.address_url = routes.record_edit_url(OFFICE.key, address_id) if address_id else ""
