"""Messages to the partnership office: the public form, spam defence and the editors' inbox."""

import re
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, col, delete, select, update

from partner_app.models import ContactMessage, utc_now
from partner_app.services.contact_messages import MAX_PER_NETWORK, UNUSUAL_PER_HOUR, sender_key
from tests.browser.conftest import expect_path, log_in_as_editor, open_page
from tests.support.stored_messages import add_stored_messages

TEXT = "Gibt es im Sommer einen Jugendaustausch mit Leicester?"


def message_form(page: Page) -> Locator:
    return page.get_by_role("form", name="Schreiben Sie dem Partnerschaftsbüro")


def fill_form(
    form: Locator,
    *,
    name: str = "Anna Beispiel",
    email: str = "anna@example.org",
    text: str = TEXT,
    consent: bool = True,
) -> None:
    form.get_by_label("Ihr Name").fill(name)
    form.get_by_label("Ihre E-Mail-Adresse").fill(email)
    form.get_by_label("Ihre Nachricht").fill(text)
    if consent:
        form.get_by_label("Ich bin einverstanden").check()


def stored_messages(engine: Engine) -> list[ContactMessage]:
    with Session(engine) as session:
        return list(session.exec(select(ContactMessage).order_by(col(ContactMessage.id))).all())


def test_message_is_stored_and_confirmed_and_the_form_is_emptied(
    app_page: Page, own_app_database: Engine
) -> None:
    open_page(app_page)
    form = message_form(app_page)
    fill_form(form)
    form.get_by_label("Anliegen").select_option(label="Allgemeine Nachricht")
    form.get_by_role("button", name="Nachricht senden").click()

    expect(form.get_by_role("status")).to_have_text(re.compile("Ihre Nachricht ist angekommen"))
    expect(form.get_by_label("Ihre Nachricht")).to_have_value("")
    [message] = [m for m in stored_messages(own_app_database) if m.text == TEXT]
    assert (message.name, message.email) == ("Anna Beispiel", "anna@example.org")


def test_problems_are_explained_per_field_and_nothing_typed_is_lost(
    app_page: Page, own_app_database: Engine
) -> None:
    open_page(app_page)
    form = message_form(app_page)
    fill_form(form, email="anna-at-example", consent=False)
    form.get_by_role("button", name="Nachricht senden").click()

    email = form.get_by_label("Ihre E-Mail-Adresse")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("gültige E-Mail-Adresse"))
    consent = form.get_by_label("Ich bin einverstanden")
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_text("Bitte stimmen Sie der Verarbeitung")).to_be_visible()
    # Focus goes to the first field with a problem; the text is still there.
    expect(email).to_be_focused()
    expect(form.get_by_label("Ihre Nachricht")).to_have_value(TEXT)
    expect(form.get_by_role("status")).to_have_text(re.compile("nicht gesendet"))
    assert [m for m in stored_messages(own_app_database) if m.text == TEXT] == []

    email.fill("anna@example.org")
    consent.check()
    form.get_by_role("button", name="Nachricht senden").click()
    expect(form.get_by_role("status")).to_have_text(re.compile("angekommen"))
    assert len([m for m in stored_messages(own_app_database) if m.text == TEXT]) == 1


def test_honeypot_field_is_hidden_from_people_and_catches_bots(
    app_page: Page, own_app_database: Engine
) -> None:
    open_page(app_page)
    form = message_form(app_page)
    honeypot = form.locator("input[name='website']")
    expect(honeypot).to_have_attribute("tabindex", "-1")
    assert not honeypot.is_visible() or honeypot.bounding_box()["x"] < 0  # type: ignore[index]
    fill_form(form, text="Billige Uhren")
    honeypot.fill("https://spam.example")
    form.get_by_role("button", name="Nachricht senden").click()

    # The bot learns nothing: the same confirmation, but nothing is stored.
    expect(form.get_by_role("status")).to_have_text(re.compile("angekommen"))
    assert [m for m in stored_messages(own_app_database) if m.text == "Billige Uhren"] == []


@pytest.fixture
def busy_sender(own_app_database: Engine) -> Iterator[None]:
    """The browser's address has just sent as many messages as allowed."""
    keys = [sender_key(address) for address in ("127.0.0.1", "::1")] * MAX_PER_NETWORK
    with Session(own_app_database) as session:
        add_stored_messages(
            session, keys, received_at=utc_now() - timedelta(minutes=5), text="vorher"
        )
    yield
    with Session(own_app_database) as session:
        session.exec(delete(ContactMessage).where(col(ContactMessage.text) == "vorher"))
        session.commit()


@pytest.mark.usefixtures("busy_sender")
def test_rate_limit_says_when_to_try_again_and_keeps_the_text(
    app_page: Page, own_app_database: Engine
) -> None:
    open_page(app_page)
    form = message_form(app_page)
    fill_form(form)
    form.get_by_role("button", name="Nachricht senden").click()

    expect(form.get_by_role("status")).to_have_text(re.compile(r"in \d+ Minuten noch einmal"))
    expect(form.get_by_label("Ihre Nachricht")).to_have_value(TEXT)
    assert [m for m in stored_messages(own_app_database) if m.text == TEXT] == []


