"""An e-mail to the partnership office for each new message (optional, off by default).

Configured only from the environment (``settings.inbox_notification_mail``). Sending
never delays or fails the visitor's submission: it starts after the message is
committed, in a thread of its own, and a failure is one line in the log, never shown
to the visitor. The message is safe in the database either way; the navigation's
count and the inbox show it.

Data minimisation: the mail says that a message arrived, when, its topic and the
link to the inbox, and nothing of the sender: no name, no address, no text. A mail
leaves the app's control: it passes through mail servers, is kept in mailboxes by
their own rules, forwarded, archived, read on phones. The inbox already holds the
message behind a login and deletes it 90 days after it is done, as the privacy
notice promises; an editor needs the link, not a copy.
"""

import logging
import smtplib
import ssl
import threading
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from partner_app import settings, texts, texts_admin
from partner_app.models import MessageTopic
from partner_app.services.dates import format_admin_moment

logger = logging.getLogger(__name__)

# Long enough for a slow relay, short enough that a dead one frees its thread soon.
SMTP_TIMEOUT_S = 20
# The threads that send; tests wait for them by this name.
THREAD_NAME = "inbox-notification"


@dataclass(frozen=True)
class NewMessageNotice:
    """What the office's mail says about a new message (nothing of its sender)."""

    topic: str
    received_at: datetime
    # Absolute: the mail is read outside the site.
    inbox_url: str


def notify_office(notice: NewMessageNotice) -> threading.Thread | None:
    """Send the office its mail in a thread of its own, when configured; never raises.

    Returns the thread (None when the notice is off or its settings cannot work).
    """
    try:
        config = settings.inbox_notification_mail()
    except settings.MailSettingsError as error:
        logger.warning("Keine E-Mail über eine neue Nachricht: %s", error)
        return None
    if config is None:
        return None
    # A daemon thread: a relay that hangs never holds up the shutdown.
    thread = threading.Thread(
        target=send_notification, args=(config, notice), name=THREAD_NAME, daemon=True
    )
    thread.start()
    return thread


def send_notification(
    config: settings.MailSettings,
    notice: NewMessageNotice,
    *,
    ssl_context: ssl.SSLContext | None = None,
) -> bool:
    """Send the notice now; False (and one line in the log) when that failed.

    ``ssl_context`` checks the server's certificate: by default against the system's
    certificate authorities (``SSL_CERT_FILE`` names another bundle).
    """
    context = ssl_context or ssl.create_default_context()
    try:
        client = (
            smtplib.SMTP_SSL(config.host, config.port, timeout=SMTP_TIMEOUT_S, context=context)
            if config.tls == "ssl"
            else smtplib.SMTP(config.host, config.port, timeout=SMTP_TIMEOUT_S)
        )
        with client:
            if config.tls == "starttls":
                client.starttls(context=context)
            if config.user:
                client.login(config.user, config.password)
            client.send_message(notification_mail(config, notice))
    except Exception as error:  # whatever went wrong, the visitor's message is stored
        logger.warning(
            "E-Mail über eine neue Nachricht nicht gesendet (%s:%s): %s",
            config.host,
            config.port,
            _reason(error),
        )
        return False
    return True


def notification_mail(config: settings.MailSettings, notice: NewMessageNotice) -> EmailMessage:
    """The mail itself: subject, topic, time, link; nothing of the sender."""
    topic = _topic_label(notice.topic)
    mail = EmailMessage()
    mail["Subject"] = texts_admin.NOTIFICATION_SUBJECT.format(topic=topic)
    mail["From"] = formataddr((texts_admin.ADMIN_TITLE, config.sender))
    mail["To"] = ", ".join(config.recipients)
    mail["Date"] = format_datetime(notice.received_at)
    mail["Message-ID"] = make_msgid(domain=config.sender.rpartition("@")[2] or None)
    # RFC 3834: no out-of-office replies to this one.
    mail["Auto-Submitted"] = "auto-generated"
    received = format_admin_moment(notice.received_at)
    mail.set_content(
        texts_admin.NOTIFICATION_BODY.format(
            received=received, topic=topic, inbox_url=notice.inbox_url
        ),
        cte="quoted-printable",
    )
    return mail


def _topic_label(topic: str) -> str:
    try:
        return texts.MESSAGE_TOPIC_LABELS[MessageTopic(topic)]
    except ValueError:
        return topic


def _reason(error: Exception) -> str:
    """Why sending failed, on one line, without what the server echoed back."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} (SMTP {error.smtp_code})"
    if isinstance(error, OSError) and error.strerror:
        return f"{type(error).__name__}: {' '.join(str(error.strerror).split())[:200]}"
    return type(error).__name__
