"""Messages from the public to the partnership office: checking, spam defence, the inbox.

A message is stored before the sender is told it arrived, so nothing is lost on a
restart. Spam defence without third parties: a honeypot field people never see,
and a rate limit per sender and for everyone together, counted in the database.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, delete, func, select, update

from partner_app import i18n, texts, texts_admin
from partner_app.models import AuditAction, AuditEntity, ContactMessage, MessageTopic
from partner_app.services import audit_log
from partner_app.services.clock import CITY_TIMEZONE
from partner_app.services.form_validation import FormChecker

MAX_TEXT_LENGTH = 5000
RATE_WINDOW = timedelta(hours=1)
MAX_PER_SENDER = 5
# Many senders together (a spam wave) must not flood the inbox either.
MAX_FOR_EVERYONE = 200
# The sender key is only needed for the rate limit; later it is wiped.
SENDER_KEY_KEPT = timedelta(days=1)
# A handled message stays a while for follow-up questions, then it is deleted (GDPR Art. 5(1)(e));
# the privacy policy (content/datenschutz*.md) states both periods.
DONE_MESSAGE_KEPT = timedelta(days=90)
INBOX_LIMIT = 200


@dataclass(frozen=True)
class MessageInput:
    """The fields of the message form, as sent."""

    name: str
    email: str
    text: str
    consent: bool
    topic: str = MessageTopic.general.value
    page: str = ""
    # The hidden field only bots fill in.
    honeypot: str = ""


class TooManyMessagesError(Exception):
    """The sender (or everyone together) sent too many messages recently."""

    def __init__(self, wait: timedelta) -> None:
        """Remember how long the sender should wait."""
        super().__init__(f"wait {wait}")
        self.wait = wait

    @property
    def wait_minutes(self) -> int:
        """The wait in whole minutes, at least one."""
        return max(1, -(-int(self.wait.total_seconds()) // 60))


def sender_key(client_address: str) -> str:
    """A pseudonymous key of a network address (the address itself is not stored)."""
    return hashlib.sha256(f"partner-app-message:{client_address}".encode()).hexdigest()


def submit_message(
    session: Session,
    form: MessageInput,
    *,
    client_address: str,
    now: datetime,
    lang: str = "de",
) -> bool:
    """Check and store a message; False when the honeypot caught a bot (nothing stored).

    Raises ``ValidationError`` with a message per field in ``lang``, or
    ``TooManyMessagesError`` when the rate limit is reached.
    """
    checker = FormChecker(lang=lang)
    name = checker.text("name", form.name, max_length=120)
    email = checker.email("email", form.email)
    text = checker.text("text", form.text, max_length=MAX_TEXT_LENGTH)
    topic = checker.choice("topic", form.topic, {topic.value for topic in MessageTopic})
    page = checker.text("page", form.page, max_length=300, required=False)
    if not form.consent:
        checker.errors["consent"] = i18n.text("MESSAGE_CONSENT_MISSING", lang)
    checker.raise_if_any()
    if form.honeypot.strip():
        # Tell a bot nothing: it sees the same success as a person.
        return False
    key = sender_key(client_address)
    _check_rate(session, key, now)
    session.add(
        ContactMessage(
            received_at=now,
            topic=MessageTopic(topic),
            name=name,
            email=email,
            page=page,
            sender_key=key,
            text=text,
        )
    )
    purge_expired(session, now)
    session.commit()
    return True


def purge_expired(session: Session, now: datetime) -> None:
    """Wipe sender keys older than a day, delete messages done for 90 days (caller commits).

    There is no scheduler: this runs whenever a message arrives and whenever an editor
    opens or changes the inbox.
    """
    session.exec(
        update(ContactMessage)
        .where(col(ContactMessage.received_at) < now - SENDER_KEY_KEPT)
        .where(col(ContactMessage.sender_key) != "")
        .values(sender_key="")
    )
    session.exec(
        delete(ContactMessage)
        .where(col(ContactMessage.done).is_(True))
        .where(col(ContactMessage.done_at) < now - DONE_MESSAGE_KEPT)
    )


def _check_rate(session: Session, key: str, now: datetime) -> None:
    since = now - RATE_WINDOW
    recent = col(ContactMessage.received_at) >= since
    for condition, limit in (
        (col(ContactMessage.sender_key) == key, MAX_PER_SENDER),
        (sa.true(), MAX_FOR_EVERYONE),
    ):
        times = session.exec(
            select(ContactMessage.received_at)
            .where(recent, condition)
            .order_by(col(ContactMessage.received_at).desc())
            .limit(limit)
        ).all()
        if len(times) >= limit:
            oldest_counted = min(_aware(moment) for moment in times)
            raise TooManyMessagesError(oldest_counted + RATE_WINDOW - now)


@dataclass(frozen=True)
class MessageRow:
    """A message as the inbox lists it."""

    id: int
    received_label: str
    topic_label: str
    name: str
    email: str
    page: str
    text: str
    done: bool
    done_label: str


def inbox(session: Session, *, include_done: bool) -> list[MessageRow]:
    """Open messages (and, when asked, the done ones too), newest first."""
    query = select(ContactMessage)
    if not include_done:
        query = query.where(col(ContactMessage.done).is_(False))
    rows = session.exec(
        query.order_by(col(ContactMessage.received_at).desc(), col(ContactMessage.id).desc()).limit(
            INBOX_LIMIT
        )
    ).all()
    return [_row(message) for message in rows]


def open_message_count(session: Session) -> int:
    """How many messages still wait for an editor."""
    return session.exec(
        select(func.count(col(ContactMessage.id))).where(col(ContactMessage.done).is_(False))
    ).one()


def set_done(session: Session, message_id: int, *, done: bool, editor: str, now: datetime) -> bool:
    """Mark a message done (or open again); False when it does not exist."""
    message = session.get(ContactMessage, message_id)
    if message is None:
        return False
    if message.done == done:
        return True
    message.done = done
    message.done_at = now if done else None
    message.done_by = editor if done else ""
    session.add(message)
    purge_expired(session, now)
    audit_log.record(
        session,
        editor=editor,
        action=AuditAction.done if done else AuditAction.reopened,
        entity_type=AuditEntity.message,
        entity_id=message_id,
        # The number, not the sender's name: the log outlives the deleted message.
        label=texts_admin.MESSAGE_AUDIT_LABEL.format(number=message_id),
        changes={"done": [not done, done]},
        at=now,
    )
    session.commit()
    return True


def _row(message: ContactMessage) -> MessageRow:
    assert message.id is not None
    done_label = ""
    if message.done and message.done_at is not None:
        done_label = texts_admin.MESSAGE_DONE_BY.format(
            at=_local(message.done_at), editor=message.done_by
        )
    return MessageRow(
        id=message.id,
        received_label=_local(message.received_at),
        topic_label=texts.MESSAGE_TOPIC_LABELS[MessageTopic(message.topic)],
        name=message.name,
        email=message.email,
        page=message.page,
        text=message.text,
        done=message.done,
        done_label=done_label,
    )


def _local(moment: datetime) -> str:
    return _aware(moment).astimezone(CITY_TIMEZONE).strftime("%d.%m.%Y, %H:%M Uhr")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
