"""Partnerships as the public page shows them."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from partner_app.i18n import text, written_in
from partner_app.models import Partnership, PartnershipKind, PartnershipStatus
from partner_app.services.countries import country_name
from partner_app.services.dates import format_date, machine_readable_date
from partner_app.services.geo import distance_from_krefeld_label
from partner_app.services.news_feeds import FeedFormat, feed_url


@dataclass(frozen=True)
class PartnershipView:
    """One partnership, ready to render."""

    slug: str
    # In the page's language where the editors gave an English name ("Dunkirk").
    name: str
    name_lang: str
    native_name: str
    native_lang: str
    # Named in the page's language (Babel: "Niederlande", "Netherlands").
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
    # The language of the description: English ones exist for some partnerships.
    description_lang: str
    facts: list[str]
    # Great-circle distance from Krefeld, computed from the coordinates ("" when unknown).
    distance_label: str
    latitude: float | None
    longitude: float | None
    image_src: str
    image_alt: str
    image_caption: str
    image_credit: str
    # The partnership's own news feed (RSS), offered in its tab.
    feed_url: str
    feed_label: str


def partnerships_by_since(session: Session, lang: str = "de") -> list[PartnershipView]:
    """All partnerships, the oldest first, with labels in ``lang``."""
    rows = session.exec(
        select(Partnership).order_by(
            col(Partnership.since), col(Partnership.sort_order), col(Partnership.name)
        )
    ).all()
    return [partnership_view(row, lang) for row in rows]


def partnership_view(partnership: Partnership, lang: str = "de") -> PartnershipView:
    """The view model of one partnership; labels in ``lang``, content as written."""
    kind_labels = text("KIND_LABELS", lang)
    description, description_lang = written_in(
        partnership.description, partnership.description_en, lang
    )
    status_labels = text("STATUS_LABELS", lang)
    name, name_lang = written_in(partnership.name, partnership.name_en, lang)
    status = PartnershipStatus(partnership.status)
    kind = PartnershipKind(partnership.kind)
    mark_label = ""
    if status != PartnershipStatus.active:
        mark_label = status_labels[status]
    elif kind == PartnershipKind.project:
        mark_label = kind_labels[kind]
    return PartnershipView(
        slug=partnership.slug,
        name=name,
        name_lang=name_lang,
        native_name=partnership.native_name,
        native_lang=partnership.native_lang,
        country=country_name(partnership.country_code, lang),
        region=partnership.region,
        since_label=format_date(partnership.since, partnership.since_precision, lang),
        since_iso=machine_readable_date(partnership.since, partnership.since_precision),
        since_note=partnership.since_note,
        kind=kind.value,
        kind_label=kind_labels[kind],
        status=status.value,
        status_label=status_labels[status],
        status_note=partnership.status_note,
        is_marked=bool(mark_label),
        mark_label=mark_label,
        description_paragraphs=paragraphs(description),
        description_lang=description_lang,
        facts=list(partnership.facts),
        distance_label=distance_from_krefeld_label(
            partnership.latitude, partnership.longitude, lang
        ),
        latitude=partnership.latitude,
        longitude=partnership.longitude,
        image_src=f"/{partnership.image_path}" if partnership.image_path else "",
        image_alt=partnership.image_alt,
        image_caption=partnership.image_caption,
        image_credit=partnership.image_credit,
        feed_url=feed_url("", FeedFormat.rss, partnership.slug),
        feed_label=text("CITY_FEED_LINK", lang).format(name=name),
    )


def paragraphs(text: str) -> list[str]:
    """Split text at blank lines into paragraphs, joining wrapped lines."""
    blocks = (" ".join(block.split()) for block in text.split("\n\n"))
    return [block for block in blocks if block]
