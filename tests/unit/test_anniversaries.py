from datetime import date

from sqlmodel import Session

from partner_app.services.anniversaries import upcoming_anniversaries
from tests.unit.factories import add_partnership


def test_charlotte_turns_forty_in_2026(seeded_session: Session) -> None:
    found = upcoming_anniversaries(seeded_session, today=date(2026, 11, 25))
    assert [(a.label, a.when) for a in found] == [("40 Jahre Charlotte", "Mai 2026")]


def test_this_and_next_year_in_date_order(seeded_session: Session) -> None:
    found = upcoming_anniversaries(seeded_session, today=date(2028, 1, 1))
    assert [(a.label, a.when) for a in found] == [
        ("20 Jahre Kayseri", "25.06.2028"),
        ("5 Jahre Kropyvnytskyi", "11.09.2028"),
        ("60 Jahre Leicester", "14.05.2029"),
        ("55 Jahre Dünkirchen", "15.06.2029"),
        ("65 Jahre Venlo", "21.11.2029"),
    ]
    found = upcoming_anniversaries(seeded_session, today=date(2024, 1, 1))
    assert [a.label for a in found] == [
        "55 Jahre Leicester",
        "50 Jahre Dünkirchen",
        "60 Jahre Venlo",
        "35 Jahre Landkreis Oder-Spree",
    ]


def test_suspended_and_dormant_partnerships_are_not_celebrated(seeded_session: Session) -> None:
    # Uljanowsk (1993, suspended) would turn 35 in 2028; Leiden (1974, dormant) 50 in 2024.
    labels = [a.label for a in upcoming_anniversaries(seeded_session, today=date(2028, 6, 1))]
    assert not any("Uljanowsk" in label for label in labels)
    labels = [a.label for a in upcoming_anniversaries(seeded_session, today=date(2024, 6, 1))]
    assert not any("Leiden" in label for label in labels)


def test_leap_day_and_young_partnerships(session: Session) -> None:
    add_partnership(session, "schaltjahr", "Schaltstadt", date(2000, 2, 29))
    add_partnership(session, "neu", "Neustadt", date(2026, 3, 1))
    session.commit()
    found = upcoming_anniversaries(session, today=date(2025, 1, 1))
    assert [(a.label, a.when) for a in found] == [("25 Jahre Schaltstadt", "28.02.2025")]
