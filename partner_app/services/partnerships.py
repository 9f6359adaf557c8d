"""Partnerships as the public page shows them."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from partner_app import texts
from partner_app.models import Partnership, PartnershipKind, PartnershipStatus
from partner_app.services.geo import distance_from_krefeld_label
from partner_app.services.german_dates import format_german_date, machine_readable_date


@dataclass(frozen=True)
class PartnershipView:
    """One partnership, ready to render."""

    slug: str
    name: str
    native_name: str
    native_lang: str
    country: str
    region: str
    since_label: str
    since_iso: str
    since_note: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    status_note: str
    # Suspended, dormant and project partnerships are marked visibly on the page.
    is_marked: bool
    mark_label: str
    description_paragraphs: list[str]
    facts: list[str]
    # Great-circle distance from Krefeld, computed from the coordinates ("" when unknown).
    distance_label: str
    latitude: float | None
    longitude: float | None
    image_src: str
    image_alt: str
    image_caption: str
    image_credit: str


def partnerships_by_since(session: Session) -> list[PartnershipView]:
    """All partnerships, the oldest first."""
    rows = session.exec(
        select(Partnership).order_by(
            col(Partnership.since), col(Partnership.sort_order), col(Partnership.name)
        )
    ).all()
    return [partnership_view(row) for row in rows]


def partnership_view(partnership: Partnership) -> PartnershipView:
    """The view model of one partnership."""
    status = PartnershipStatus(partnership.status)
    kind = PartnershipKind(partnership.kind)
    mark_label = ""
    if status != PartnershipStatus.active:
        mark_label = texts.STATUS_LABELS[status]
    elif kind == PartnershipKind.project:
        mark_label = texts.KIND_LABELS[kind]
    return PartnershipView(
        slug=partnership.slug,
        name=partnership.name,
        native_name=partnership.native_name,
        native_lang=partnership.native_lang,
        country=partnership.country,
        region=partnership.region,
        since_label=format_german_date(partnership.since, partnership.since_precision),
        since_iso=machine_readable_date(partnership.since, partnership.since_precision),
        since_note=partnership.since_note,
        kind=kind.value,
        kind_label=texts.KIND_LABELS[kind],
        status=status.value,
        status_label=texts.STATUS_LABELS[status],
        status_note=partnership.status_note,
        is_marked=bool(mark_label),
        mark_label=mark_label,
        description_paragraphs=paragraphs(partnership.description),
        facts=list(partnership.facts),
        distance_label=distance_from_krefeld_label(partnership.latitude, partnership.longitude),
        latitude=partnership.latitude,
        longitude=partnership.longitude,
        image_src=f"/{partnership.image_path}" if partnership.image_path else "",
        image_alt=partnership.image_alt,
        image_caption=partnership.image_caption,
        image_credit=partnership.image_credit,
    )


def paragraphs(text: str) -> list[str]:
    """Split text at blank lines into paragraphs, joining wrapped lines."""
    blocks = (" ".join(block.split()) for block in text.split("\n\n"))
    return [block for block in blocks if block]
