"""The editable content besides news, described as record types for the admin."""

from sqlmodel import Session, col, select

from partner_app.models import (
    AuditEntity,
    ContactPerson,
    ContactRole,
    DatePrecision,
    NewsItem,
    NewsPartnershipLink,
    OfficeAddress,
    PageIntro,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)
from partner_app.services.countries import country_choices, country_name
from partner_app.services.field_specs import FieldKind, FieldSpec
from partner_app.services.news_search import refresh_search_text
from partner_app.services.record_editing import RecordType
from partner_app.texts import CONTACT_ROLE_LABELS, KIND_LABELS, STATUS_LABELS
from partner_app.texts_admin import PRECISION_OPTIONS


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
    entity=AuditEntity.partnership,
    label="Partnerschaft",
    model=Partnership,
    title_field="name",
    order_by=("since", "sort_order"),
    details=lambda p: (
        f"{country_name(p.country_code)}, {STATUS_LABELS[PartnershipStatus(p.status)]}"
    ),
    slug_source="name",
    after_save=_refresh_news_of,
    fields=(
        FieldSpec("name", "Name (deutsch)"),
        FieldSpec(
            "name_en",
            "Name (englisch)",
            required=False,
            hint="Nur wenn er anders lautet, z. B. „Dunkirk“ für Dünkirchen.",
        ),
        FieldSpec("native_name", "Name in Landessprache"),
        FieldSpec(
            "native_lang",
            "Sprachcode der Landessprache",
            kind=FieldKind.lang,
            hint="z. B. nl, en, fr, uk",
        ),
        FieldSpec(
            "country_code",
            "Land",
            kind=FieldKind.choice,
            choices=country_choices(),
            prompt="Bitte wählen",
        ),
        FieldSpec("region", "Region", required=False),
        FieldSpec("since", "Partnerschaft seit", kind=FieldKind.date),
        FieldSpec(
            "since_precision",
            "Genauigkeit des Datums",
            kind=FieldKind.choice,
            choices=PRECISION_OPTIONS,
            enum_type=DatePrecision,
        ),
        FieldSpec("since_note", "Anmerkung zum Datum", kind=FieldKind.textarea, required=False),
        FieldSpec(
            "kind",
            "Art",
            kind=FieldKind.choice,
            choices=tuple((kind.value, label) for kind, label in KIND_LABELS.items()),
            enum_type=PartnershipKind,
        ),
        FieldSpec(
            "status",
            "Status",
            kind=FieldKind.choice,
            choices=tuple((status.value, label) for status, label in STATUS_LABELS.items()),
            enum_type=PartnershipStatus,
        ),
        FieldSpec("status_note", "Anmerkung zum Status", kind=FieldKind.textarea, required=False),
        FieldSpec("description", "Beschreibung", kind=FieldKind.textarea, max_length=5000),
        FieldSpec(
            "description_en",
            "Beschreibung auf Englisch (ohne sie zeigt die englische Seite die deutsche)",
            kind=FieldKind.textarea,
            max_length=5000,
            required=False,
        ),
        FieldSpec(
            "facts",
            "Wissenswertes (eine Angabe pro Zeile)",
            kind=FieldKind.lines,
            max_length=500,
            required=False,
        ),
        FieldSpec(
            "search_terms",
            "Suchbegriffe (einer pro Zeile)",
            kind=FieldKind.lines,
            max_length=120,
            required=False,
            hint=(
                "Weitere Schreibweisen und frühere Namen, unter denen Meldungen zu dieser "
                "Partnerschaft gefunden werden sollen, z. B. Kropywnyzkyj, Kirowohrad. Name, "
                "Name in Landessprache, Land und Region findet die Suche ohnehin."
            ),
        ),
        FieldSpec(
            "sort_order",
            "Reihenfolge bei gleichem Datum",
            kind=FieldKind.integer,
            minimum=0,
            maximum=999,
        ),
        FieldSpec("latitude", "Breitengrad", kind=FieldKind.decimal, minimum=-90, maximum=90),
        FieldSpec("longitude", "Längengrad", kind=FieldKind.decimal, minimum=-180, maximum=180),
        FieldSpec("image_path", "Bild", kind=FieldKind.image, required=False),
        FieldSpec("image_alt", "Alternativtext des Bildes", required_with="image_path"),
        FieldSpec("image_caption", "Bildunterschrift", required=False),
        FieldSpec("image_credit", "Bildnachweis", required_with="image_path"),
    ),
)

CONTACT = RecordType(
    key="kontakt",
    entity=AuditEntity.contact,
    label="Kontakt",
    model=ContactPerson,
    title_field="name",
    order_by=("sort_order", "id"),
    details=lambda c: f"{CONTACT_ROLE_LABELS[ContactRole(c.role)]}, {c.phone}, {c.email}",
    deletable=True,
    fields=(
        FieldSpec("name", "Name"),
        FieldSpec(
            "role",
            "Aufgabe",
            kind=FieldKind.choice,
            choices=tuple((role.value, label) for role, label in CONTACT_ROLE_LABELS.items()),
            enum_type=ContactRole,
            hint="Besucher sehen sie über den Kontakten, z. B. „Presse“ für Journalisten.",
        ),
        FieldSpec("phone", "Telefon", kind=FieldKind.phone),
        FieldSpec("email", "E-Mail", kind=FieldKind.email),
        FieldSpec("room", "Zimmer", required=False),
        FieldSpec("sort_order", "Reihenfolge", kind=FieldKind.integer, minimum=0, maximum=999),
    ),
)

OFFICE = RecordType(
    key="anschrift",
    entity=AuditEntity.office,
    label="Anschrift",
    model=OfficeAddress,
    title_field="department",
    order_by=("id",),
    creatable=False,
    fields=(
        FieldSpec("department", "Dienststelle"),
        FieldSpec("street", "Straße und Hausnummer"),
        FieldSpec("postal_code", "Postleitzahl"),
        FieldSpec("city", "Ort"),
    ),
)

INTRO = RecordType(
    key="einleitung",
    entity=AuditEntity.intro,
    label="Einleitung",
    model=PageIntro,
    title_field="title",
    order_by=("id",),
    creatable=False,
    fields=(
        FieldSpec("title", "Seitentitel"),
        FieldSpec("heading", "Überschrift der Partnerstädte"),
        FieldSpec(
            "body",
            "Einleitungstext (Absätze mit Leerzeile trennen)",
            kind=FieldKind.textarea,
            max_length=5000,
        ),
        FieldSpec(
            "title_en",
            "Seitentitel (englisch)",
            required=False,
            hint="Leer: Die englische Seite zeigt den deutschen Text, als deutsch gekennzeichnet.",
        ),
        FieldSpec("heading_en", "Überschrift der Partnerstädte (englisch)", required=False),
        FieldSpec(
            "body_en",
            "Einleitungstext (englisch)",
            kind=FieldKind.textarea,
            max_length=5000,
            required=False,
        ),
    ),
)

RECORD_TYPES = {
    record_type.key: record_type for record_type in (PARTNERSHIP, CONTACT, OFFICE, INTRO)
}
