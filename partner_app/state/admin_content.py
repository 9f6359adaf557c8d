"""The admin's overview of partnerships, contacts, address and intro."""

import reflex as rx

from partner_app import routes
from partner_app.services.content_types import CONTACT, INTRO, OFFICE, PARTNERSHIP
from partner_app.services.edit_conflicts import RecordGoneError
from partner_app.services.record_editing import (
    RecordRow,
    delete_record,
    first_record_id,
    list_records,
)
from partner_app.state.admin_session import require_editor


class AdminContentState(rx.State):
    """Lists of the editable records and a pending contact deletion."""

    partnerships: list[RecordRow] = []
    contacts: list[RecordRow] = []
    intro_url: str = ""
    address_url: str = ""
    confirm_delete_id: int = 0
    message: str = ""

    @rx.var
    def confirm_delete_name(self) -> str:
        """The name of the contact waiting for delete confirmation."""
        return next((row.title for row in self.contacts if row.id == self.confirm_delete_id), "")

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        """Show the lists (on page load)."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.confirm_delete_id = 0
        self._reload()
        return None

    @rx.event
    async def ask_delete_contact(self, contact_id: int) -> rx.event.EventSpec | None:
        """Ask before deleting a contact."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.confirm_delete_id = int(contact_id)
        return None

    @rx.event
    async def cancel_delete(self) -> rx.event.EventSpec | None:
        """Keep the contact."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.confirm_delete_id = 0
        return None

    @rx.event
    async def confirm_delete(self) -> rx.event.EventSpec | None:
        """Delete the contact waiting for confirmation."""
        editor = await require_editor(self)
        if editor is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        name = self.confirm_delete_name
        with rx.session() as session:
            try:
                delete_record(session, CONTACT, self.confirm_delete_id, editor=editor.username)
                self.message = f"„{name}“ wurde gelöscht."
            except RecordGoneError:
                self.message = "Diesen Kontakt gibt es nicht mehr."
        self.confirm_delete_id = 0
        self._reload()
        return None

    def _reload(self) -> None:
        with rx.session() as session:
            self.partnerships = list_records(session, PARTNERSHIP)
            self.contacts = list_records(session, CONTACT)
            intro_id = first_record_id(session, INTRO)
            address_id = first_record_id(session, OFFICE)
        self.intro_url = routes.record_edit_url(INTRO.key, intro_id) if intro_id else ""
        self.address_url = routes.record_edit_url(OFFICE.key, address_id) if address_id else ""
