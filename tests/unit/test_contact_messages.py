import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from partner_app import settings
from partner_app.models import AuditEntry, ContactMessage, MessageTopic
from partner_app.services import contact_messages
from partner_app.services.contact_messages import (
    DONE_MESSAGE_KEPT,
    MAX_PER_NETWORK,
    UNUSUAL_PER_HOUR,
    MessageInput,
    TooManyMessagesError,
    inbox,
    look_at_inbox,
    new_message_count,
    new_messages_label,
    open_message_count,
    record_answer,
    sender_key,
    set_done,
    submit_message,
    volume_alert,
)
from partner_app.services.form_validation import ValidationError
from tests.support.stored_messages import add_stored_messages

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def _form(**changes: object) -> MessageInput:
    values: dict[str, object] = {
        "name": "Anna Beispiel",
        "email": "anna@example.org",
        "text": "Gibt es Austauschprogramme mit Venlo?",
        "consent": True,
    }
    values.update(changes)
    return MessageInput(**values)  # type: ignore[arg-type]


def _send(
    session: Session, form: MessageInput, *, client: str = "192.0.2.1", at: datetime = NOW
) -> bool:
    return submit_message(session, form, client_address=client, now=at)


def test_valid_message_is_stored_and_listed(session: Session) -> None:
    assert _send(session, _form(text="  Hallo!  ")) is True

    [row] = inbox(session, include_done=False)
    assert (row.name, row.email, row.text) == ("Anna Beispiel", "anna@example.org", "Hallo!")
    assert row.topic_label == "Allgemeine Nachricht"
    assert row.received_label == "25.11.2026, 11:00 Uhr"
    assert open_message_count(session) == 1


def test_network_address_is_stored_only_as_a_key(session: Session) -> None:
    _send(session, _form(), client="198.51.100.7")
    message = session.exec(select(ContactMessage)).one()

    assert "198.51.100.7" not in message.sender_key
    assert message.sender_key == sender_key("198.51.100.7")


def test_the_sender_key_needs_the_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    key = sender_key("198.51.100.7")
    # Hashing every address or network without the secret finds nothing.
    for guess in ("198.51.100.7", "198.51.100.0/24"):
        for text in (guess, f"partner-app-message:{guess}"):
            assert hashlib.sha256(text.encode()).hexdigest() != key
    monkeypatch.setenv(settings.SECRET_KEY_VARIABLE, "ein-anderer-schluessel-" + "y" * 32)
    assert sender_key("198.51.100.7") != key


@pytest.mark.parametrize(
    ("first", "neighbour", "elsewhere"),
    [
        ("198.51.100.7", "198.51.100.200", "198.51.101.7"),
        ("2001:db8:1:2::7", "2001:db8:1:2:ffff::1", "2001:db8:1:3::7"),
        ("::ffff:198.51.100.7", "198.51.100.8", "::ffff:198.51.101.7"),
        ("unbekannt", "unbekannt", "Unbekannt"),
    ],
)
def test_the_key_is_of_the_network(first: str, neighbour: str, elsewhere: str) -> None:
    assert sender_key(first) == sender_key(neighbour)
    assert sender_key(first) != sender_key(elsewhere)


