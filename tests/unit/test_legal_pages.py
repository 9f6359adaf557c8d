from dataclasses import fields

import pytest

from partner_app import maintenance, routes, settings
from partner_app.services import (
    contact_messages,
    editor_sessions,
    form_drafts,
    login_throttle,
    retention,
    unused_uploads,
)
from partner_app.services.inbox_notifications import NewMessageNotice
from partner_app.services.legal_pages import ADDRESS_PLACEHOLDER, page_html, page_markdown

KREFELD = ("Stadt Krefeld", "Der Oberbürgermeister", "Von-der-Leyen-Platz 1", "47798 Krefeld")


def test_the_default_provider_is_the_city_of_krefeld(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.IMPRINT_ADDRESS_VARIABLE, raising=False)
    assert settings.imprint_address() == KREFELD
    monkeypatch.setenv(settings.IMPRINT_ADDRESS_VARIABLE, "  ; ")
    assert settings.imprint_address() == KREFELD


def test_the_provider_address_is_configured_as_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        settings.IMPRINT_ADDRESS_VARIABLE, "Stadt Krefeld; Postfach 2740 ;47727 Krefeld"
    )
    assert settings.imprint_address() == ("Stadt Krefeld", "Postfach 2740", "47727 Krefeld")


@pytest.mark.parametrize("name", ["impressum", "datenschutz"])
def test_both_languages_show_the_address_line_by_line(name: str) -> None:
    html = page_html(name, KREFELD)
    for lang in ("de", "en"):
        assert (
            "Stadt Krefeld<br />\nDer Oberbürgermeister<br />\nVon-der-Leyen-Platz 1<br />\n"
            in (html[lang])
        )
        assert ADDRESS_PLACEHOLDER not in html[lang]
        assert html[lang].startswith("<h1>")


def test_an_address_is_text_never_markup() -> None:
    html = page_html("impressum", ("<script>x</script>", "*Amt* [link](javascript:x)", "1. Etage"))[
        "de"
    ]
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<em>" not in html
    assert '<a href="javascript' not in html
    assert "<ol" not in html


def test_the_privacy_policy_states_what_the_message_form_keeps_and_for_how_long() -> None:
    text = page_markdown("datenschutz", "de", KREFELD)
    for fact in (
        "Ihren Namen, Ihre E-Mail-Adresse und Ihre Nachricht",
        "nach einem Tag gelöscht",
        "90 Tage",
        "keine Cookies",
        "Art. 15 bis 21 DSGVO",
        "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen",
        "Kavalleriestraße 2–4, 40213 Düsseldorf",
    ):
        assert fact in text


@pytest.mark.parametrize(
    ("lang", "fact"),
    [
        (
            "de",
            "nennt nur das gewählte Anliegen und den Zeitpunkt des Eingangs, nicht Ihren Namen, "
            "Ihre E-Mail-Adresse oder Ihre Nachricht",
        ),
        (
            "en",
            "names only the subject you chose and the time it arrived, not your name, your "
            "e-mail address or your message",
        ),
    ],
)
def test_the_privacy_policy_says_what_the_office_mail_holds(lang: str, fact: str) -> None:
    assert fact in " ".join(page_markdown("datenschutz", lang, KREFELD).split())
    # What the app can put into that mail: nothing of the sender reaches it.
    assert {field.name for field in fields(NewMessageNotice)} == {
        "topic",
        "received_at",
        "inbox_url",
    }


@pytest.mark.parametrize(
    ("lang", "facts"),
    [
        (
            "de",
            (
                "HMAC",
                "höchstens fünf pro Stunde aus einem Netz",
                "bei jedem Start und danach täglich",
                "Anmeldeversuche mit IP-Adresse nach einem Tag",
                "den Prüfwert des Netzes zu einer Nachricht nach einem Tag",
                "30 Tage nach ihrem Ende",
                "noch nicht gespeicherter Eingaben der Redaktion in ein Formular 30 Tage",
                "keine solche Kopie verwendet, einen Tag nach dem Hochladen",
            ),
        ),
        (
            "en",
            (
                "HMAC",
                "at most five per hour from one network",
                "at every start and then daily",
                "login attempts with their IP address after one day",
                "the check value of the network of a message after one day",
                "30 days after it ended",
                "has not saved 30 days after the last input",
                "no such copy uses, one day after it was uploaded",
            ),
        ),
    ],
)
def test_the_privacy_policy_states_what_the_app_deletes_itself(
    lang: str, facts: tuple[str, ...]
) -> None:
    text = " ".join(page_markdown("datenschutz", lang, KREFELD).split())
    for fact in facts:
        assert fact in text


def test_the_privacy_policy_periods_are_the_ones_the_code_uses() -> None:
    assert contact_messages.SENDER_KEY_KEPT.days == 1
    assert contact_messages.DONE_MESSAGE_KEPT.days == 90
    assert contact_messages.MAX_PER_NETWORK == 5
    assert login_throttle.ATTEMPTS_KEPT.days == 1
    assert retention.ENDED_SESSION_KEPT.days == 30
    assert form_drafts.DRAFT_KEPT.days == 30
    assert unused_uploads.UNUSED_UPLOAD_KEPT.days == 1
    # The cookie between a two-factor login's password and code.
    assert editor_sessions.PENDING_LOGIN_TIMEOUT.total_seconds() == 5 * 60
    assert maintenance.PURGE_INTERVAL.days == 1


def test_static_pages_are_linked_in_the_form_that_answers_without_redirect() -> None:
    assert routes.PUBLIC_PAGES == ("/barrierefreiheit/", "/impressum/", "/datenschutz/")
