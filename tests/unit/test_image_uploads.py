"""Uploaded images: only real JPEG/PNG/WebP up to 20 MB, re-encoded without metadata."""

import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from partner_app.services.image_uploads import (
    CARD_SIZE,
    MAX_UPLOAD_BYTES,
    MEGABYTE,
    SHARE_SIZE,
    ImageRejectedError,
    decode_image,
    megabytes,
    refusal_in_browser,
    share_image_name,
    store_image,
    stored_image_size,
    write_missing_share_image,
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
def test_real_images_are_stored_in_three_sizes(tmp_path: Path, fmt: str) -> None:
    stored = store_image(image_bytes(fmt), upload_dir=tmp_path, folder="news")
    card = Image.open(tmp_path / stored.card)
    detail = Image.open(tmp_path / stored.detail)
    share = Image.open(tmp_path / stored.share)
    assert (card.format, card.size) == ("WEBP", CARD_SIZE)
    assert detail.format == "WEBP"
    assert max(detail.size) <= 1600
    # Link previews and feed readers: a JPEG (no transparency: a PNG's is set on white).
    assert (share.format, share.size, share.mode) == ("JPEG", SHARE_SIZE, "RGB")
    assert share_image_name(stored.card) == stored.share
    assert sorted(path.name for path in (tmp_path / "news").iterdir()) == sorted(
        [Path(stored.card).name, Path(stored.detail).name, Path(stored.share).name]
    )


def test_a_transparent_png_is_set_on_white_in_the_jpeg(tmp_path: Path) -> None:
    picture = Image.new("RGBA", (1600, 900), (0, 0, 0, 0))
    buffer = BytesIO()
    picture.save(buffer, format="PNG")

    stored = store_image(buffer.getvalue(), upload_dir=tmp_path, folder="news")

    pixel = Image.open(tmp_path / stored.share).getpixel((600, 315))
    assert isinstance(pixel, tuple)
    assert min(pixel) > 245


def test_an_image_uploaded_before_gets_its_jpeg_from_the_detail_size(tmp_path: Path) -> None:
    stored = store_image(image_bytes("JPEG", (2000, 1000)), upload_dir=tmp_path, folder="news")
    (tmp_path / stored.share).unlink()

    assert write_missing_share_image(tmp_path, stored.card)
    share = Image.open(tmp_path / stored.share)
    assert (share.format, share.size) == ("JPEG", SHARE_SIZE)
    # Once there, it is left alone; no file but the three is left behind.
    assert not write_missing_share_image(tmp_path, stored.card)
    assert len(list((tmp_path / "news").iterdir())) == 3


@pytest.mark.parametrize(
    "card_path",
    [
        "../news/0123456789abcdef01234567-card.webp",
        "news/../../etc/0123456789abcdef01234567-card.webp",
        "/etc/0123456789abcdef01234567-card.webp",
        "news/0123456789abcdef01234567-detail.webp",
        "news/passwd",
        "",
    ],
)
def test_a_jpeg_is_only_made_for_a_stored_card_name(tmp_path: Path, card_path: str) -> None:
    assert share_image_name(card_path) == ""
    assert not write_missing_share_image(tmp_path, card_path)
    assert list(tmp_path.rglob("*")) == []


def test_a_symlinked_folder_or_detail_image_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    stored = store_image(image_bytes("JPEG"), upload_dir=elsewhere, folder="news")
    (elsewhere / stored.share).unlink()
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "news").symlink_to(elsewhere / "news")
    own = uploads / "own"
    own.mkdir()
    stem = Path(stored.card).name.removesuffix("-card.webp")
    (own / f"{stem}-detail.webp").symlink_to(elsewhere / stored.detail)

    assert not write_missing_share_image(uploads, stored.card)
    assert not write_missing_share_image(uploads, f"own/{stem}-card.webp")
    assert not (elsewhere / stored.share).exists()
    assert not (own / f"{stem}-share.jpg").exists()


