"""The form of a partnership, contact, address or intro, built from its record type."""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.services.clock import today_in_krefeld
from partner_app.services.content_types import RECORD_TYPES
from partner_app.services.edit_conflicts import RecordGoneError
from partner_app.services.form_drafts import form_name
from partner_app.services.record_editing import empty_form, record_form, save_record
from partner_app.services.versioning import Snapshot
from partner_app.state.admin_session import SignedInEditor, editor_only, holds_admin_data
from partner_app.state.database_thread import in_session
from partner_app.state.editor_forms import EditorFormMixin

UPLOAD_ID = "eintrag-bild"


@holds_admin_data
class AdminRecordEditorState(EditorFormMixin, rx.State):
    """Field definitions, values as typed, messages per field, a conflict report."""

    type_key: rx.Field[str] = rx.field("")
    type_label: rx.Field[str] = rx.field("")
    record_id: rx.Field[int] = rx.field(0)
    values: rx.Field[dict[str, str]] = rx.field(default_factory=dict)

    @rx.event
    @editor_only
    async def load(self, editor: SignedInEditor) -> rx.event.EventSpec | None:
        """Load the record named in the URL (``?typ=…&id=…``), or an empty form."""
        params = self.router.url.query_parameters
        record_type = RECORD_TYPES.get(params.get("typ", ""))
        raw_id = params.get("id", "")
        if record_type is None or (not raw_id.isdigit() and not record_type.creatable):
            return rx.redirect(routes.ADMIN_CONTENT)
        if record_type.key != self.type_key or raw_id != str(self.record_id):
            # Another record: the last save's message was about the previous one. (After a
            # creation the page reloads the same record, and "Gespeichert." stays.)
            self.message = ""
        self.type_key = record_type.key
        self.type_label = record_type.label
        if raw_id.isdigit():
            try:
                values, opened = await in_session(
                    lambda session: record_form(session, record_type, int(raw_id))
                )
            except RecordGoneError:
                return rx.redirect(routes.ADMIN_CONTENT)
            self.record_id = int(raw_id)
        else:
            values, opened = empty_form(record_type), Snapshot()
            self.record_id = 0
        self._show(values, opened)
        await self._offer_draft(editor.username)
        return None

    @rx.event
    @editor_only
    async def save(
        self, editor: SignedInEditor, form_data: dict[str, str]
    ) -> rx.event.EventSpec | None:
        """Validate and save; on failure keep every input and say what is wrong."""
        record_type = RECORD_TYPES.get(self.type_key)
        if record_type is None:
            return rx.redirect(routes.ADMIN_CONTENT)
        submitted = {spec.name: str(form_data.get(spec.name, "")) for spec in record_type.fields}
        self.values = submitted
        unsaved_name = self._draft_name()
        record_id = await self._saved(
            lambda session: save_record(
                session,
                record_type,
                submitted,
                editor=editor.username,
                today=today_in_krefeld(),
                record_id=self.record_id or None,
                opened=self._opened_version(),
            )
        )
        if record_id is None:
            return self._to_the_problem()
        created, self.record_id = self.record_id == 0, record_id
        return await self._shown_as_saved(
            editor=editor.username,
            unsaved_name=unsaved_name,
            created=created,
            message=texts_admin.RECORD_FORM_SAVED,
            edit_url=routes.record_edit_url(record_type.key, record_id),
        )

    def _show(self, values: dict[str, str], opened: Snapshot) -> None:
        self._show_version(opened)
        self.values = values

    async def _show_saved(self) -> None:
        record_type = RECORD_TYPES.get(self.type_key)
        if record_type is None or not self.record_id:
            raise RecordGoneError
        record_id = self.record_id
        self._show(*await in_session(lambda session: record_form(session, record_type, record_id)))

    def _draft_name(self) -> str:
        return form_name(self.type_key or "eintrag", self.record_id)

    def _apply_draft(self, fields: dict[str, str]) -> None:
        record_type = RECORD_TYPES.get(self.type_key)
        if record_type is not None:
            self.values = {spec.name: str(fields.get(spec.name, "")) for spec in record_type.fields}

    def _list_route(self) -> str:
        return routes.ADMIN_CONTENT

    def _upload_folder(self) -> str:
        return self.type_key or "inhalte"

    def _set_image_path(self, path: str) -> None:
        self.values = {**self.values, "image_path": path}

    def _gone_message(self) -> str:
        return texts_admin.RECORD_FORM_GONE
