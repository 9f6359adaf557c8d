"""The office's e-mail about a new message: settings, content, and sending to a real server."""

import logging
import ssl
from datetime import UTC, datetime
from pathlib import Path

import pytest

from partner_app import settings
from partner_app.services.inbox_notifications import (
    NewMessageNotice,
    notification_mail,
    notify_office,
    send_notification,
)
from tests.support.app_process import free_port
from tests.support.smtp_server import smtp_server, wait_for_notifications

NOTICE = NewMessageNotice(
    topic="accessibility",
    received_at=datetime(2026, 11, 25, 10, 0, tzinfo=UTC),
    inbox_url="https://www.krefeld.de/admin/postfach",
)
MAIL_VARIABLES = (
    settings.SMTP_HOST_VARIABLE,
    settings.SMTP_PORT_VARIABLE,
    settings.SMTP_TLS_VARIABLE,
    settings.SMTP_USER_VARIABLE,
    settings.SMTP_PASSWORD_VARIABLE,
    settings.SMTP_FROM_VARIABLE,
    settings.INBOX_NOTIFY_TO_VARIABLE,
)


@pytest.fixture(autouse=True)
def _no_mail_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in MAIL_VARIABLES:
        monkeypatch.delenv(variable, raising=False)


def _our_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """What the app logged (the test server logs its side too)."""
    return [record for record in caplog.records if record.name.startswith("partner_app")]


