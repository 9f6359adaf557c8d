"""Link previews and feed readers get a JPEG or PNG of every image, never an SVG or WebP."""

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session

from partner_app.services.image_uploads import SHARE_SIZE, store_image
from partner_app.services.placeholder_art import NoFontError, placeholder_png, share_fonts
from partner_app.services.share_images import (
    ASSETS_DIR,
    fill_in_share_images,
    share_image_of,
    site_share_image,
)
from tests.unit.factories import add_news, add_partnership


def photo() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (1600, 1000), (30, 90, 160)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_every_placeholder_has_a_png_of_the_share_size() -> None:
    placeholders = sorted((ASSETS_DIR / "placeholders").glob("*.svg"))
    assert placeholders
    for svg in placeholders:
        image = share_image_of(f"placeholders/{svg.name}", upload_dir=None)
        assert image is not None, f"{svg.name} has no PNG: run the CLI's render-placeholders"
        assert (image.path, image.media_type) == (f"/placeholders/{svg.stem}.png", "image/png")
        assert (image.width, image.height) == SHARE_SIZE
        assert image.length == svg.with_suffix(".png").stat().st_size


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_site_has_a_png_in_each_language(lang: str) -> None:
    image = site_share_image(lang)
    assert image.media_type == "image/png"
    assert (image.width, image.height) == SHARE_SIZE
    assert image.path.startswith("/share/")
    assert site_share_image("de") != site_share_image("en")


def test_an_upload_names_its_jpeg(tmp_path: Path) -> None:
    stored = store_image(photo(), upload_dir=tmp_path, folder="news")

    image = share_image_of(f"_upload/{stored.card}", upload_dir=tmp_path)

    assert image is not None
    assert image.path == f"/_upload/{stored.share}"
    assert (image.media_type, image.width, image.height) == ("image/jpeg", *SHARE_SIZE)
    assert image.length == (tmp_path / stored.share).stat().st_size


@pytest.mark.parametrize(
    "image_path",
    [
        "",
        "placeholders/gibt-es-nicht.svg",
        "placeholders/../../partner_app/texts.svg",
        "_upload/news/0123456789abcdef01234567-card.webp",
        "_upload/../secret_key",
        "https://example.org/bild.jpg",
    ],
)
def test_no_file_or_no_known_name_is_no_share_image(tmp_path: Path, image_path: str) -> None:
    assert share_image_of(image_path, upload_dir=tmp_path) is None


def test_images_uploaded_before_get_their_jpeg(session: Session, tmp_path: Path) -> None:
    news_image = store_image(photo(), upload_dir=tmp_path, folder="news")
    city_image = store_image(photo(), upload_dir=tmp_path, folder="partnerschaft")
    unused = store_image(photo(), upload_dir=tmp_path, folder="news")
    for stored in (news_image, city_image, unused):
        (tmp_path / stored.share).unlink()
    news = add_news(session, "fest", published_on=date(2024, 6, 1))
    news.image_path = f"_upload/{news_image.card}"
    city = add_partnership(session, "venlo", "Venlo", date(1964, 11, 21))
    city.image_path = f"_upload/{city_image.card}"
    placeholder = add_news(session, "platzhalter", published_on=date(2024, 6, 2))
    placeholder.image_path = "placeholders/spende-kropyvnytskyi.svg"
    session.commit()

    assert fill_in_share_images(session, tmp_path) == 2
    assert (tmp_path / news_image.share).is_file()
    assert (tmp_path / city_image.share).is_file()
    # Only what a row refers to: the unused upload goes with the daily clean-up.
    assert not (tmp_path / unused.share).exists()
    # Run again, it has nothing to do.
    assert fill_in_share_images(session, tmp_path) == 0


def test_a_placeholder_png_is_drawn_at_the_share_size() -> None:
    try:
        share_fonts()
    except NoFontError:
        pytest.skip("no TrueType font with umlauts on this machine")
    image = Image.open(BytesIO(placeholder_png("Dünkirchen", seed="museum")))

    assert (image.format, image.size) == ("PNG", SHARE_SIZE)
