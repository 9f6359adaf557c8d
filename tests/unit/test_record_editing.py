"""Editing partnerships, contacts, the address and the intro through their record types."""

import pytest
from sqlmodel import Session, select

from partner_app.models import (
    AuditAction,
    AuditEntity,
    AuditEntry,
    ContactPerson,
    Partnership,
    PartnershipStatus,
)
from partner_app.services.content_types import CONTACT, INTRO, OFFICE, PARTNERSHIP
from partner_app.services.edit_conflicts import EditConflictError, RecordGoneError
from partner_app.services.form_validation import ValidationError
from partner_app.services.news_archive import NewsFilter, published_news_page
from partner_app.services.page_content import contacts, page_intro
from partner_app.services.partnerships import partnership_view, partnerships_by_since
from partner_app.services.record_editing import (
    delete_record,
    empty_form,
    first_record_id,
    list_records,
    record_form,
    save_record,
)
from tests.unit.conftest import TODAY


def partnership_id(session: Session, slug: str) -> int:
    found = session.exec(select(Partnership.id).where(Partnership.slug == slug)).one()
    assert found is not None, "a stored row has an id"
    return found


def stored_partnership(session: Session, record_id: int) -> Partnership:
    partnership = session.get(Partnership, record_id)
    assert partnership is not None, f"partnership {record_id} is not in the database"
    return partnership


def test_partnership_form_round_trips_every_field(seeded_session: Session) -> None:
    form, opened = record_form(
        seeded_session, PARTNERSHIP, partnership_id(seeded_session, "uljanowsk")
    )
    assert form["native_name"] == "Ульяновск"
    assert form["since"] == "1993-05-01"
    assert form["since_precision"] == "month"
    assert form["status"] == "suspended"
    assert form["facts"].count("\n") == 0
    assert form["latitude"] == "54.3142"
    assert opened.version == 1


def test_changing_status_and_note_shows_on_the_public_view(seeded_session: Session) -> None:
    record_id = partnership_id(seeded_session, "leiden")
    form, opened = record_form(seeded_session, PARTNERSHIP, record_id)
    changed = {
        **form,
        "status": "active",
        "status_note": "",
        "facts": "Neu belebt.\n\nZweite Angabe",
    }
    save_record(
        seeded_session,
        PARTNERSHIP,
        changed,
        editor="anna",
        today=TODAY,
        record_id=record_id,
        opened=opened,
    )
    leiden = next(view for view in partnerships_by_since(seeded_session) if view.slug == "leiden")
    assert (leiden.status, leiden.is_marked, leiden.facts) == (
        "active",
        False,
        ["Neu belebt.", "Zweite Angabe"],
    )
    assert stored_partnership(seeded_session, record_id).status == PartnershipStatus.active
    entry = seeded_session.exec(select(AuditEntry)).one()
    assert (entry.entity_type, entry.action, entry.entity_label) == (
        AuditEntity.partnership,
        AuditAction.changed,
        "Leiden",
    )
    assert set(entry.changes) == {"status", "status_note", "facts"}


def test_a_new_partnership_has_no_country_until_one_is_chosen() -> None:
    assert empty_form(PARTNERSHIP)["country_code"] == ""
    assert empty_form(PARTNERSHIP)["kind"] == "city"


def test_changing_the_country_shows_its_name_in_both_languages(seeded_session: Session) -> None:
    record_id = partnership_id(seeded_session, "venlo")
    form, opened = record_form(seeded_session, PARTNERSHIP, record_id)
    save_record(
        seeded_session,
        PARTNERSHIP,
        {**form, "country_code": "BE"},
        editor="a",
        today=TODAY,
        record_id=record_id,
        opened=opened,
    )
    venlo = stored_partnership(seeded_session, record_id)
    assert partnership_view(venlo).country == "Belgien"
    assert partnership_view(venlo, "en").country == "Belgium"


def test_new_partnership_gets_a_slug(seeded_session: Session) -> None:
    form = {
        **empty_form(PARTNERSHIP),
        "name": "Neue Stadt an der Düssel",
        "native_name": "Neue Stadt",
        "native_lang": "de",
        "country_code": "DE",
        "since": "2026-01-15",
        "kind": "city",
        "status": "active",
        "description": "Eine Beschreibung.",
        "sort_order": "0",
        "latitude": "51,2",
        "longitude": "6.8",
    }
    record_id = save_record(seeded_session, PARTNERSHIP, form, editor="anna", today=TODAY)
    created = stored_partnership(seeded_session, record_id)
    assert created.slug == "neue-stadt-an-der-duessel"
    assert created.latitude == pytest.approx(51.2)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Bitte füllen"),
        ({"latitude": "91"}, "latitude", "zwischen -90 und 90"),
        ({"longitude": "Osten"}, "longitude", "Zahl"),
        ({"native_lang": "Niederländisch"}, "native_lang", "Sprachcode"),
        ({"since": "2999-01-01"}, "since", "zwischen"),
        ({"status": "aufgelöst"}, "status", "angebotenen"),
        # Nothing chosen, a union and a made-up code are no countries.
        ({"country_code": ""}, "country_code", "angebotenen"),
        ({"country_code": "EU"}, "country_code", "angebotenen"),
        ({"country_code": "XY"}, "country_code", "angebotenen"),
        ({"sort_order": "-1"}, "sort_order", "zwischen 0 und 999"),
    ],
)
def test_bad_partnership_input_is_refused(
    seeded_session: Session, changes: dict[str, str], field: str, message: str
) -> None:
    record_id = partnership_id(seeded_session, "venlo")
    form, opened = record_form(seeded_session, PARTNERSHIP, record_id)
    with pytest.raises(ValidationError) as refused:
        save_record(
            seeded_session,
            PARTNERSHIP,
            {**form, **changes},
            editor="a",
            today=TODAY,
            record_id=record_id,
            opened=opened,
        )
    assert message in refused.value.errors[field]
    assert stored_partnership(seeded_session, record_id).version == 1