def _configure(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    for name, value in values.items():
        monkeypatch.setenv(f"PARTNER_APP_{name.upper()}", value)


def _settings(port: int, *, tls: str = "none", user: str = "") -> settings.MailSettings:
    return settings.MailSettings(
        host="127.0.0.1",
        port=port,
        tls=tls,
        user=user,
        password="geheim-und-lang" if user else "",
        sender="postfach@krefeld.de",
        recipients=("partnerschaft@krefeld.de", "vertretung@krefeld.de"),
    )


def test_off_unless_a_server_and_a_recipient_are_set(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings.inbox_notification_mail() is None
    _configure(monkeypatch, smtp_host="mail.krefeld.de")
    assert settings.inbox_notification_mail() is None
    monkeypatch.delenv(settings.SMTP_HOST_VARIABLE)
    _configure(monkeypatch, inbox_notify_to="partnerschaft@krefeld.de")
    assert settings.inbox_notification_mail() is None
    assert notify_office(NOTICE) is None


def test_defaults_starttls_on_587_from_the_first_recipient(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _configure(
        monkeypatch,
        smtp_host=" mail.krefeld.de ",
        inbox_notify_to="partnerschaft@krefeld.de, vertretung@krefeld.de,",
    )
    config = settings.inbox_notification_mail()

    assert config == settings.MailSettings(
        host="mail.krefeld.de",
        port=587,
        tls="starttls",
        user="",
        password="",
        sender="partnerschaft@krefeld.de",
        recipients=("partnerschaft@krefeld.de", "vertretung@krefeld.de"),
    )


@pytest.mark.parametrize(("tls", "port"), [("SSL", 465), ("none", 25), ("starttls", 587)])
def test_each_protection_has_its_usual_port(
    monkeypatch: pytest.MonkeyPatch, tls: str, port: int
) -> None:
    _configure(monkeypatch, smtp_host="mail", inbox_notify_to="a@krefeld.de", smtp_tls=tls)
    config = settings.inbox_notification_mail()
    assert config is not None
    assert (config.tls, config.port) == (tls.lower(), port)


def test_the_password_is_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    _configure(
        monkeypatch,
        smtp_host="mail",
        inbox_notify_to="a@krefeld.de",
        smtp_user="postfach",
        smtp_password="sehr-geheim",
    )
    assert "sehr-geheim" not in repr(settings.inbox_notification_mail())


@pytest.mark.parametrize(
    ("values", "complaint"),
    [
        ({"smtp_tls": "tls"}, "PARTNER_APP_SMTP_TLS muss starttls, ssl oder none sein"),
        ({"smtp_port": "fünf"}, "PARTNER_APP_SMTP_PORT muss eine Portnummer sein"),
        ({"smtp_port": "70000"}, "PARTNER_APP_SMTP_PORT muss eine Portnummer sein"),
        ({"smtp_tls": "none", "smtp_user": "postfach"}, "unverschlüsselt"),
    ],
)
def test_settings_that_cannot_work_are_logged_and_send_nothing(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    values: dict[str, str],
    complaint: str,
) -> None:
    _configure(monkeypatch, smtp_host="mail", inbox_notify_to="a@krefeld.de", **values)
    with pytest.raises(settings.MailSettingsError, match=complaint):
        settings.inbox_notification_mail()

    assert notify_office(NOTICE) is None
    [record] = _our_lines(caplog)
    assert complaint in record.getMessage()


def test_the_mail_names_topic_time_and_link_and_nothing_of_the_sender() -> None:
    mail = notification_mail(_settings(25), NOTICE)

    assert mail["Subject"] == (
        "Neue Nachricht an das Partnerschaftsbüro: Barriere auf dieser Website melden"
    )
    assert mail["From"] == "Redaktion Städtepartnerschaften <postfach@krefeld.de>"
    assert mail["To"] == "partnerschaft@krefeld.de, vertretung@krefeld.de"
    assert mail["Auto-Submitted"] == "auto-generated"
    body = mail.get_content()
    assert "am 25.11.2026, 11:00 Uhr eine neue" in body
    assert "Anliegen: Barriere auf dieser Website melden" in body
    assert "\nhttps://www.krefeld.de/admin/postfach\n" in body
    assert "stehen mit Absicht nicht in dieser" in body


def test_delivered_over_a_plain_connection(tmp_path: Path) -> None:
    with smtp_server(tmp_path) as server:
        assert send_notification(_settings(server.port), NOTICE) is True

    [mail] = server.mails
    assert mail.envelope_from == "postfach@krefeld.de"
    assert mail.envelope_to == ["partnerschaft@krefeld.de", "vertretung@krefeld.de"]
    assert mail.message["Subject"].endswith(": Barriere auf dieser Website melden")
    assert "https://www.krefeld.de/admin/postfach" in mail.body.splitlines()


def test_delivered_over_starttls_with_a_login(tmp_path: Path) -> None:
    with smtp_server(tmp_path, tls="starttls", login=("postfach", "geheim-und-lang")) as server:
        config = _settings(server.port, tls="starttls", user="postfach")
        assert send_notification(config, NOTICE, ssl_context=server.client_context) is True

    assert server.logins == ["postfach"]
    assert len(server.mails) == 1


def test_delivered_over_tls_from_the_first_byte(tmp_path: Path) -> None:
    with smtp_server(tmp_path, tls="ssl") as server:
        config = _settings(server.port, tls="ssl")
        assert send_notification(config, NOTICE, ssl_context=server.client_context) is True

    assert len(server.mails) == 1


def test_a_server_that_is_down_is_one_line_in_the_log(caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()

    with caplog.at_level(logging.WARNING):
        assert send_notification(_settings(port), NOTICE) is False

    [record] = _our_lines(caplog)
    message = record.getMessage()
    assert message.startswith(f"E-Mail über eine neue Nachricht nicht gesendet (127.0.0.1:{port})")
    assert "ConnectionRefusedError" in message
    assert "\n" not in message
    assert record.exc_info is None


def test_an_unknown_certificate_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with smtp_server(tmp_path, tls="starttls") as server:
        # The system's authorities do not know the test's own certificate.
        config = _settings(server.port, tls="starttls")
        assert send_notification(config, NOTICE, ssl_context=ssl.create_default_context()) is False

    assert server.mails == []
    [record] = _our_lines(caplog)
    assert "SSLCertVerificationError" in record.getMessage()


def test_a_wrong_password_is_logged_without_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with smtp_server(tmp_path, tls="starttls", login=("postfach", "das-richtige")) as server:
        config = _settings(server.port, tls="starttls", user="postfach")
        assert send_notification(config, NOTICE, ssl_context=server.client_context) is False

    assert server.mails == []
    [record] = _our_lines(caplog)
    assert "SMTPAuthenticationError (SMTP 535)" in record.getMessage()
    assert "geheim" not in record.getMessage()


def test_notify_office_sends_in_a_thread_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with smtp_server(tmp_path) as server:
        _configure(
            monkeypatch,
            smtp_host="127.0.0.1",
            smtp_port=str(server.port),
            smtp_tls="none",
            inbox_notify_to="partnerschaft@krefeld.de",
        )
        thread = notify_office(NOTICE)
        assert thread is not None
        assert thread.daemon
        wait_for_notifications()

    [mail] = server.mails
    assert mail.envelope_from == "partnerschaft@krefeld.de"
