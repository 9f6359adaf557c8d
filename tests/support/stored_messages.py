"""Messages put straight into the database, as if senders had just written them."""

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session

from partner_app.models import ContactMessage


def add_stored_messages(
    session: Session, sender_keys: Iterable[str], *, received_at: datetime, text: str = "x"
) -> None:
    """One message per sender key, all received at ``received_at``; commits."""
    for key in sender_keys:
        session.add(
            ContactMessage(
                received_at=received_at,
                name="Absender",
                email="absender@example.org",
                sender_key=key,
                text=text,
            )
        )
    session.commit()
