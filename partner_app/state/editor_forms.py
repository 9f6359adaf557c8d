"""What the admin's two editor forms and two lists with a delete button share.

Reflex state mixins: each concrete state in an ``admin_*`` module inherits the
fields and handlers below (every handler behind :func:`editor_only`) and fills in
the few ``_`` hooks that differ between a news item and a record.
"""

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from partner_app import texts_admin
from partner_app.models import utc_now
from partner_app.services.dates import format_admin_moment
from partner_app.services.edit_conflicts import EditConflictError, RecordGoneError
from partner_app.services.form_drafts import discard_draft, draft_of, keep_draft
from partner_app.services.form_validation import ValidationError
from partner_app.services.image_uploads import refusal_in_browser
from partner_app.services.versioning import Snapshot
from partner_app.state.admin_session import SignedInEditor, editor_only
from partner_app.state.database_thread import in_session
from partner_app.state.image_upload import receive_image


class EditorFormMixin(rx.State, mixin=True):
    """Messages per field, a conflict report, the status line and the image of a form."""

    # Re-creates the (uncontrolled) inputs when another version is shown.
    form_key: rx.Field[int] = rx.field(0)
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    conflict: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    message: rx.Field[str] = rx.field("")
    upload_error: rx.Field[str] = rx.field("")
    # A kept copy of unsaved typing, offered when the form opens ("" = none).
    draft_offer: rx.Field[str] = rx.field("")
    # The form shows a restored copy, not yet saved (the unsaved-changes guard asks).
    restored: rx.Field[bool] = rx.field(False)
    # What the form showed when it was opened: the next save is checked against it.
    _opened: Snapshot = Snapshot()
    _draft_fields: dict[str, str] = {}

    @rx.event
    @editor_only
    async def keep_draft_copy(
        self, editor: SignedInEditor, fields: dict[str, str]
    ) -> rx.event.EventSpec | None:
        """Keep what the editor typed so far (sent a moment after they stop typing)."""
        form = self._draft_name()
        values = {
            str(name): value for name, value in dict(fields).items() if isinstance(value, str)
        }
        await in_session(
            lambda session: keep_draft(
                session, editor=editor.username, form=form, fields=values, now=utc_now()
            )
        )
        return None

    @rx.event
    @editor_only
    async def restore_draft(self) -> rx.event.EventSpec | None:
        """Show the kept copy in the form (saved only when the editor saves)."""
        if self._draft_fields:
            self._apply_draft(self._draft_fields)
            self.form_key += 1
            self.restored = True
            self.message = texts_admin.DRAFT_RESTORED
        self._forget_offer()
        return _focus_the_form()

    @rx.event
    @editor_only
    async def discard_draft_copy(self, editor: SignedInEditor) -> rx.event.EventSpec | None:
        """Forget the kept copy; the form stays as saved."""
        await self._discard_drafts(editor.username, self._draft_name())
        self._forget_offer()
        return _focus_the_form()

    async def _offer_draft(self, editor: str) -> None:
        """After the form loaded: offer the editor's kept copy of it, if there is one."""
        form = self._draft_name()
        draft = await in_session(lambda session: draft_of(session, editor=editor, form=form))
        self.restored = False
        if draft is None:
            self._forget_offer()
            return
        self._draft_fields = draft.fields
        saved_at = format_admin_moment(draft.saved_at)
        self.draft_offer = texts_admin.DRAFT_OFFER.format(saved_at=saved_at)

    async def _discard_drafts(self, editor: str, *forms: str) -> None:
        await in_session(lambda session: discard_draft(session, editor=editor, forms=forms))

    def _forget_offer(self) -> None:
        self.draft_offer = ""
        self._draft_fields = {}

    @rx.event
    @editor_only
    async def reload_current(self) -> rx.event.EventSpec | None:
        """After a conflict: load the version saved by the other person."""
        try:
            await self._show_saved()
        except RecordGoneError:
            return rx.redirect(self._list_route())
        self.message = texts_admin.FORM_CURRENT_LOADED
        return None

    @rx.event
    @editor_only
    async def upload_image(self, files: list[rx.UploadFile]) -> rx.event.EventSpec | None:
        """Check and store an uploaded image; the form then refers to it."""
        path, self.upload_error = await receive_image(files, folder=self._upload_folder())
        if path:
            self._set_image_path(path)
        return None

    @rx.event
    @editor_only
    async def refuse_image(self, rejected: list[dict[str, Any]]) -> rx.event.EventSpec | None:
        """The browser refused the chosen file and sent nothing of it: say why.

        ``rejected`` holds react-dropzone's records (too large, wrong type, several
        files); the form and the image it shows stay as they are.
        """
        self.upload_error = refusal_in_browser(rejected)
        return None

    @rx.event
    @editor_only
    async def remove_image(self) -> rx.event.EventSpec | None:
        """Detach the image (saved with the next save)."""
        self._set_image_path("")
        self.upload_error = ""
        return None

    async def _saved(self, save: Callable[[Session], int]) -> int | None:
        """Run ``save`` in a session; on failure say why and keep every input.

        Returns the saved id; after a failure :meth:`_to_the_problem` takes the
        editor to what went wrong.
        """
        self.message = ""
        try:
            return await in_session(save)
        except ValidationError as invalid:
            self.errors, self.conflict = invalid.errors, {}
            self.message = texts_admin.FORM_CHECK_FIELDS
        except EditConflictError as conflict:
            self.errors, self.conflict = {}, conflict.changes
        except RecordGoneError:
            self.message = self._gone_message()
        return None

    async def _shown_as_saved(
        self, *, editor: str, unsaved_name: str, created: bool, message: str, edit_url: str
    ) -> rx.event.EventSpec | None:
        """Show the version just saved (its kept copies gone); a new record moves to its address.

        ``unsaved_name`` is the form's name before the save (a new record's ``…:neu``).
        """
        await self._discard_drafts(editor, unsaved_name, self._draft_name())
        self._forget_offer()
        self.restored = False
        await self._show_saved()
        self.message = message
        return rx.redirect(edit_url, replace=True) if created else None

    def _to_the_problem(self) -> rx.event.EventSpec | None:
        """Focus the first field with a message (the form was sent from its end).

        The messages come in the order of the form's fields. The image's path is a
        hidden input, so its message is reached from the field before it.
        """
        focusable = [name for name in self.errors if name != "image_path"]
        return rx.set_focus(focusable[0]) if focusable else None

    def _opened_version(self) -> Snapshot | None:
        """The snapshot a save of an existing record is checked against (none for a new one)."""
        return self._opened if self._opened.version else None

    def _show_version(self, opened: Snapshot) -> None:
        """Forget messages about the previous version; the caller sets the values."""
        self._opened = opened
        self.errors = {}
        self.conflict = {}
        self.upload_error = ""
        self.form_key += 1

    # Hooks of the concrete form.
    def _draft_name(self) -> str:
        """The name the form's kept copies go by (``services/form_drafts.form_name``)."""
        raise NotImplementedError

    def _apply_draft(self, fields: dict[str, str]) -> None:
        """Show a kept copy's values (the browser's form data) in the form."""
        raise NotImplementedError

    async def _show_saved(self) -> None:
        """Show the saved version again; raises RecordGoneError when it is gone."""
        raise NotImplementedError

    def _list_route(self) -> str:
        raise NotImplementedError

    def _upload_folder(self) -> str:
        raise NotImplementedError

    def _set_image_path(self, path: str) -> None:
        raise NotImplementedError

    def _gone_message(self) -> str:
        raise NotImplementedError


