import pytest
from sqlmodel import Session

from partner_app.services.page_content import contacts, office_address, page_intro, tel_uri
from partner_app.services.partnerships import paragraphs, partnerships_by_since


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("0 21 51 / 86-1554", "tel:+492151861554"),
        ("+49 2151 86-1562", "tel:+492151861562"),
        ("0049 2151 861562", "tel:+492151861562"),
        ("+49 (0) 2151 86-1554", "tel:+492151861554"),
        ("+49 (0)2151\u00a086\u202f1554", "tel:+492151861554"),
        ("02151\t86 15 54", "tel:+492151861554"),
        ("", ""),
    ],
)
def test_tel_uri_is_international(phone: str, uri: str) -> None:
    assert tel_uri(phone) == uri
    # Validators refuse whitespace in a tel: URI; the shown number keeps its spaces.
    assert not any(character.isspace() for character in uri)


def test_partnerships_are_ordered_by_since(seeded_session: Session) -> None:
    views = partnerships_by_since(seeded_session)
    assert [view.slug for view in views] == [
        "venlo",
        "leicester",
        "duenkirchen",
        "leiden",
        "charlotte",
        "oder-spree",
        "uljanowsk",
        "kayseri",
        "kropyvnytskyi",
    ]


def test_only_suspended_dormant_and_project_partnerships_are_marked(
    seeded_session: Session,
) -> None:
    marks = {view.slug: view.mark_label for view in partnerships_by_since(seeded_session)}
    assert marks == {
        "venlo": "",
        "leicester": "",
        "duenkirchen": "",
        "leiden": "ruhend",
        "charlotte": "",
        "oder-spree": "",
        "uljanowsk": "ausgesetzt",
        "kayseri": "",
        "kropyvnytskyi": "Projektpartnerschaft",
    }


def test_since_label_honours_precision(seeded_session: Session) -> None:
    labels = {view.slug: view.since_label for view in partnerships_by_since(seeded_session)}
    assert labels["venlo"] == "21.11.1964"
    assert labels["charlotte"] == "Mai 1986"
    assert labels["uljanowsk"] == "Mai 1993"


def test_contacts_and_address(seeded_session: Session) -> None:
    people = contacts(seeded_session)
    assert [person.name for person in people] == ["Ricarda-Marie Fries", "Martina Heffels"]
    assert people[0].phone_href == "tel:+492151861554"
    assert people[1].email_href == "mailto:martina.heffels@krefeld.de"
    address = office_address(seeded_session)
    assert (address.street, address.postal_code, address.city) == (
        "Von-der-Leyen-Platz 1",
        "47798",
        "Krefeld",
    )


def test_intro_is_split_into_paragraphs(seeded_session: Session) -> None:
    intro = page_intro(seeded_session)
    assert intro.title == "Städtepartnerschaften"
    assert len(intro.paragraphs) == 4


def test_empty_database_gives_empty_views(session: Session) -> None:
    assert page_intro(session).title == ""
    assert contacts(session) == []
    assert partnerships_by_since(session) == []


def test_paragraphs_join_wrapped_lines_and_drop_blank_ones() -> None:
    assert paragraphs("eins\nzwei\n\n\n\ndrei  ") == ["eins zwei", "drei"]
