"""What the admin navigation shows besides its links: the number of new messages.

Every admin page with the navigation lists :meth:`AdminNavigationState.load` in its
on_load, so the number is right after every page load (one count over the few open
messages). The inbox sets it itself after it marked what it shows as seen.
"""

import reflex as rx

from partner_app.services.contact_messages import new_message_count, new_messages_label
from partner_app.services.editor_sessions import SignedInEditor
from partner_app.state.admin_session import editor_only, holds_admin_data, open_while_enrolling
from partner_app.state.database_thread import in_session


@holds_admin_data
class AdminNavigationState(rx.State):
    """The number of messages no editor has seen yet, and the same in words."""

    new_messages: rx.Field[int] = rx.field(0)
    # "3 neue Nachrichten": the inbox link's accessible name says what the number means.
    new_messages_label: rx.Field[str] = rx.field("")

    @rx.event
    @editor_only
    # The account page has the navigation too, also while a required second factor is
    # set up; until then it shows no number (nothing of the admin before the set-up).
    @open_while_enrolling
    async def load(self, editor: SignedInEditor) -> None:
        """Count the new messages (on every admin page's load)."""
        self._show(0 if editor.must_enrol else await in_session(new_message_count))

    def _show(self, new_messages: int) -> None:
        self.new_messages = new_messages
        self.new_messages_label = new_messages_label(new_messages)
