from datetime import date
from io import BytesIO
from pathlib import Path

from PIL import Image
from sqlmodel import Session

from partner_app.services.image_uploads import CARD_SIZE, store_image
from partner_app.services.news_detail import (
    detail_image_path,
    published_news_detail,
    related_news,
)
from tests.unit.conftest import TODAY
from tests.unit.factories import add_news


def test_detail_of_a_public_item_has_rendered_body_and_card(archive: Session) -> None:
    detail = published_news_detail(archive, "spende", today=TODAY)

    assert detail is not None
    assert detail.card.title == "Spende überwiesen"
    assert detail.body_html == "<p>100% der Erlöse, Konto_Nr 7</p>\n"
    assert [city.slug for city in detail.card.cities] == ["venlo", "duenkirchen"]
    assert detail.published_on == date(2023, 3, 25)


def test_unknown_draft_and_scheduled_items_have_no_detail(archive: Session) -> None:
    for slug in ("gibt-es-nicht", "entwurf", "geplant", ""):
        assert published_news_detail(archive, slug, today=TODAY) is None


def test_body_html_never_contains_raw_html(archive: Session) -> None:
    add_news(
        archive,
        "xss",
        title="XSS",
        body="<script>alert(1)</script> [x](javascript:alert(1))",
        published_on=date(2024, 1, 2),
    )
    archive.commit()

    detail = published_news_detail(archive, "xss", today=TODAY)

    assert detail is not None
    assert "<script>" not in detail.body_html
    assert "href" not in detail.body_html
    assert "&lt;script&gt;" in detail.body_html


def test_related_news_share_a_city_are_public_newest_first_and_exclude_the_item(
    archive: Session,
) -> None:
    detail = published_news_detail(archive, "spende", today=TODAY)

    assert detail is not None
    # "entwurf" (draft) and "geplant" (scheduled) are about Venlo too, but not public.
    assert [card.slug for card in detail.related] == ["fest", "museum"]


def test_related_news_are_limited(archive: Session) -> None:
    for day in range(1, 6):
        add_news(archive, f"venlo-{day}", published_on=date(2025, 1, day), cities=("venlo",))
    archive.commit()
    detail = published_news_detail(archive, "fest", today=TODAY)

    assert detail is not None
    assert [card.slug for card in detail.related] == ["venlo-5", "venlo-4", "venlo-3"]


def test_item_without_city_has_no_related_news(archive: Session) -> None:
    detail = published_news_detail(archive, "ohne-stadt", today=TODAY)

    assert detail is not None
    assert detail.related == []
    assert related_news(archive, 1, [], today=TODAY) == []


def test_detail_image_is_the_large_rendition_of_uploads_only() -> None:
    upload = "_upload/news/0123456789abcdef01234567-card.webp"
    assert detail_image_path(upload) == "_upload/news/0123456789abcdef01234567-detail.webp"
    assert detail_image_path("placeholders/venlo.svg") == "placeholders/venlo.svg"


def test_detail_image_size_comes_from_the_stored_upload(archive: Session, tmp_path: Path) -> None:
    stored = store_image(_portrait_jpeg(), upload_dir=tmp_path, folder="news")
    item = add_news(archive, "mit-bild", published_on=date(2024, 5, 1), title="Mit Bild")
    item.image_path = f"_upload/{stored.card}"
    archive.add(item)
    archive.commit()
    detail = published_news_detail(archive, "mit-bild", today=TODAY, upload_dir=tmp_path)
    assert detail is not None
    assert detail.image_src == f"/_upload/{stored.detail}"
    assert (detail.image_width, detail.image_height) == (600, 800)
    # Placeholders and items without an upload folder are drawn 16:9.
    spende = published_news_detail(archive, "spende", today=TODAY)
    assert spende is not None
    assert (spende.image_width, spende.image_height) == CARD_SIZE


def _portrait_jpeg() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (600, 800), (10, 20, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()
