import pytest
from sqlmodel import Session, select

from partner_app.models import PageIntro
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
    # The role a visitor reads above the person, in the page's language.
    assert [person.role for person in people] == ["Partnerschaftsbüro"] * 2
    assert contacts(seeded_session, "en")[0].role == "Partnership office"
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
    assert intro.paragraphs_lang == "de"


def test_the_english_intro_is_english(seeded_session: Session) -> None:
    intro = page_intro(seeded_session, "en")
    assert (intro.title, intro.title_lang) == ("Partner cities", "en")
    assert intro.heading == "Krefeld's partner cities"
    assert intro.paragraphs[0].startswith("The idea of town twinning")
    assert (len(intro.paragraphs), intro.paragraphs_lang) == (4, "en")


def test_without_an_english_text_the_english_page_shows_the_german_one_marked(
    seeded_session: Session,
) -> None:
    stored = seeded_session.exec(select(PageIntro)).one()
    stored.body_en = "  "
    seeded_session.add(stored)
    seeded_session.commit()
    intro = page_intro(seeded_session, "en")
    assert intro.title_lang == "en"
    assert intro.paragraphs[0].startswith("Die Idee der Städtepartnerschaften")
    assert intro.paragraphs_lang == "de"


def test_empty_database_gives_empty_views(session: Session) -> None:
    assert page_intro(session).title == ""
    assert contacts(session) == []
    assert partnerships_by_since(session) == []


def test_paragraphs_join_wrapped_lines_and_drop_blank_ones() -> None:
    assert paragraphs("eins\nzwei\n\n\n\ndrei  ") == ["eins zwei", "drei"]