def test_renaming_a_partnership_keeps_its_news_findable(seeded_session: Session) -> None:
    record_id = partnership_id(seeded_session, "duenkirchen")
    form, opened = record_form(seeded_session, PARTNERSHIP, record_id)
    save_record(
        seeded_session,
        PARTNERSHIP,
        {**form, "name": "Dunkerque-Stadt"},
        editor="a",
        today=TODAY,
        record_id=record_id,
        opened=opened,
    )
    page = published_news_page(seeded_session, NewsFilter(text="dunkerque-stadt"), today=TODAY)
    assert page.total == 1


def test_conflicting_partnership_save_is_refused(seeded_session: Session) -> None:
    record_id = partnership_id(seeded_session, "kayseri")
    base, opened = record_form(seeded_session, PARTNERSHIP, record_id)
    save_record(
        seeded_session,
        PARTNERSHIP,
        {**base, "region": "Anatolien"},
        editor="ben",
        today=TODAY,
        record_id=record_id,
        opened=opened,
    )
    with pytest.raises(EditConflictError) as conflict:
        save_record(
            seeded_session,
            PARTNERSHIP,
            {**base, "name_en": "Kayseri (Türkiye)"},
            editor="anna",
            today=TODAY,
            record_id=record_id,
            opened=opened,
        )
    assert conflict.value.changes == {"Region": "Anatolien"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"email": "keine-adresse"}, "email"), ({"phone": "ruf mich an"}, "phone")],
)
def test_contact_email_and_phone_are_checked(
    seeded_session: Session, changes: dict[str, str], field: str
) -> None:
    form = {
        **empty_form(CONTACT),
        "name": "Neu",
        "phone": "0 21 51 / 86-1000",
        "email": "neu@krefeld.de",
        "sort_order": "3",
    }
    with pytest.raises(ValidationError) as refused:
        save_record(seeded_session, CONTACT, {**form, **changes}, editor="a", today=TODAY)
    assert field in refused.value.errors


def test_contacts_can_be_added_and_deleted(seeded_session: Session) -> None:
    form = {
        **empty_form(CONTACT),
        "name": "Neue Kollegin",
        "phone": "+49 2151 86-1000",
        "email": "neu@krefeld.de",
        "room": "B 210",
        "sort_order": "3",
    }
    record_id = save_record(seeded_session, CONTACT, form, editor="a", today=TODAY)
    assert [c.name for c in contacts(seeded_session)][-1] == "Neue Kollegin"
    delete_record(seeded_session, CONTACT, record_id, editor="a")
    assert seeded_session.get(ContactPerson, record_id) is None
    assert len(list_records(seeded_session, CONTACT)) == 2


def test_single_row_records_can_be_edited_but_not_created_or_deleted(
    seeded_session: Session,
) -> None:
    intro_id = first_record_id(seeded_session, INTRO)
    assert intro_id is not None, "the seed has a page intro"
    form, opened = record_form(seeded_session, INTRO, intro_id)
    save_record(
        seeded_session,
        INTRO,
        {**form, "title": "Unsere Partnerstädte"},
        editor="a",
        today=TODAY,
        record_id=intro_id,
        opened=opened,
    )
    assert page_intro(seeded_session).title == "Unsere Partnerstädte"
    with pytest.raises(RecordGoneError):
        save_record(seeded_session, OFFICE, empty_form(OFFICE), editor="a", today=TODAY)
    with pytest.raises(RecordGoneError):
        delete_record(seeded_session, INTRO, intro_id, editor="a")


def test_image_needs_alt_text_and_credit_only_when_present(seeded_session: Session) -> None:
    record_id = partnership_id(seeded_session, "venlo")
    form, opened = record_form(seeded_session, PARTNERSHIP, record_id)
    with pytest.raises(ValidationError) as refused:
        save_record(
            seeded_session,
            PARTNERSHIP,
            {**form, "image_path": "_upload/partnerschaft/" + "b2" * 12 + "-card.webp"},
            editor="a",
            today=TODAY,
            record_id=record_id,
            opened=opened,
        )
    assert set(refused.value.errors) == {"image_alt", "image_credit"}
    save_record(
        seeded_session,
        PARTNERSHIP,
        form,
        editor="a",
        today=TODAY,
        record_id=record_id,
        opened=opened,
    )