def test_a_spam_wave_leaves_the_form_open_and_alerts_the_editors(
    app_page: Page, own_app_database: Engine
) -> None:
    wave = [f"netz-{number}" for number in range(UNUSUAL_PER_HOUR)]
    with Session(own_app_database) as session:
        add_stored_messages(session, wave, received_at=utc_now() - timedelta(minutes=5))
    open_page(app_page)
    form = message_form(app_page)
    fill_form(form)
    form.get_by_role("button", name="Nachricht senden").click()
    expect(form.get_by_role("status")).to_have_text(re.compile("angekommen"))

    log_in_as_editor(app_page)
    app_page.get_by_role("link", name="Postfach").click()
    expect(app_page.locator("#viele-nachrichten")).to_have_text(
        re.compile(f"Ungewöhnlich viele Nachrichten in der letzten Stunde: {UNUSUAL_PER_HOUR + 1}")
    )


def test_barrier_report_from_the_statement_reaches_the_inbox_and_can_be_marked_done(
    app_page: Page, own_app_database: Engine
) -> None:
    open_page(app_page)
    app_page.get_by_role("contentinfo").get_by_role(
        "link", name="Erklärung zur Barrierefreiheit"
    ).click()
    expect(app_page.get_by_role("heading", level=1)).to_have_text("Erklärung zur Barrierefreiheit")
    expect(app_page).to_have_title(re.compile("^Erklärung zur Barrierefreiheit"))
    form = app_page.get_by_role("form", name="Formular: Barriere melden")
    fill_form(form, name="Ben Blind", text="Die Karte ist mit dem Screenreader schwer zu nutzen.")
    form.get_by_label("Seite oder Inhalt mit der Barriere").fill("Startseite, Karte")
    form.get_by_role("button", name="Nachricht senden").click()
    expect(form.get_by_role("status")).to_have_text(re.compile("angekommen"))

    log_in_as_editor(app_page)
    app_page.get_by_role("link", name="Postfach").click()
    message = app_page.get_by_role("article", name=re.compile("Ben Blind"))
    expect(message).to_contain_text("Barriere auf dieser Website melden")
    expect(message).to_contain_text("Startseite, Karte")
    expect(message.get_by_role("link", name="anna@example.org")).to_have_attribute(
        "href", "mailto:anna@example.org"
    )
    message.get_by_role("button", name="Als erledigt markieren").click()

    expect(app_page.get_by_role("status")).to_have_text("Die Nachricht ist als erledigt markiert.")
    expect(message).to_have_count(0)
    show_done = app_page.get_by_role("button", name="Erledigte anzeigen")
    expect(show_done).to_have_attribute("aria-pressed", "false")
    show_done.click()
    expect(show_done).to_have_attribute("aria-pressed", "true")
    expect(message).to_contain_text("erledigt am")
    expect(message.get_by_role("button", name="Wieder öffnen")).to_be_visible()


def test_inbox_needs_a_login(app_page: Page) -> None:
    open_page(app_page, "/admin/postfach")
    # The login page, which returns to the inbox afterwards.
    expect(app_page).to_have_url(re.compile(r"/admin/anmelden/?\?weiter=%2Fadmin%2Fpostfach"))


def test_the_navigation_counts_new_messages_until_the_inbox_has_shown_them(
    app_page: Page, own_app_database: Engine
) -> None:
    with Session(own_app_database) as session:
        # Messages of earlier tests count as seen; two new ones arrive.
        session.exec(
            update(ContactMessage)
            .where(col(ContactMessage.read_at).is_(None))
            .values(read_at=utc_now())
        )
        add_stored_messages(
            session, ["neu-1", "neu-2"], received_at=utc_now() - timedelta(minutes=2), text=TEXT
        )
    log_in_as_editor(app_page)
    navigation = app_page.get_by_role("navigation", name="Redaktion")
    inbox_link = navigation.get_by_role("link", name="Postfach, 2 neue Nachrichten", exact=True)
    expect(inbox_link).to_have_text("Postfach (2)")

    inbox_link.click()
    expect_path(app_page, "/admin/postfach")
    new_messages = app_page.get_by_role("article").filter(has_text=TEXT)
    expect(new_messages).to_have_count(2)
    for heading in new_messages.get_by_role("heading").all():
        expect(heading).to_have_text(re.compile(r"^Neu Allgemeine Nachricht – Absender$"))
    # Shown, they are no longer new: the number goes, on this page and the next.
    expect(navigation.get_by_role("link", name="Postfach", exact=True)).to_have_text("Postfach")
    navigation.get_by_role("link", name="Meldungen").click()
    expect_path(app_page, "/admin/nachrichten")
    expect(navigation.get_by_role("link", name="Postfach", exact=True)).to_have_text("Postfach")

    navigation.get_by_role("link", name="Postfach").click()
    expect_path(app_page, "/admin/postfach")
    expect(new_messages).to_have_count(2)
    expect(new_messages.get_by_text("Neu", exact=True)).to_have_count(0)

    # "Antworten" opens the mail program with a reply, and notes that it was answered.
    message = new_messages.first
    answer = message.get_by_role("link", name="Antworten")
    href = answer.get_attribute("href") or ""
    address, query = href.split("?", 1)
    reply = parse_qs(query)
    assert address == "mailto:absender@example.org"
    assert reply["subject"] == ["Ihre Nachricht an die Stadt Krefeld: Allgemeine Nachricht"]
    assert re.fullmatch(
        rf"\r\n\r\nAm [0-9.]+, [0-9:]+ Uhr schrieben Sie:\r\n> {re.escape(TEXT)}", reply["body"][0]
    )
    answer.click()
    expect(app_page.get_by_role("status")).to_have_text(
        re.compile("^Die Antwort öffnet sich in Ihrem E-Mail-Programm.")
    )
    expect(message).to_contain_text(re.compile(r"Beantwortet am [0-9.]+, [0-9:]+ Uhr von \w+"))
    # Answered is not done: it stays in the list of open messages.
    expect(message.get_by_role("button", name="Als erledigt markieren")).to_be_visible()
