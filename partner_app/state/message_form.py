"""The message form of the contact panel and the accessibility statement."""

import reflex as rx

from partner_app import routes
from partner_app.i18n import text
from partner_app.models import utc_now
from partner_app.services.contact_messages import (
    MessageInput,
    TooManyMessagesError,
    submit_message,
)
from partner_app.services.form_validation import ValidationError
from partner_app.services.inbox_notifications import NewMessageNotice, notify_office
from partner_app.settings import public_origin
from partner_app.state.database_thread import in_session
from partner_app.state.language import language_of

# The field bots fill in and people never see (it has no label a person would read).
HONEYPOT_FIELD = "website"


class MessageFormState(rx.State):
    """Messages per field, the result of the last send, and the key that resets the form."""

    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    result: rx.Field[str] = rx.field("")
    # Bumped after a successful send: the form is re-created empty.
    form_key: rx.Field[int] = rx.field(0)

    @rx.event
    async def send(self, form_data: dict[str, str]) -> rx.event.EventSpec | None:
        """Check and store the message; on problems the form keeps everything typed."""
        lang = await language_of(self)
        form = MessageInput(
            name=str(form_data.get("name", "")),
            email=str(form_data.get("email", "")),
            text=str(form_data.get("text", "")),
            consent=bool(form_data.get("consent")),
            topic=str(form_data.get("topic", "general")),
            page=str(form_data.get("page", "")),
            honeypot=str(form_data.get(HONEYPOT_FIELD, "")),
        )
        client_address = self.router.session.client_ip or "unbekannt"
        now = utc_now()
        try:
            stored = await in_session(
                lambda session: submit_message(
                    session, form, client_address=client_address, now=now, lang=lang
                )
            )
        except ValidationError as error:
            self.errors = error.errors
            self.result = text("MESSAGE_ERRORS", lang)
            return rx.set_focus(f"nachricht-{next(iter(error.errors))}")
        except TooManyMessagesError as error:
            self.errors = {}
            self.result = text("MESSAGE_TOO_MANY", lang).format(minutes=error.wait_minutes)
            return None
        if stored:
            # Committed: the office's mail (when configured) goes in a thread of its own.
            notify_office(
                NewMessageNotice(
                    topic=form.topic,
                    received_at=now,
                    inbox_url=public_origin(self.router.url.origin) + routes.ADMIN_MESSAGES,
                )
            )
        self.errors = {}
        self.result = text("MESSAGE_SENT", lang)
        self.form_key += 1
        return None
