"""The intro and contact block of the public page."""

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from partner_app.i18n import text, written_in
from partner_app.models import ContactPerson, ContactRole, OfficeAddress, PageIntro
from partner_app.services.partnerships import paragraphs

_NOT_DIGITS = re.compile(r"\D")
# "+49 (0) 2151 …": the bracketed trunk zero is dialled only from inside Germany.
_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")


@dataclass(frozen=True)
class IntroView:
    """Title, heading and paragraphs of the page intro, each with its language."""

    title: str = ""
    title_lang: str = "de"
    heading: str = ""
    heading_lang: str = "de"
    paragraphs: tuple[str, ...] = ()
    paragraphs_lang: str = "de"


@dataclass(frozen=True)
class ContactView:
    """A contact person with ready-made ``tel:`` and ``mailto:`` links."""

    name: str
    # What the person is reached for ("Presse"), in the page's language.
    role: str
    phone: str
    phone_href: str
    email: str
    email_href: str
    room: str


@dataclass(frozen=True)
class AddressView:
    """The office address as lines."""

    department: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""


def page_intro(session: Session, lang: str = "de") -> IntroView:
    """The page intro in ``lang`` where written so, or an empty one before any content."""
    intro = session.exec(select(PageIntro).order_by(col(PageIntro.id))).first()
    if intro is None:
        return IntroView()
    title, title_lang = written_in(intro.title, intro.title_en, lang)
    heading, heading_lang = written_in(intro.heading, intro.heading_en, lang)
    body, body_lang = written_in(intro.body, intro.body_en, lang)
    return IntroView(title, title_lang, heading, heading_lang, tuple(paragraphs(body)), body_lang)


def contacts(session: Session, lang: str = "de") -> list[ContactView]:
    """The contact people in their display order, their roles in ``lang``."""
    rows = session.exec(
        select(ContactPerson).order_by(col(ContactPerson.sort_order), col(ContactPerson.id))
    ).all()
    role_labels = text("CONTACT_ROLE_LABELS", lang)
    return [
        ContactView(
            name=row.name,
            role=role_labels[ContactRole(row.role)],
            phone=row.phone,
            phone_href=tel_uri(row.phone),
            email=row.email,
            email_href=f"mailto:{row.email}" if row.email else "",
            room=row.room,
        )
        for row in rows
    ]


def office_address(session: Session) -> AddressView:
    """The office address, or an empty one before any content exists."""
    address = session.exec(select(OfficeAddress).order_by(col(OfficeAddress.id))).first()
    if address is None:
        return AddressView()
    return AddressView(address.department, address.street, address.postal_code, address.city)


def tel_uri(phone: str, country_code: str = "49") -> str:
    """A ``tel:`` URI in international form from a German number ("0 21 51 / 86-1554")."""
    digits = _NOT_DIGITS.sub("", _TRUNK_ZERO.sub("", phone))
    if not digits:
        return ""
    if phone.strip().startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+{country_code}{digits[1:]}"
    return f"tel:{digits}"
