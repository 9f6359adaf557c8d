"""A real SMTP server on loopback for tests (aiosmtpd): plain, STARTTLS or TLS from the start.

Its certificate is made for the test, for 127.0.0.1; :attr:`SmtpServer.client_context`
trusts it (and nothing else), as a city's own certificate authority would be trusted.
"""

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from partner_app.services.inbox_notifications import THREAD_NAME
from tests.support.app_process import free_port
from tests.support.certificates import self_signed_certificate

HOST = "127.0.0.1"


@dataclass(frozen=True)
class ReceivedMail:
    """One mail as the server received it."""

    envelope_from: str
    envelope_to: list[str]
    message: EmailMessage

    @property
    def body(self) -> str:
        part = self.message.get_body(("plain",))
        assert part is not None
        return cast(EmailMessage, part).get_content()


@dataclass
class SmtpServer:
    """The running server: where it listens and what it received."""

    port: int
    client_context: ssl.SSLContext
    mails: list[ReceivedMail] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)


class _Recorder:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        self.server.mails.append(
            ReceivedMail(
                envelope_from=envelope.mail_from,
                envelope_to=list(envelope.rcpt_tos),
                message=cast(EmailMessage, message_from_bytes(envelope.content, policy=default)),
            )
        )
        return "250 OK"


@contextmanager
def smtp_server(
    tmp_path: Path, *, tls: str = "none", login: tuple[str, str] | None = None
) -> Iterator[SmtpServer]:
    """Run an SMTP server until the block ends; ``tls`` as ``PARTNER_APP_SMTP_TLS``."""
    certificate, key = self_signed_certificate(tmp_path, "smtp")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(certificate, key)
    client_context = ssl.create_default_context(cafile=str(certificate))
    server = SmtpServer(port=free_port(), client_context=client_context)

    def authenticate(
        _server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword) or login is None:
            return AuthResult(success=False, handled=False)
        user, password = data.login.decode(), data.password.decode()
        server.logins.append(user)
        return AuthResult(success=(user, password) == login, handled=False)

    options: dict[str, Any] = {}
    if tls == "starttls":
        options = {"tls_context": server_context, "require_starttls": True}
    elif tls == "ssl":
        options = {"ssl_context": server_context}
    if login is not None:
        options |= {"authenticator": authenticate, "auth_require_tls": True}
    controller = Controller(_Recorder(server), hostname=HOST, port=server.port, **options)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


def wait_for_notifications() -> None:
    """Wait until every notification thread has finished sending (or failing)."""
    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join(timeout=30)
            assert not thread.is_alive(), "a notification is still being sent after 30 s"
