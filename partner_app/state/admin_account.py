"""The editor's own account page: setting up and switching off the two-factor login.

The secret is stored (encrypted) by the service as soon as the set-up starts; this state
holds only what the page shows while it runs (the QR code and the secret to type), and
forgets both when the set-up ends, as it forgets the recovery codes once they are saved.
"""

import reflex as rx
from sqlmodel import Session

from partner_app import routes, texts_admin
from partner_app.models import Editor, utc_now
from partner_app.services import two_factor
from partner_app.services.editor_sessions import SignedInEditor
from partner_app.services.two_factor import TwoFactorError
from partner_app.settings import two_factor_required
from partner_app.state.admin_session import editor_only, holds_admin_data, open_while_enrolling
from partner_app.state.database_thread import in_session


def _editor_row(session: Session, editor: SignedInEditor) -> Editor:
    row = session.get(Editor, editor.editor_id)
    assert row is not None  # the session check just found it
    return row


@holds_admin_data
class AdminAccountState(rx.State):
    """The two-factor login's status, its set-up, and the recovery codes shown once."""

    enabled: rx.Field[bool] = rx.field(False)
    required: rx.Field[bool] = rx.field(False)
    must_enrol: rx.Field[bool] = rx.field(False)
    codes_left: rx.Field[int] = rx.field(0)
    # While the set-up runs: what the authenticator app needs.
    qr_data_uri: rx.Field[str] = rx.field("")
    secret_text: rx.Field[str] = rx.field("")
    # Right after the set-up, once.
    recovery_codes: rx.Field[list[str]] = rx.field(default_factory=list)
    message: rx.Field[str] = rx.field("")
    error: rx.Field[str] = rx.field("")

    async def _show_status(self, editor: SignedInEditor) -> None:
        status = await in_session(
            lambda session: two_factor.status(session, _editor_row(session, editor))
        )
        self.enabled = status.enabled
        self.codes_left = status.recovery_codes_left
        self.required = two_factor_required()
        self.must_enrol = self.required and not status.enabled

    def _end_set_up(self) -> None:
        self.qr_data_uri = ""
        self.secret_text = ""

    @rx.event
    @editor_only
    @open_while_enrolling
    async def load(self, editor: SignedInEditor) -> None:
        """Show whether the two-factor login is on (on page load)."""
        self._end_set_up()
        self.recovery_codes = []
        self.message = ""
        self.error = ""
        await self._show_status(editor)

    @rx.event
    @editor_only
    @open_while_enrolling
    async def start_enrolment(self, editor: SignedInEditor) -> None:
        """A new secret, shown as a QR code and as text."""

        self.message = ""
        try:
            enrolment = await in_session(
                lambda session: two_factor.start_enrolment(session, _editor_row(session, editor))
            )
        except TwoFactorError as refused:
            self.error = str(refused)
            return
        self.error = ""
        self.qr_data_uri = enrolment.qr_svg_data_uri
        self.secret_text = enrolment.secret_for_typing

    @rx.event
    @editor_only
    @open_while_enrolling
    async def confirm_enrolment(self, editor: SignedInEditor, form_data: dict) -> None:
        """Switch the second factor on with the app's first code; show the recovery codes."""
        code = str(form_data.get("code", ""))
        try:
            codes = await in_session(
                lambda session: two_factor.confirm_enrolment(
                    session, _editor_row(session, editor), code, now=utc_now()
                )
            )
        except TwoFactorError as refused:
            self.error = str(refused)
            return
        self._end_set_up()
        self.error = ""
        self.recovery_codes = codes
        self.message = texts_admin.TWO_FACTOR_ENABLED
        await self._show_status(editor)

    @rx.event
    @editor_only
    @open_while_enrolling
    async def cancel_enrolment(self, editor: SignedInEditor) -> None:
        """Give the set-up up; the secret never confirmed is deleted."""

        await in_session(
            lambda session: two_factor.cancel_enrolment(session, _editor_row(session, editor))
        )
        self._end_set_up()
        self.error = ""

    @rx.event
    @editor_only
    async def codes_saved(self) -> rx.event.EventSpec | None:
        """The recovery codes are written down: they leave the page (and this state)."""
        self.recovery_codes = []
        self.message = ""
        return rx.redirect(routes.ADMIN_NEWS) if self.required else None

    @rx.event
    @editor_only
    @open_while_enrolling
    async def disable(self, editor: SignedInEditor, form_data: dict) -> None:
        """Switch the second factor off, with the password or a current code as proof."""
        proof = str(form_data.get("proof", ""))
        client = self.router.session.client_ip or "unbekannt"
        try:
            await in_session(
                lambda session: two_factor.disable_with_proof(
                    session, _editor_row(session, editor), proof, client=client, now=utc_now()
                )
            )
        except TwoFactorError as refused:
            self.error = str(refused)
            self.message = ""
            return
        self.error = ""
        self.recovery_codes = []
        self.message = texts_admin.TWO_FACTOR_DISABLED
        await self._show_status(editor)
