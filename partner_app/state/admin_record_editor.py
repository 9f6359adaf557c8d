"""The form of a partnership, contact, address or intro, built from its record type."""

from dataclasses import dataclass

import reflex as rx

from partner_app import routes
from partner_app.services.clock import today_in_krefeld
from partner_app.services.content_types import RECORD_TYPES
from partner_app.services.edit_conflicts import EditConflictError, RecordGoneError
from partner_app.services.form_validation import ValidationError
from partner_app.services.record_editing import (
    FieldSpec,
    RecordType,
    empty_form,
    record_form,
    save_record,
)
from partner_app.state.admin_session import require_editor
from partner_app.state.image_upload import receive_image

UPLOAD_ID = "eintrag-bild"


@dataclass(frozen=True)
class ChoiceView:
    """An option of a choice field."""

    value: str
    label: str


@dataclass(frozen=True)
class FieldView:
    """What the form needs to render one field."""

    name: str
    label: str
    kind: str
    required: bool
    hint: str
    choices: list[ChoiceView]


class AdminRecordEditorState(rx.State):
    """Field definitions, values as typed, messages per field, a conflict report."""

    type_key: str = ""
    type_label: str = ""
    record_id: int = 0
    fields: list[FieldView] = []
    values: dict[str, str] = {}
    form_key: int = 0
    errors: dict[str, str] = {}
    conflict: dict[str, str] = {}
    message: str = ""
    upload_error: str = ""
    _base: dict[str, str] = {}
    _base_version: int = 0

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        """Load the record named in the URL (``?typ=…&id=…``), or an empty form."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
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
        self.fields = [_field_view(spec) for spec in record_type.fields]
        if raw_id.isdigit():
            with rx.session() as session:
                try:
                    values, version = record_form(session, record_type, int(raw_id))
                except RecordGoneError:
                    return rx.redirect(routes.ADMIN_CONTENT)
            self.record_id = int(raw_id)
        else:
            values, version = empty_form(record_type), 0
            self.record_id = 0
        self._show(values, version)
        return None

    @rx.event
    async def save(self, form_data: dict[str, str]) -> rx.event.EventSpec | None:
        """Validate and save; on failure keep every input and say what is wrong."""
        editor = await require_editor(self)
        if editor is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        record_type = RECORD_TYPES.get(self.type_key)
        if record_type is None:
            return rx.redirect(routes.ADMIN_CONTENT)
        submitted = {spec.name: str(form_data.get(spec.name, "")) for spec in record_type.fields}
        self.values = submitted
        self.message = ""
        with rx.session() as session:
            try:
                record_id = save_record(
                    session,
                    record_type,
                    submitted,
                    editor=editor.username,
                    today=today_in_krefeld(),
                    record_id=self.record_id or None,
                    base=self._base,
                    base_version=self._base_version or None,
                )
            except ValidationError as invalid:
                self.errors, self.conflict = invalid.errors, {}
                self.message = "Bitte prüfen Sie die markierten Felder."
                return None
            except EditConflictError as conflict:
                self.errors, self.conflict = {}, conflict.changes
                return None
            except RecordGoneError:
                self.message = "Diesen Eintrag gibt es nicht mehr."
                return None
            values, version = record_form(session, record_type, record_id)
        created = self.record_id == 0
        self.record_id = record_id
        self._show(values, version)
        self.message = "Gespeichert."
        if created:
            return rx.redirect(routes.record_edit_url(record_type.key, record_id), replace=True)
        return None

    @rx.event
    async def reload_current(self) -> rx.event.EventSpec | None:
        """After a conflict: load the version saved by the other person."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        record_type: RecordType | None = RECORD_TYPES.get(self.type_key)
        if record_type is None or not self.record_id:
            return rx.redirect(routes.ADMIN_CONTENT)
        with rx.session() as session:
            try:
                values, version = record_form(session, record_type, self.record_id)
            except RecordGoneError:
                return rx.redirect(routes.ADMIN_CONTENT)
        self._show(values, version)
        self.message = "Die aktuelle Fassung wurde geladen."
        return None

    @rx.event
    async def upload_image(self, files: list[rx.UploadFile]) -> rx.event.EventSpec | None:
        """Check and store an uploaded image; the form's image field then refers to it."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        path, self.upload_error = await receive_image(files, folder=self.type_key or "inhalte")
        if path:
            self.values = {**self.values, "image_path": path}
        return None

    @rx.event
    async def remove_image(self) -> rx.event.EventSpec | None:
        """Detach the image (saved with the next save)."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.values = {**self.values, "image_path": ""}
        self.upload_error = ""
        return None

    def _show(self, values: dict[str, str], version: int) -> None:
        self.values = values
        self._base = dict(values)
        self._base_version = version
        self.errors = {}
        self.conflict = {}
        self.upload_error = ""
        self.form_key += 1


def _field_view(spec: FieldSpec) -> FieldView:
    return FieldView(
        name=spec.name,
        label=spec.label,
        kind=spec.kind,
        required=spec.required,
        hint=spec.hint,
        choices=[ChoiceView(value, label) for value, label in spec.choices],
    )
