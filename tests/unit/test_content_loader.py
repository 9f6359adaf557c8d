from datetime import date

import pytest
from sqlmodel import Session, func, select

from partner_app.models import (
    ContactPerson,
    DatePrecision,
    NewsItem,
    NewsStatus,
    OfficeAddress,
    PageIntro,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    SeedRecord,
    Topic,
)
from partner_app.services.content_loader import load_default_content
from partner_app.services.news_archive import NewsFilter, published_news_page
from tests.unit.conftest import TODAY

TABLES = (Partnership, NewsItem, Topic, ContactPerson, OfficeAddress, PageIntro, SeedRecord)


def row_counts(session: Session) -> dict[str, int]:
    return {
        table.__name__: session.exec(select(func.count()).select_from(table)).one()
        for table in TABLES
    }


def test_loads_the_whole_default_content(session: Session) -> None:
    report = load_default_content(session)
    assert report.skipped == []
    counts = row_counts(session)
    assert counts["Partnership"] == 9
    assert counts["NewsItem"] == 5
    assert counts["Topic"] == 6
    assert counts["ContactPerson"] == 2
    assert counts["OfficeAddress"] == 1
    assert counts["PageIntro"] == 1
    assert counts["SeedRecord"] == len(report.loaded)


def test_partnership_facts_are_true(seeded_session: Session) -> None:
    partnerships = {p.slug: p for p in seeded_session.exec(select(Partnership)).all()}
    assert partnerships["venlo"].since == date(1964, 11, 21)
    assert partnerships["leicester"].since == date(1969, 5, 14)
    assert partnerships["duenkirchen"].native_name == "Dunkerque"
    assert partnerships["leiden"].status == PartnershipStatus.dormant
    charlotte = partnerships["charlotte"]
    assert (charlotte.since.year, charlotte.since.month) == (1986, 5)
    assert charlotte.since_precision == DatePrecision.month
    assert "23. Mai 1986" in charlotte.since_note
    assert "3. Mai 1986" in charlotte.since_note
    assert partnerships["oder-spree"].kind == PartnershipKind.district
    uljanowsk = partnerships["uljanowsk"]
    assert uljanowsk.status == PartnershipStatus.suspended
    assert uljanowsk.since_precision == DatePrecision.month
    assert uljanowsk.native_lang == "ru"
    assert partnerships["kayseri"].since == date(2008, 6, 25)
    kropyvnytskyi = partnerships["kropyvnytskyi"]
    assert kropyvnytskyi.kind == PartnershipKind.project
    assert kropyvnytskyi.since == date(2023, 9, 11)
    assert kropyvnytskyi.native_lang == "uk"


def test_press_items_have_their_dates_and_cities(seeded_session: Session) -> None:
    page = published_news_page(seeded_session, NewsFilter(), today=TODAY)
    assert [(card.date_label, [c.slug for c in card.cities]) for card in page.cards] == [
        ("28.08.2024", ["leicester"]),
        ("2024", ["venlo"]),
        ("02.05.2024", ["uljanowsk", "kropyvnytskyi"]),
        ("2024", ["duenkirchen"]),
        ("März 2024", ["kropyvnytskyi"]),
    ]
    assert all(card.image_alt and card.image_credit for card in page.cards)
    assert all("Platzhalter" in card.image_alt for card in page.cards)


def test_second_run_changes_nothing(seeded_session: Session) -> None:
    before = row_counts(seeded_session)
    report = load_default_content(seeded_session)
    assert report.loaded == []
    assert row_counts(seeded_session) == before


def test_never_overwrites_an_editors_change(seeded_session: Session) -> None:
    venlo = seeded_session.exec(select(Partnership).where(Partnership.slug == "venlo")).one()
    venlo.description = "Von der Redaktion geändert."
    news = seeded_session.exec(select(NewsItem)).first()
    assert news is not None, "the default content has news"
    news.status = NewsStatus.draft
    seeded_session.commit()

    load_default_content(seeded_session)

    seeded_session.refresh(venlo)
    seeded_session.refresh(news)
    assert venlo.description == "Von der Redaktion geändert."
    assert news.status == NewsStatus.draft


def test_never_brings_back_what_an_editor_deleted(seeded_session: Session) -> None:
    leiden = seeded_session.exec(select(Partnership).where(Partnership.slug == "leiden")).one()
    seeded_session.delete(leiden)
    for contact in seeded_session.exec(select(ContactPerson)).all():
        seeded_session.delete(contact)
    seeded_session.commit()

    load_default_content(seeded_session)

    assert seeded_session.exec(select(Partnership).where(Partnership.slug == "leiden")).all() == []
    assert seeded_session.exec(select(ContactPerson)).all() == []


def test_leaves_an_editors_record_with_the_same_slug_alone(session: Session) -> None:
    session.add(
        Partnership(
            slug="venlo",
            name="Venlo (Redaktion)",
            native_name="Venlo",
            native_lang="nl",
            country_code="NL",
            since=date(1964, 11, 21),
            latitude=51.37,
            longitude=6.17,
        )
    )
    session.commit()
    report = load_default_content(session)
    assert "partnership:venlo" in report.skipped
    names = session.exec(select(Partnership.name).where(Partnership.slug == "venlo")).all()
    assert names == ["Venlo (Redaktion)"]


def test_a_failed_load_leaves_the_database_unchanged(session: Session) -> None:
    broken = {
        "intro": {"title": "T", "heading": "H", "body": "B"},
        "office": {"department": "D", "street": "S", "postal_code": "1", "city": "C"},
        "partnerships": [{"slug": "x"}],  # required fields missing
    }
    with pytest.raises(KeyError):
        load_default_content(session, broken)
    session.rollback()
    assert all(count == 0 for count in row_counts(session).values())
