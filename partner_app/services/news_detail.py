"""One published news item in full, and the news related to it."""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from partner_app.i18n import written_in
from partner_app.models import NewsItem, NewsPartnershipLink
from partner_app.services.image_uploads import CARD_SIZE, UPLOAD_PREFIX, stored_image_size
from partner_app.services.markdown_text import render_markdown
from partner_app.services.news_archive import NewsCard, card_loading, is_public, news_card_view
from partner_app.services.news_dates import PublicationDate, publication_dates
from partner_app.services.share_images import ShareImage, share_image_of
from partner_app.services.slugs import is_slug

RELATED_LIMIT = 3


@dataclass(frozen=True)
class NewsDetail:
    """What the detail page of a news item shows (and its head describes)."""

    card: NewsCard
    body_html: str
    # The body's language: "de" for the German text on the English page.
    body_lang: str
    # The larger image rendition; the card image when there is no larger one.
    image_src: str
    # Its size in pixels (placeholders and cards: 16:9), for the reserved box.
    image_width: int
    image_height: int
    published_on: date
    updated_at: datetime
    related: list[NewsCard] = field(default_factory=list)
    # The date as precisely as it is known (news_dates); None: the day alone.
    publication: PublicationDate | None = None
    # The JPEG or PNG link previews show; None: it has none (the site's is named).
    share_image: ShareImage | None = None


def detail_image_path(card_path: str) -> str:
    """The large rendition stored beside an uploaded card image (placeholders have one size)."""
    if card_path.startswith(UPLOAD_PREFIX) and card_path.endswith("-card.webp"):
        return card_path.removesuffix("-card.webp") + "-detail.webp"
    return card_path


def published_news_detail(
    session: Session, slug: str, *, today: date, lang: str = "de", upload_dir: Path | None = None
) -> NewsDetail | None:
    """The public news item with ``slug``; None for unknown, draft or scheduled items.

    ``upload_dir`` is where uploaded images are stored; their sizes are read from there.
    """
    if not is_slug(slug):
        return None
    item = session.exec(
        select(NewsItem)
        .where(NewsItem.slug == slug, *is_public(today))
        .options(*card_loading(with_body=True))
    ).first()
    if item is None or item.id is None:
        return None
    image_path = detail_image_path(item.image_path) if item.image_path else ""
    width, height = CARD_SIZE
    if image_path.startswith(UPLOAD_PREFIX) and upload_dir is not None:
        width, height = stored_image_size(upload_dir, image_path.removeprefix(UPLOAD_PREFIX))
    body, body_lang = written_in(item.body, item.body_en, lang)
    return NewsDetail(
        card=news_card_view(item, lang),
        body_html=render_markdown(body) if body.strip() else "",
        body_lang=body_lang,
        image_src=f"/{image_path}" if image_path else "",
        image_width=width,
        image_height=height,
        published_on=item.published_on,
        updated_at=item.updated_at,
        publication=publication_dates(session, [item])[item.id],
        share_image=share_image_of(item.image_path, upload_dir) if item.image_path else None,
        related=related_news(
            session,
            item.id,
            [p.id for p in item.partnerships if p.id is not None],
            today=today,
            lang=lang,
        ),
    )


def related_news(
    session: Session,
    news_id: int,
    partnership_ids: list[int],
    *,
    today: date,
    limit: int = RELATED_LIMIT,
    lang: str = "de",
) -> list[NewsCard]:
    """The newest public news about any of the same partnerships, without the item itself."""
    if not partnership_ids:
        return []
    sharing_a_city = (
        select(NewsPartnershipLink.news_id)
        .where(col(NewsPartnershipLink.partnership_id).in_(partnership_ids))
        .distinct()
    )
    items = session.exec(
        select(NewsItem)
        .where(col(NewsItem.id).in_(sharing_a_city), NewsItem.id != news_id, *is_public(today))
        .order_by(col(NewsItem.published_on).desc(), col(NewsItem.id).desc())
        .limit(limit)
        .options(*card_loading())
    ).all()
    return [news_card_view(item, lang) for item in items]
