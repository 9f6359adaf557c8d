"""The admin's overview of partnerships, contacts, address and intro."""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.services.content_types import CONTACT, INTRO, OFFICE, PARTNERSHIP
from partner_app.services.record_editing import (
    RecordRow,
    delete_record,
    first_record_id,
    list_records,
)
from partner_app.state.admin_session import editor_only, holds_admin_data
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
        self._reload()
        return None

    def _label_of(self, row_id: int) -> str:
        return next((row.title for row in self.contacts if row.id == row_id), "")

    async def _delete(self, row_id: int, editor: str) -> None:
        with rx.session() as session:
            delete_record(session, CONTACT, row_id, editor=editor)

    def _gone_message(self) -> str:
        return texts_admin.CONTACT_LIST_GONE

    def _reload(self) -> None:
        with rx.session() as session:
            self.partnerships = list_records(session, PARTNERSHIP)
            self.contacts = list_records(session, CONTACT)
            intro_id = first_record_id(session, INTRO)
            address_id = first_record_id(session, OFFICE)
        self.intro_url = routes.record_edit_url(INTRO.key, intro_id) if intro_id else ""
        self.address_url = routes.record_edit_url(OFFICE.key, address_id) if address_id else ""
