"""A message sent through the public form notifies the office by e-mail, when configured."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from reflex.state import State
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from partner_app import settings
from partner_app.i18n import text
from partner_app.models import ContactMessage
from partner_app.state.message_form import HONEYPOT_FIELD, MessageFormState
from tests.server.conftest import ORIGIN, browse_to, call, substate
from tests.support.app_process import free_port
from tests.support.smtp_server import SmtpServer, smtp_server, wait_for_notifications

FORM = {
    "name": "Anna Beispiel",
    "email": "anna@example.org",
    "text": "Gibt es im Sommer einen Jugendaustausch mit Leicester?",
    "consent": "on",
    "topic": "general",
}
SENT = text("MESSAGE_SENT", "de")


@pytest.fixture
def office_mail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """A mail server on loopback that the app is configured to notify the office through."""
    with smtp_server(tmp_path) as server:
        monkeypatch.setenv(settings.SMTP_HOST_VARIABLE, "127.0.0.1")
        monkeypatch.setenv(settings.SMTP_PORT_VARIABLE, str(server.port))
        monkeypatch.setenv(settings.SMTP_TLS_VARIABLE, "none")
        monkeypatch.setenv(settings.INBOX_NOTIFY_TO_VARIABLE, "partnerschaft@krefeld.de")
        monkeypatch.setenv(settings.PUBLIC_ORIGIN_VARIABLE, "https://www.krefeld.de")
        yield server


def send(root: State, form: dict[str, str]) -> MessageFormState:
    browse_to(root, "/", connection="sid-visitor", token="visitor")
    message_form = substate(root, MessageFormState)
    call(message_form, "send", form)
    return message_form


def stored_texts(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(ContactMessage.text).order_by(col(ContactMessage.id))))


def test_a_new_message_sends_the_office_one_mail_without_the_senders_data(
    root_state: State, app_engine: Engine, office_mail: SmtpServer
) -> None:
    message_form = send(root_state, FORM)

    assert message_form.result == SENT
    wait_for_notifications()
    [mail] = office_mail.mails
    assert mail.envelope_to == ["partnerschaft@krefeld.de"]
    assert mail.message["Subject"] == (
        "Neue Nachricht an das Partnerschaftsbüro: Allgemeine Nachricht"
    )
    assert "https://www.krefeld.de/admin/postfach" in mail.body.splitlines()
    raw = mail.message.as_string()
    for personal in ("Anna", "anna@example.org", "Leicester"):
        assert personal not in raw


def test_without_a_public_origin_the_link_uses_the_one_the_visitor_came_by(
    root_state: State, app_engine: Engine, office_mail: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(settings.PUBLIC_ORIGIN_VARIABLE)

    send(root_state, FORM)

    wait_for_notifications()
    [mail] = office_mail.mails
    assert f"{ORIGIN}/admin/postfach" in mail.body.splitlines()


def test_without_mail_settings_nothing_is_sent(
    root_state: State, app_engine: Engine, office_mail: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(settings.SMTP_HOST_VARIABLE)

    message_form = send(root_state, FORM)

    assert message_form.result == SENT
    assert stored_texts(app_engine)[-1] == FORM["text"]
    wait_for_notifications()
    assert office_mail.mails == []


@pytest.mark.parametrize(
    "form",
    [
        {**FORM, HONEYPOT_FIELD: "https://spam.example"},
        {**FORM, "email": "kein-at"},
    ],
    ids=["bot", "invalid"],
)
def test_nothing_stored_nothing_sent(
    root_state: State, app_engine: Engine, office_mail: SmtpServer, form: dict[str, str]
) -> None:
    send(root_state, form)

    wait_for_notifications()
    assert office_mail.mails == []
    assert FORM["text"] not in stored_texts(app_engine)


def test_a_mail_server_that_is_down_never_reaches_the_visitor(
    root_state: State,
    app_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv(settings.SMTP_HOST_VARIABLE, "127.0.0.1")
    monkeypatch.setenv(settings.SMTP_PORT_VARIABLE, str(free_port()))
    monkeypatch.setenv(settings.SMTP_TLS_VARIABLE, "none")
    monkeypatch.setenv(settings.INBOX_NOTIFY_TO_VARIABLE, "partnerschaft@krefeld.de")

    message_form = send(root_state, FORM)

    assert message_form.result == SENT
    assert message_form.errors == {}
    assert stored_texts(app_engine)[-1] == FORM["text"]
    wait_for_notifications()
    [line] = [r.getMessage() for r in caplog.records if r.name.startswith("partner_app")]
    assert line.startswith("E-Mail über eine neue Nachricht nicht gesendet")
    assert "Anna" not in line
