"""Messages from the public to the partnership office: checking, spam defence, the inbox.

A message is stored before the sender is told it arrived, so nothing is lost on a
restart. Spam defence without third parties: a honeypot field people never see,
and a rate limit per sender's network (IPv4 /24, IPv6 /64), counted in the database.
Many messages from everyone together never refuse a sender (about 40 networks could
otherwise shut the form for all): they only show the editors a notice in the inbox.

The network is stored only as an HMAC-SHA-256 with the app's secret key
(``settings.secret_key``): without the key, trying every network does not reveal it.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, delete, func, select, update

from partner_app import i18n, settings, texts, texts_admin
from partner_app.models import AuditAction, AuditEntity, ContactMessage, MessageTopic
from partner_app.services import audit_log
from partner_app.services.client_networks import network_of
from partner_app.services.dates import format_admin_moment
from partner_app.services.form_validation import FormChecker
from partner_app.services.message_replies import address_href, reply_href

MAX_TEXT_LENGTH = 5000
RATE_WINDOW = timedelta(hours=1)
# Per network, not per address: a connection can change its address within its network.
MAX_PER_NETWORK = 5
# From this many messages in the last hour on, the inbox tells the editors (a spam wave?).
UNUSUAL_PER_HOUR = 200
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
    """The sender's network sent too many messages recently."""

    def __init__(self, wait: timedelta) -> None:
        """Remember how long the sender should wait."""
        super().__init__(f"wait {wait}")
        self.wait = wait

    @property
    def wait_minutes(self) -> int:
        """The wait in whole minutes, at least one."""
        return max(1, -(-int(self.wait.total_seconds()) // 60))


def sender_key(client_address: str) -> str:
    """A pseudonymous key of the address's network (neither is stored).

    A string that is no IP address counts as itself.
    """
    network = network_of(client_address)
    message = f"partner-app-message:{network}".encode()
    return hmac.new(settings.secret_key(), message, hashlib.sha256).hexdigest()


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
    ``TooManyMessagesError`` when the sender's network reached its limit.
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


@dataclass(frozen=True)
class PurgedMessages:
    """What one purge removed."""

    sender_keys: int
    messages: int


def purge_expired(session: Session, now: datetime) -> PurgedMessages:
    """Wipe sender keys older than a day, delete messages done for 90 days (caller commits).

    The daily clean-up (``services/retention.py``) runs it; so does every new message
    and every look at the inbox.
    """
    wiped = session.exec(
        update(ContactMessage)
        .where(col(ContactMessage.received_at) < now - SENDER_KEY_KEPT)
        .where(col(ContactMessage.sender_key) != "")
        .values(sender_key="")
    )
    deleted = session.exec(
        delete(ContactMessage)
        .where(col(ContactMessage.done).is_(True))
        .where(col(ContactMessage.done_at) < now - DONE_MESSAGE_KEPT)
    )
    return PurgedMessages(sender_keys=wiped.rowcount, messages=deleted.rowcount)


def volume_alert(session: Session, now: datetime) -> str:
    """The inbox's notice when unusually many messages came in the last hour, else ``""``."""
    count = session.exec(
        select(func.count(col(ContactMessage.id))).where(
            col(ContactMessage.received_at) >= now - RATE_WINDOW
        )
    ).one()
    if count < UNUSUAL_PER_HOUR:
        return ""
    return texts_admin.INBOX_UNUSUAL_VOLUME.format(count=count)


def _check_rate(session: Session, key: str, now: datetime) -> None:
    times = session.exec(
        select(ContactMessage.received_at)
        .where(
            col(ContactMessage.received_at) >= now - RATE_WINDOW,
            col(ContactMessage.sender_key) == key,
        )
        .order_by(col(ContactMessage.received_at).desc())
        .limit(MAX_PER_NETWORK)
    ).all()
    if len(times) >= MAX_PER_NETWORK:
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
    # mailto: the address alone, and a reply quoting the message ("Antworten").
    email_href: str
    reply_href: str
    page: str
    text: str
    done: bool
    done_label: str
    # "Beantwortet am … von …", or "".
    answered_label: str
    # Nobody had seen it in the inbox before this page view.
    new: bool


def inbox(
    session: Session, *, include_done: bool, new_since: datetime | None = None
) -> list[MessageRow]:
    """Open messages (and, when asked, the done ones too), newest first.

    A row is new when nobody has seen it yet, or (with ``new_since``, the start of a page
    view) when it was first seen at or after that moment.
    """
    query = select(ContactMessage)
    if not include_done:
        query = query.where(col(ContactMessage.done).is_(False))
    rows = session.exec(
        query.order_by(col(ContactMessage.received_at).desc(), col(ContactMessage.id).desc()).limit(
            INBOX_LIMIT
        )
    ).all()
    return [_row(message, new_since=new_since) for message in rows]


@dataclass(frozen=True)
class InboxView:
    """What an editor sees on the inbox page."""

    rows: list[MessageRow]
    # Unusually many messages in the last hour (a spam wave?), or "".
    volume_alert: str
    # Still new after this look (more open messages than the inbox lists).
    new_messages: int


def look_at_inbox(
    session: Session, *, include_done: bool, now: datetime, opened_at: datetime
) -> InboxView:
    """The inbox as the page shows it now; the listed messages count as seen from now on.

    ``opened_at`` is when the page was opened: a message first seen since then stays
    marked new while the page stays open (after marking one done, say), and no longer
    once the inbox is opened again. Commits.
    """
    purge_expired(session, now)
    rows = inbox(session, include_done=include_done, new_since=opened_at)
    mark_read(session, [row.id for row in rows if row.new], now=now)
    session.commit()
    return InboxView(
        rows=rows,
        volume_alert=volume_alert(session, now),
        new_messages=new_message_count(session),
    )


def mark_read(session: Session, message_ids: list[int], *, now: datetime) -> None:
    """Record that an editor has now seen these messages, unless one saw them before.

    The caller commits.
    """
    if not message_ids:
        return
    session.exec(
        update(ContactMessage)
        .where(col(ContactMessage.id).in_(message_ids))
        .where(col(ContactMessage.read_at).is_(None))
        .values(read_at=now)
    )


def new_message_count(session: Session) -> int:
    """How many open messages no editor has seen yet (the admin navigation shows it)."""
    return session.exec(
        select(func.count(col(ContactMessage.id))).where(
            col(ContactMessage.read_at).is_(None), col(ContactMessage.done).is_(False)
        )
    ).one()


def new_messages_label(count: int) -> str:
    """The number of new messages in words ("3 neue Nachrichten"), ``""`` for none."""
    if count <= 0:
        return ""
    if count == 1:
        return texts_admin.NEW_MESSAGES_ONE
    return texts_admin.NEW_MESSAGES_MANY.format(count=count)


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


def record_answer(session: Session, message_id: int, *, editor: str, now: datetime) -> bool:
    """Note that ``editor`` started a reply now; False when the message does not exist.

    The reply itself is written in the editor's mail program. A message answered stays
    open until an editor marks it done (a reply may be a question back). Commits.
    """
    message = session.get(ContactMessage, message_id)
    if message is None:
        return False
    answered_before = message.answered_at is not None
    message.answered_at = now
    message.answered_by = editor
    if message.read_at is None:
        message.read_at = now
    session.add(message)
    audit_log.record(
        session,
        editor=editor,
        action=AuditAction.answered,
        entity_type=AuditEntity.message,
        entity_id=message_id,
        label=texts_admin.MESSAGE_AUDIT_LABEL.format(number=message_id),
        changes={"answered": [answered_before, True]},
        at=now,
    )
    session.commit()
    return True


def _row(message: ContactMessage, *, new_since: datetime | None) -> MessageRow:
    assert message.id is not None
    new = message.read_at is None or (
        new_since is not None and _aware(message.read_at) >= new_since
    )
    done_label = ""
    if message.done and message.done_at is not None:
        done_label = texts_admin.MESSAGE_DONE_BY.format(
            at=_local(message.done_at), editor=message.done_by
        )
    answered_label = ""
    if message.answered_at is not None:
        answered_label = texts_admin.MESSAGE_ANSWERED_BY.format(
            at=_local(message.answered_at), editor=message.answered_by
        )
    received_label = _local(message.received_at)
    topic_label = texts.MESSAGE_TOPIC_LABELS[MessageTopic(message.topic)]
    return MessageRow(
        id=message.id,
        received_label=received_label,
        topic_label=topic_label,
        name=message.name,
        email=message.email,
        email_href=address_href(message.email),
        reply_href=reply_href(
            email=message.email,
            topic_label=topic_label,
            received_label=received_label,
            text=message.text,
        ),
        page=message.page,
        text=message.text,
        done=message.done,
        done_label=done_label,
        answered_label=answered_label,
        new=new,
    )


def _local(moment: datetime) -> str:
    return format_admin_moment(_aware(moment))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