def test_a_detail_file_that_is_no_webp_gets_no_jpeg(tmp_path: Path) -> None:
    card = "news/0123456789abcdef01234567-card.webp"
    (tmp_path / "news").mkdir()
    (tmp_path / "news/0123456789abcdef01234567-detail.webp").write_bytes(image_bytes("PNG"))

    assert not write_missing_share_image(tmp_path, card)
    assert not (tmp_path / "news/0123456789abcdef01234567-share.jpg").exists()


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
    ],
)
def test_anything_else_is_refused_and_leaves_no_file(
    tmp_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(ImageRejectedError, match=message):
        store_image(data, upload_dir=tmp_path, folder="news")
    assert list(tmp_path.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("mode", "size"),
    [
        # Past Pillow's own guard (89 million pixels).
        ("RGBA", (10_000, 10_000)),
        # Past ours only: 56 million pixels.
        ("1", (8000, 7000)),
    ],
)
def test_decompression_bombs_are_refused(tmp_path: Path, mode: str, size: tuple[int, int]) -> None:
    buffer = BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    bomb = buffer.getvalue()
    assert len(bomb) < MEGABYTE  # a small file that would unpack into a huge bitmap
    with pytest.raises(ImageRejectedError) as refused:
        store_image(bomb, upload_dir=tmp_path, folder="news")
    assert str(refused.value) == "Das Bild hat zu viele Bildpunkte (höchstens 50 Megapixel)."
    assert list(tmp_path.rglob("*.*")) == []


def noisy_jpeg(size: tuple[int, int], quality: int) -> bytes:
    """A JPEG that compresses as badly as a detailed photo: random pixels."""
    picture = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def test_a_phone_photo_of_almost_20_mb_is_accepted_and_downscaled(tmp_path: Path) -> None:
    photo = noisy_jpeg((5000, 3750), quality=93)
    assert 17 * MEGABYTE < len(photo) <= MAX_UPLOAD_BYTES, len(photo)

    stored = store_image(photo, upload_dir=tmp_path, folder="news")

    assert Image.open(tmp_path / stored.card).size == CARD_SIZE
    assert Image.open(tmp_path / stored.detail).size == (1600, 1200)
    assert (tmp_path / stored.detail).stat().st_size < MEGABYTE


def test_a_file_over_20_mb_is_refused_as_too_large_with_its_size(tmp_path: Path) -> None:
    too_big = b"\xff\xd8\xff" + bytes(MAX_UPLOAD_BYTES + MEGABYTE // 2)

    with pytest.raises(ImageRejectedError) as refused:
        store_image(too_big, upload_dir=tmp_path, folder="news")

    assert str(refused.value) == "Das Bild ist zu groß (20,6 MB). Erlaubt sind höchstens 20 MB."
    assert list(tmp_path.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (int(13.6 * MEGABYTE), "13,6 MB"),
        (MAX_UPLOAD_BYTES, "20,0 MB"),
        # Just over the limit never reads as the limit itself.
        (MAX_UPLOAD_BYTES + 1, "20,1 MB"),
        (2048 * MEGABYTE, "2.048,0 MB"),
    ],
)
def test_sizes_read_the_german_way(size: int, shown: str) -> None:
    assert megabytes(size) == shown


def test_a_48_megapixel_jpeg_is_decoded_at_a_reduced_scale(tmp_path: Path) -> None:
    buffer = BytesIO()
    Image.new("RGB", (8000, 6000), (10, 90, 60)).save(buffer, format="JPEG")
    photo = buffer.getvalue()

    # A quarter of each side: 3 million pixels in memory instead of 48 million,
    # and still more than the detail size needs.
    assert decode_image(photo).size == (2000, 1500)
    stored = store_image(photo, upload_dir=tmp_path, folder="news")
    assert Image.open(tmp_path / stored.detail).size == (1600, 1200)
    assert Image.open(tmp_path / stored.card).size == CARD_SIZE


def test_a_turned_phone_photo_keeps_what_the_sizes_need(tmp_path: Path) -> None:
    """Stored on its side with an EXIF turn: decoded smaller, then stood upright."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90 degrees clockwise to show it
    buffer = BytesIO()
    Image.new("RGB", (8000, 6000), (10, 90, 60)).save(buffer, format="JPEG", exif=exif)

    assert decode_image(buffer.getvalue()).size == (1500, 2000)
    stored = store_image(buffer.getvalue(), upload_dir=tmp_path, folder="news")
    assert Image.open(tmp_path / stored.detail).size == (1200, 1600)


def test_a_wide_panorama_still_fills_the_card(tmp_path: Path) -> None:
    buffer = BytesIO()
    Image.new("RGB", (12_000, 1000), (10, 90, 60)).save(buffer, format="JPEG")

    decoded = decode_image(buffer.getvalue())

    # The link preview needs 630 pixels of height: the panorama's 1000 are all kept
    # (a half would leave 500).
    assert decoded.height >= SHARE_SIZE[1]
    assert decoded.size == (12_000, 1000)


def test_a_big_png_is_shrunk_before_it_is_worked_on() -> None:
    decoded = decode_image(image_bytes("PNG", size=(6400, 4800)))

    assert decoded.size == (1600, 1200)
    assert decoded.mode == "RGBA"


def test_stored_sizes_are_read_for_the_reserved_box(tmp_path: Path) -> None:
    stored = store_image(image_bytes("JPEG", (900, 1200)), upload_dir=tmp_path, folder="news")
    assert stored_image_size(tmp_path, stored.card) == CARD_SIZE
    assert stored_image_size(tmp_path, stored.detail) == (900, 1200)
    # A lost file is drawn as a card would be.
    assert stored_image_size(tmp_path, "news/gibt-es-nicht.webp") == CARD_SIZE


def rejection(size: object, *codes: str, name: str = "IMG_2025.jpg") -> dict[str, object]:
    """One of react-dropzone's rejection records, as the page sends it."""
    return {
        "file": {"name": name, "size": size, "type": "image/jpeg"},
        "errors": [{"code": code} for code in codes],
    }


@pytest.mark.parametrize(
    ("rejections", "message"),
    [
        (
            [rejection(int(25.3 * MEGABYTE), "file-too-large")],
            "Das Bild ist zu groß (25,3 MB). Erlaubt sind höchstens 20 MB.",
        ),
        # Too large and of a wrong type: the size is what the editor can fix first.
        (
            [rejection(30 * MEGABYTE, "file-invalid-type", "file-too-large")],
            "Das Bild ist zu groß (30,0 MB). Erlaubt sind höchstens 20 MB.",
        ),
        (
            [rejection(120_000, "file-invalid-type", name="animation.gif")],
            "Die Datei ist kein gültiges Bild. Erlaubt sind JPEG, PNG und WebP bis 20 MB.",
        ),
        (
            [rejection(1000, "too-many-files"), rejection(2000, "too-many-files")],
            "Bitte wählen Sie genau ein Bild.",
        ),
        # Whatever else the page might send is no reason to fail.
        (
            [rejection("viel", "file-too-large")],
            "Das Bild ist zu groß. Erlaubt sind höchstens 20 MB.",
        ),
        ([{"file": None, "errors": "kaputt"}, "kaputt"], "Die Datei ist kein gültiges Bild."),
        ({"file": {}}, "Die Datei ist kein gültiges Bild."),
    ],
)
def test_a_file_refused_in_the_browser_gets_its_reason(rejections: object, message: str) -> None:
    assert refusal_in_browser(rejections).startswith(message)


def test_a_too_large_file_is_never_called_no_valid_image() -> None:
    for codes in (["file-too-large"], ["file-too-large", "file-invalid-type"]):
        assert "kein gültiges Bild" not in refusal_in_browser([rejection(21 * MEGABYTE, *codes)])
    with pytest.raises(ImageRejectedError) as refused:
        store_image(b"x" * (MAX_UPLOAD_BYTES + 1), upload_dir=Path("/nirgends"), folder="news")
    assert "kein gültiges Bild" not in str(refused.value)
