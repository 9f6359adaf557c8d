"""Uploaded images: only real JPEG/PNG/WebP up to 5 MB, re-encoded without metadata."""

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from partner_app.services.image_uploads import (
    CARD_SIZE,
    MAX_UPLOAD_BYTES,
    ImageRejectedError,
    store_image,
    stored_image_size,
)


def image_bytes(fmt: str, size: tuple[int, int] = (1200, 900), **save_args: object) -> bytes:
    mode = "RGBA" if fmt == "PNG" else "RGB"
    picture = Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30))
    buffer = BytesIO()
    picture.save(buffer, format=fmt, **save_args)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 20.0, 0.0)}  # GPS info
    return image_bytes("JPEG", exif=exif.tobytes())


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_real_images_are_stored_in_two_sizes(tmp_path: Path, fmt: str) -> None:
    stored = store_image(image_bytes(fmt), upload_dir=tmp_path, folder="news")
    card = Image.open(tmp_path / stored.card)
    detail = Image.open(tmp_path / stored.detail)
    assert (card.format, card.size) == ("WEBP", CARD_SIZE)
    assert detail.format == "WEBP"
    assert max(detail.size) <= 1600
    assert sorted(path.name for path in (tmp_path / "news").iterdir()) == sorted(
        [Path(stored.card).name, Path(stored.detail).name]
    )


def test_metadata_is_stripped(tmp_path: Path) -> None:
    original = jpeg_with_gps()
    assert Image.open(BytesIO(original)).getexif()  # the test image really carries EXIF
    stored = store_image(original, upload_dir=tmp_path, folder="news")
    for relative in (stored.card, stored.detail):
        saved = Image.open(tmp_path / relative)
        assert not saved.getexif()
        assert "exif" not in saved.info
        assert b"Kamerahersteller" not in (tmp_path / relative).read_bytes()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a" + b"\x00" * 100, "kein gültiges Bild"),
        (b"<html><script>alert(1)</script></html>", "kein gültiges Bild"),
        (image_bytes("GIF"), "kein gültiges Bild"),
        (image_bytes("BMP"), "kein gültiges Bild"),
        (image_bytes("JPEG")[:400], "kein gültiges Bild"),
        (b"", "leer"),
        (b"\xff\xd8\xff" + b"0" * (MAX_UPLOAD_BYTES + 1), "größer als 5 MB"),
    ],
)
def test_anything_else_is_refused_and_leaves_no_file(
    tmp_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(ImageRejectedError, match=message):
        store_image(data, upload_dir=tmp_path, folder="news")
    assert list(tmp_path.rglob("*.*")) == []


def test_decompression_bombs_are_refused(tmp_path: Path) -> None:
    bomb = image_bytes("PNG", size=(10_000, 10_000))
    assert len(bomb) < MAX_UPLOAD_BYTES
    with pytest.raises(ImageRejectedError):
        store_image(bomb, upload_dir=tmp_path, folder="news")
    assert list(tmp_path.rglob("*.*")) == []


def test_stored_sizes_are_read_for_the_reserved_box(tmp_path: Path) -> None:
    stored = store_image(image_bytes("JPEG", (900, 1200)), upload_dir=tmp_path, folder="news")
    assert stored_image_size(tmp_path, stored.card) == CARD_SIZE
    assert stored_image_size(tmp_path, stored.detail) == (900, 1200)
    # A lost file is drawn as a card would be.
    assert stored_image_size(tmp_path, "news/gibt-es-nicht.webp") == CARD_SIZE
