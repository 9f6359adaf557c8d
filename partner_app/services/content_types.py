"""The editable content besides news, described as record types for the admin."""

from sqlmodel import Session, col, select

from partner_app.models import (
    ContactPerson,
    DatePrecision,
    NewsItem,
    NewsPartnershipLink,
    OfficeAddress,
    PageIntro,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)
from partner_app.services.news_search import refresh_search_text
from partner_app.services.record_editing import FieldSpec, RecordType
from partner_app.texts import KIND_LABELS, PRECISION_OPTIONS, STATUS_LABELS


def _refresh_news_of(session: Session, partnership: Partnership) -> None:
    # News are found by the names of their cities: a renamed city must stay findable.
    news = session.exec(
        select(NewsItem)
        .join(NewsPartnershipLink, col(NewsPartnershipLink.news_id) == NewsItem.id)
        .where(NewsPartnershipLink.partnership_id == partnership.id)
    ).all()
    for item in news:
        refresh_search_text(item)
        session.add(item)


PARTNERSHIP = RecordType(
    key="partnerschaft",
    label="Partnerschaft",
    model=Partnership,
    title_field="name",
    order_by=("since", "sort_order"),
    details=lambda p: f"{p.country}, {STATUS_LABELS[PartnershipStatus(p.status)]}",
    slug_source="name",
    after_save=_refresh_news_of,
    fields=(
        FieldSpec("name", "Name (deutsch)", max_length=120),
        FieldSpec("native_name", "Name in Landessprache", max_length=160),
        FieldSpec(
            "native_lang", "Sprachcode der Landessprache", kind="lang", hint="z. B. nl, en, fr, uk"
        ),
        FieldSpec("country", "Land", max_length=80),
        FieldSpec("region", "Region", max_length=120, required=False),
        FieldSpec("since", "Partnerschaft seit", kind="date"),
        FieldSpec(
            "since_precision",
            "Genauigkeit des Datums",
            kind="choice",
            choices=PRECISION_OPTIONS,
            enum_type=DatePrecision,
        ),
        FieldSpec(
            "since_note", "Anmerkung zum Datum", kind="textarea", max_length=500, required=False
        ),
        FieldSpec(
            "kind",
            "Art",
            kind="choice",
            choices=tuple((kind.value, label) for kind, label in KIND_LABELS.items()),
            enum_type=PartnershipKind,
        ),
        FieldSpec(
            "status",
            "Status",
            kind="choice",
            choices=tuple((status.value, label) for status, label in STATUS_LABELS.items()),
            enum_type=PartnershipStatus,
        ),
        FieldSpec(
            "status_note", "Anmerkung zum Status", kind="textarea", max_length=500, required=False
        ),
        FieldSpec("description", "Beschreibung", kind="textarea", max_length=5000),
        FieldSpec(
            "description_en",
            "Beschreibung auf Englisch (ohne sie zeigt die englische Seite die deutsche)",
            kind="textarea",
            max_length=5000,
            required=False,
        ),
        FieldSpec(
            "facts",
            "Wissenswertes (eine Angabe pro Zeile)",
            kind="lines",
            max_length=500,
            required=False,
        ),
        FieldSpec(
            "sort_order", "Reihenfolge bei gleichem Datum", kind="integer", minimum=0, maximum=999
        ),
        FieldSpec("latitude", "Breitengrad", kind="decimal", minimum=-90, maximum=90),
        FieldSpec("longitude", "Längengrad", kind="decimal", minimum=-180, maximum=180),
        FieldSpec("image_path", "Bild", kind="image", max_length=300, required=False),
        FieldSpec(
            "image_alt", "Alternativtext des Bildes", max_length=300, required_with="image_path"
        ),
        FieldSpec("image_caption", "Bildunterschrift", max_length=500, required=False),
        FieldSpec("image_credit", "Bildnachweis", max_length=200, required_with="image_path"),
    ),
)

CONTACT = RecordType(
    key="kontakt",
    label="Kontakt",
    model=ContactPerson,
    title_field="name",
    order_by=("sort_order", "id"),
    details=lambda c: f"{c.phone}, {c.email}",
    deletable=True,
    fields=(
        FieldSpec("name", "Name", max_length=120),
        FieldSpec("phone", "Telefon", kind="phone"),
        FieldSpec("email", "E-Mail", kind="email"),
        FieldSpec("room", "Zimmer", max_length=60, required=False),
        FieldSpec("sort_order", "Reihenfolge", kind="integer", minimum=0, maximum=999),
    ),
)

OFFICE = RecordType(
    key="anschrift",
    label="Anschrift",
    model=OfficeAddress,
    title_field="department",
    order_by=("id",),
    creatable=False,
    fields=(
        FieldSpec("department", "Dienststelle", max_length=160),
        FieldSpec("street", "Straße und Hausnummer", max_length=160),
        FieldSpec("postal_code", "Postleitzahl", max_length=10),
        FieldSpec("city", "Ort", max_length=80),
    ),
)

INTRO = RecordType(
    key="einleitung",
    label="Einleitung",
    model=PageIntro,
    title_field="title",
    order_by=("id",),
    creatable=False,
    fields=(
        FieldSpec("title", "Seitentitel", max_length=160),
        FieldSpec("heading", "Überschrift der Partnerstädte", max_length=160),
        FieldSpec(
            "body",
            "Einleitungstext (Absätze mit Leerzeile trennen)",
            kind="textarea",
            max_length=5000,
        ),
    ),
)

RECORD_TYPES = {
    record_type.key: record_type for record_type in (PARTNERSHIP, CONTACT, OFFICE, INTRO)
}