def test_every_problem_gets_a_german_message_and_nothing_is_stored(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        _send(session, _form(name=" ", email="kein-at", text="", consent=False, topic="x"))

    assert set(caught.value.errors) == {"name", "email", "text", "consent", "topic"}
    assert "zu" in caught.value.errors["consent"]
    assert "E-Mail-Adresse" in caught.value.errors["email"]
    assert session.exec(select(ContactMessage)).all() == []


def test_over_long_text_is_refused_with_its_length(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        _send(session, _form(text="x" * 5001))

    assert caught.value.errors["text"] == "Höchstens 5000 Zeichen (jetzt 5001)."


def test_honeypot_pretends_success_but_stores_nothing(session: Session) -> None:
    assert _send(session, _form(honeypot="http://spam.example")) is False
    assert session.exec(select(ContactMessage)).all() == []


def test_accessibility_feedback_keeps_its_topic_and_page(session: Session) -> None:
    _send(session, _form(topic="accessibility", page="/?stadt=venlo"))
    message = session.exec(select(ContactMessage)).one()

    assert message.topic == MessageTopic.accessibility
    assert message.page == "/?stadt=venlo"
    assert inbox(session, include_done=False)[0].topic_label.startswith("Barriere")


def test_rate_limit_per_network_says_how_long_to_wait(session: Session) -> None:
    for minute in range(MAX_PER_NETWORK):
        # Addresses of one /24 network count together.
        _send(session, _form(), client=f"192.0.2.{minute + 1}", at=NOW + timedelta(minutes=minute))

    with pytest.raises(TooManyMessagesError) as caught:
        _send(session, _form(), client="192.0.2.250", at=NOW + timedelta(minutes=10))
    # The oldest counted message leaves the one-hour window at NOW + 60 min.
    assert caught.value.wait_minutes == 50
    # Another network is not affected, and the first may send again after the window.
    assert _send(session, _form(), client="192.0.3.1", at=NOW + timedelta(minutes=10))
    assert _send(session, _form(), at=NOW + timedelta(minutes=61))


def test_an_ipv6_connection_cannot_change_its_address_to_send_more(session: Session) -> None:
    for host in range(MAX_PER_NETWORK):
        _send(session, _form(), client=f"2001:db8:1:2::{host + 1}")
    with pytest.raises(TooManyMessagesError):
        _send(session, _form(), client="2001:db8:1:2:abcd::1")
    assert _send(session, _form(), client="2001:db8:1:3::1")


def test_a_spam_wave_never_refuses_a_new_sender_but_alerts_the_editors(session: Session) -> None:
    add_stored_messages(session, [f"k{n}" for n in range(UNUSUAL_PER_HOUR - 1)], received_at=NOW)
    assert volume_alert(session, NOW) == ""
    add_stored_messages(session, ["k-letzte"], received_at=NOW)
    assert volume_alert(session, NOW).startswith(
        "Ungewöhnlich viele Nachrichten in der letzten Stunde"
    )

    assert _send(session, _form(), client="203.0.113.5", at=NOW + timedelta(minutes=1))
    assert f": {UNUSUAL_PER_HOUR + 1}." in volume_alert(session, NOW + timedelta(minutes=1))
    # An hour later the wave is over.
    assert volume_alert(session, NOW + timedelta(minutes=61)) == ""


def test_sender_keys_are_wiped_after_a_day(session: Session) -> None:
    _send(session, _form(), client="192.0.2.1", at=NOW)
    _send(session, _form(), client="192.0.2.2", at=NOW + timedelta(days=2))

    keys = session.exec(select(ContactMessage.sender_key).order_by(col(ContactMessage.id))).all()
    assert keys == ["", sender_key("192.0.2.2")]


def test_marking_done_and_reopening_is_recorded(session: Session) -> None:
    _send(session, _form())
    message_id = inbox(session, include_done=False)[0].id

    assert set_done(session, message_id, done=True, editor="redaktion", now=NOW) is True
    assert inbox(session, include_done=False) == []
    [row] = inbox(session, include_done=True)
    assert row.done
    assert row.done_label == "erledigt am 25.11.2026, 11:00 Uhr von redaktion"
    assert open_message_count(session) == 0

    set_done(session, message_id, done=False, editor="redaktion", now=NOW)
    assert [row.done for row in inbox(session, include_done=False)] == [False]
    actions = session.exec(select(AuditEntry.action).order_by(col(AuditEntry.id))).all()
    assert actions == ["done", "reopened"]


def test_marking_an_unknown_message_reports_it(session: Session) -> None:
    assert set_done(session, 999, done=True, editor="redaktion", now=NOW) is False


def test_done_messages_are_deleted_90_days_after_they_were_marked_done(session: Session) -> None:
    _send(session, _form(name="Erledigt"))
    _send(session, _form(name="Offen"), client="192.0.2.9")
    done_id = next(row.id for row in inbox(session, include_done=False) if row.name == "Erledigt")
    set_done(session, done_id, done=True, editor="redaktion", now=NOW)

    # At the end of the period nothing goes yet; after it only the done message is deleted.
    _send(session, _form(name="Neu"), client="192.0.2.3", at=NOW + DONE_MESSAGE_KEPT)
    assert len(inbox(session, include_done=True)) == 3
    _send(session, _form(name="Neuer"), client="192.0.2.4", at=NOW + DONE_MESSAGE_KEPT * 2)

    names = sorted(row.name for row in inbox(session, include_done=True))
    assert names == ["Neu", "Neuer", "Offen"]


def test_the_audit_log_names_the_message_number_not_the_sender(session: Session) -> None:
    _send(session, _form(name="Anna Beispiel"))
    message_id = inbox(session, include_done=False)[0].id
    set_done(session, message_id, done=True, editor="redaktion", now=NOW)

    [label] = session.exec(select(AuditEntry.entity_label)).all()
    assert label == f"Nachricht Nr. {message_id}"
    assert "Anna" not in label


def test_a_message_is_new_until_an_editor_has_seen_it_in_the_inbox(session: Session) -> None:
    _send(session, _form(name="Anna"))
    _send(session, _form(name="Ben"), client="192.0.2.9")
    assert new_message_count(session) == 2
    assert [row.new for row in inbox(session, include_done=False)] == [True, True]

    later = NOW + timedelta(hours=1)
    view = look_at_inbox(session, include_done=False, now=later, opened_at=later)

    # The page shows both as new, and from then on they count as seen.
    assert [(row.name, row.new) for row in view.rows] == [("Ben", True), ("Anna", True)]
    assert view.new_messages == 0
    assert new_message_count(session) == 0
    read_at = session.exec(select(ContactMessage.read_at)).all()
    assert read_at == [later, later]


def test_new_stays_marked_while_the_page_is_open_and_goes_on_the_next_visit(
    session: Session,
) -> None:
    _send(session, _form(name="Anna"))
    opened = NOW + timedelta(minutes=5)
    look_at_inbox(session, include_done=False, now=opened, opened_at=opened)
    # A message arrives while the page is open; a refresh (after "erledigt", say) shows it.
    _send(session, _form(name="Ben"), client="192.0.2.9", at=NOW + timedelta(minutes=6))

    refreshed = look_at_inbox(
        session, include_done=False, now=NOW + timedelta(minutes=7), opened_at=opened
    )
    assert [(row.name, row.new) for row in refreshed.rows] == [("Ben", True), ("Anna", True)]

    next_visit = NOW + timedelta(minutes=8)
    again = look_at_inbox(session, include_done=False, now=next_visit, opened_at=next_visit)
    assert [row.new for row in again.rows] == [False, False]


def test_seen_by_one_editor_is_seen_for_all(session: Session) -> None:
    _send(session, _form(name="Anna"))
    first_editor = NOW + timedelta(minutes=1)
    look_at_inbox(session, include_done=False, now=first_editor, opened_at=first_editor)
    _send(session, _form(name="Ben"), client="192.0.2.9", at=NOW + timedelta(minutes=2))
    second_editor = NOW + timedelta(minutes=3)
    look_at_inbox(session, include_done=False, now=second_editor, opened_at=second_editor)

    # The first editor's page, still open, marks Ben (whom it has not shown yet) as new.
    still_open = look_at_inbox(
        session, include_done=False, now=NOW + timedelta(minutes=4), opened_at=first_editor
    )
    assert [(row.name, row.new) for row in still_open.rows] == [("Ben", True), ("Anna", True)]
    # A later visit of either shows neither as new: both have been seen.
    later = NOW + timedelta(minutes=5)
    assert not any(
        row.new
        for row in look_at_inbox(session, include_done=False, now=later, opened_at=later).rows
    )


def test_only_what_the_inbox_lists_counts_as_seen(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contact_messages, "INBOX_LIMIT", 2)
    for number in range(3):
        _send(session, _form(name=f"Nr. {number}"), client=f"192.0.{number}.1")

    view = look_at_inbox(session, include_done=False, now=NOW, opened_at=NOW)

    # The oldest one is not on the page yet: it stays new, and the navigation says so.
    assert [row.name for row in view.rows] == ["Nr. 2", "Nr. 1"]
    assert view.new_messages == 1


def test_done_messages_are_never_counted_as_new(session: Session) -> None:
    _send(session, _form())
    message_id = session.exec(select(ContactMessage.id)).one()
    assert message_id is not None
    set_done(session, message_id, done=True, editor="redaktion", now=NOW)

    assert new_message_count(session) == 0


@pytest.mark.parametrize(
    ("count", "label"),
    [(0, ""), (1, "1 neue Nachricht"), (3, "3 neue Nachrichten"), (12, "12 neue Nachrichten")],
)
def test_the_number_of_new_messages_in_words(count: int, label: str) -> None:
    assert new_messages_label(count) == label


def test_answering_is_noted_and_recorded_and_the_message_stays_open(session: Session) -> None:
    _send(session, _form(text="Gibt es Fahrten nach Venlo?"))
    [row] = inbox(session, include_done=False)
    assert row.answered_label == ""
    assert row.reply_href.startswith("mailto:anna@example.org?subject=Ihre%20Nachricht")
    assert row.email_href == "mailto:anna@example.org"

    assert record_answer(session, row.id, editor="redaktion", now=NOW) is True
    assert record_answer(session, row.id, editor="zweite", now=NOW + timedelta(days=1)) is True

    [row] = inbox(session, include_done=False)
    assert not row.done
    # The last reply counts; answering means it was seen.
    assert row.answered_label == "Beantwortet am 26.11.2026, 11:00 Uhr von zweite"
    assert not row.new
    entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
    assert [(entry.action, entry.editor_username, entry.changes) for entry in entries] == [
        ("answered", "redaktion", {"answered": [False, True]}),
        ("answered", "zweite", {"answered": [True, True]}),
    ]
    assert {entry.entity_label for entry in entries} == {f"Nachricht Nr. {row.id}"}


def test_answering_an_unknown_message_reports_it(session: Session) -> None:
    assert record_answer(session, 999, editor="redaktion", now=NOW) is False