def _focus_the_form() -> rx.event.EventSpec:
    # The offer's buttons are gone: the focus goes to the form's first field, once rendered.
    return rx.call_script(
        "requestAnimationFrame(() => document.querySelector("
        "'form[data-unsaved-guard] :is(input:not([type=hidden]), textarea, select)')?.focus())"
    )


class DeleteConfirmationMixin(rx.State, mixin=True):
    """A delete that asks first: which row waits for confirmation, and what it is called."""

    confirm_delete_id: rx.Field[int] = rx.field(0)
    confirm_delete_label: rx.Field[str] = rx.field("")
    message: rx.Field[str] = rx.field("")

    @rx.event
    @editor_only
    async def ask_delete(self, row_id: int) -> rx.event.EventSpec | None:
        """Ask for confirmation before deleting."""
        self.confirm_delete_id = int(row_id)
        self.confirm_delete_label = self._label_of(self.confirm_delete_id)
        return None

    @rx.event
    @editor_only
    async def cancel_delete(self) -> rx.event.EventSpec | None:
        """Keep the row."""
        self._forget_delete()
        return None

    @rx.event
    @editor_only
    async def confirm_delete(self, editor: SignedInEditor) -> rx.event.EventSpec | None:
        """Delete the row waiting for confirmation."""
        label = self.confirm_delete_label
        try:
            await self._delete(self.confirm_delete_id, editor.username)
            self.message = texts_admin.DELETED.format(label=label)
        except RecordGoneError:
            self.message = self._gone_message()
        self._forget_delete()
        await self._reload()
        return None

    def _forget_delete(self) -> None:
        self.confirm_delete_id = 0
        self.confirm_delete_label = ""

    # Hooks of the concrete list.
    def _label_of(self, row_id: int) -> str:
        raise NotImplementedError

    async def _delete(self, row_id: int, editor: str) -> None:
        """Delete the row (raises RecordGoneError when it is already gone)."""
        raise NotImplementedError

    def _gone_message(self) -> str:
        raise NotImplementedError

    async def _reload(self) -> None:
        raise NotImplementedError
