"""Checking and storing uploaded images (Pillow).

Only real JPEG, PNG and WebP images up to 20 MB and about 50 megapixels are
accepted: a photo straight from a phone's camera (48 MP, 10 to 20 MB) fits. Each
is re-encoded, which drops every piece of metadata (EXIF with GPS positions,
camera serials, comments), in three sizes: a 16:9 card image and a larger detail
image as WebP for the page, and a 1200 × 630 JPEG for link previews and feed
readers, which show no WebP everywhere (Facebook, LinkedIn, many feed readers).
Anything else is refused with a German message and leaves no file behind.

Images uploaded before the JPEG existed get it from their detail image with
``python -m partner_app.cli share-images`` (``make run`` runs it; see
:func:`write_missing_share_image`).

The limit is :data:`MAX_UPLOAD_BYTES`: the browser checks it before sending
(``components/admin_form.py``), the HTTP cap (``http_hardening.py``) sits a little
above it, and this module checks it again.

Memory: a 48 MP photo is 144 MB as a bitmap. A JPEG is decoded at a reduced scale
(libjpeg's DCT scaling, ``Image.draft``), never below what the two sizes need, so
such a photo takes about a sixteenth of that; other formats are decoded whole and
shrunk by an integer factor before anything else is done with them.
"""

import math
import re
import secrets
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from partner_app import texts_admin

MEGABYTE = 1024 * 1024
# The one upload limit: everything else (browser, HTTP cap, messages) derives from it.
MAX_UPLOAD_MEGABYTES = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * MEGABYTE
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
# What the browser's file picker offers and checks (react-dropzone's ``accept``).
ACCEPTED_TYPES: dict[str, Sequence[str]] = {
    "image/jpeg": [".jpg", ".jpeg"],
    "image/png": [".png"],
    "image/webp": [".webp"],
}
CARD_SIZE = (800, 450)
DETAIL_MAX = (1600, 1600)
# The link preview's size (1.91:1), cropped to cover like the card.
SHARE_SIZE = (1200, 630)
SHARE_JPEG_QUALITY = 85
# Refuses decompression bombs: a small file that unpacks into a huge bitmap. "50 MP"
# cameras deliver up to 8192 x 6144 (50.3 million), so the messages say 50.
MAX_MEGAPIXELS = 50
MAX_PIXELS = 52_000_000
WEBP_QUALITY = 82
# EXIF orientations that turn the picture by 90 degrees: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}


# Where uploaded images are served (and stored, relative to the upload folder).
UPLOAD_PREFIX = "_upload/"
# What an image field may hold: an upload stored here, or a bundled placeholder.
# Anything else (other hosts, "//host/…", scripts) never reaches an <img src>.
KNOWN_IMAGE_PATH = re.compile(
    r"^(_upload/[a-z0-9_-]{1,40}/[0-9a-f]{24}-card\.webp|placeholders/[a-z0-9-]{1,80}\.svg)$"
)
UNKNOWN_IMAGE_PATH = "Bitte laden Sie das Bild hier hoch; andere Bildadressen sind nicht erlaubt."


def megabytes(size: int) -> str:
    """``size`` in bytes as an editor reads it: "13,6 MB" (rounded up to a tenth).

    Rounded up, so a file just over the limit never reads as the limit itself.
    """
    tenths = math.ceil(size * 10 / MEGABYTE)
    whole, tenth = divmod(tenths, 10)
    return f"{whole:,}".replace(",", ".") + f",{tenth} MB"


UPLOAD_LIMIT = f"{MAX_UPLOAD_MEGABYTES} MB"
UPLOAD_HINT = texts_admin.IMAGE_UPLOAD_HINT.format(limit=UPLOAD_LIMIT)
WRONG_TYPE = texts_admin.IMAGE_WRONG_TYPE.format(limit=UPLOAD_LIMIT)


def too_large_message(size: int | None) -> str:
    """Why a file of ``size`` bytes (None: not measured) is refused."""
    if size is None:
        return texts_admin.IMAGE_TOO_LARGE_UNMEASURED.format(limit=UPLOAD_LIMIT)
    return texts_admin.IMAGE_TOO_LARGE.format(size=megabytes(size), limit=UPLOAD_LIMIT)


class ImageRejectedError(ValueError):
    """An upload that is not an acceptable image; the message is for editors."""


@dataclass(frozen=True)
class StoredImage:
    """Paths of the stored sizes, relative to the upload folder."""

    card: str
    detail: str
    share: str


def stored_image_size(upload_dir: Path, relative_path: str) -> tuple[int, int]:
    """Width and height of a stored image (read from its header), for ``<img width height>``.

    The browser then reserves the image's box before it loads, so nothing below it moves.
    A missing or unreadable file is drawn as a card would be (16:9).
    """
    try:
        with Image.open(upload_dir / relative_path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return CARD_SIZE


# react-dropzone's codes for a file it refused in the browser (nothing is sent then);
# any other ("file-invalid-type") means a type the browser does not accept.
TOO_LARGE_CODE = "file-too-large"
TOO_MANY_CODE = "too-many-files"


def refusal_in_browser(rejections: object) -> str:
    """Why the browser refused the chosen file, from react-dropzone's rejection records.

    A record is ``{"file": {"name", "size", "type"}, "errors": [{"code"}, ...]}``. The
    records come from the browser, so anything else in them is ignored. A file too large
    is called so even when its type is wrong as well.
    """
    records = rejections if isinstance(rejections, list) else []
    refusals: list[tuple[set[str], int | None]] = []
    for record in records:
        if not isinstance(record, Mapping):
            continue
        file = record.get("file")
        size = file.get("size") if isinstance(file, Mapping) else None
        errors = record.get("errors")
        codes = {
            str(error.get("code"))
            for error in (errors if isinstance(errors, list) else [])
            if isinstance(error, Mapping)
        }
        measured = size if isinstance(size, int) and not isinstance(size, bool) else None
        refusals.append((codes, measured))
    if any(TOO_MANY_CODE in codes for codes, _ in refusals):
        return texts_admin.IMAGE_ONE_PLEASE
    for codes, size in refusals:
        if TOO_LARGE_CODE in codes:
            return too_large_message(size)
    return WRONG_TYPE


def check_upload_size(size: int) -> None:
    """Refuse a file of ``size`` bytes above the limit, or an empty one."""
    if size > MAX_UPLOAD_BYTES:
        raise ImageRejectedError(too_large_message(size))
    if size <= 0:
        raise ImageRejectedError(texts_admin.IMAGE_EMPTY)


def store_image(data: bytes, *, upload_dir: Path, folder: str) -> StoredImage:
    """Check ``data``, store it re-encoded in three sizes, return their relative paths.

    Blocking and memory-hungry: callers run it in a thread, one image at a time.
    """
    check_upload_size(len(data))
    image = decode_image(data)
    card = ImageOps.fit(image, CARD_SIZE, method=Image.Resampling.LANCZOS)
    share = ImageOps.fit(image, SHARE_SIZE, method=Image.Resampling.LANCZOS)
    detail = image.copy()
    detail.thumbnail(DETAIL_MAX, Image.Resampling.LANCZOS)
    del image

    target = upload_dir / folder
    target.mkdir(parents=True, exist_ok=True)
    stem = secrets.token_hex(12)
    written: list[Path] = []
    try:
        for suffix, picture in (("card", card), ("detail", detail)):
            path = target / f"{stem}-{suffix}.webp"
            partial = path.with_suffix(".part")
            # No exif/icc arguments: the re-encoded file carries no metadata.
            picture.save(partial, format="WEBP", quality=WEBP_QUALITY)
            partial.replace(path)
            written.append(path)
        share_path = target / f"{stem}-share.jpg"
        _save_share_jpeg(share, share_path)
        written.append(share_path)
    except Exception:
        for path in [*written, *target.glob(f"{stem}-*.part")]:
            path.unlink(missing_ok=True)
        raise
    return StoredImage(
        card=f"{folder}/{stem}-card.webp",
        detail=f"{folder}/{stem}-detail.webp",
        share=f"{folder}/{stem}-share.jpg",
    )


def _save_share_jpeg(picture: Image.Image, path: Path) -> None:
    """``picture`` as a baseline JPEG at ``path`` (written whole, then moved into place).

    JPEG has no transparency: a transparent PNG is set on white, as a page shows it.
    """
    if picture.mode != "RGB":
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A") if "A" in picture.mode else None)
        picture = background
    # A name of its own per writer: two processes filling in the same image never share one.
    partial = path.with_name(f"{path.stem}.{secrets.token_hex(4)}.part")
    try:
        picture.save(partial, format="JPEG", quality=SHARE_JPEG_QUALITY, optimize=True)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


# An uploaded card image as ``store_image`` names it, relative to the upload folder.
_STORED_CARD = re.compile(r"^(?P<folder>[a-z0-9_-]{1,40})/(?P<stem>[0-9a-f]{24})-card\.webp$")


def share_image_name(card_path: str) -> str:
    """The JPEG stored beside an uploaded card image (both relative to the upload folder).

    "" for anything that is not a card image as ``store_image`` names it.
    """
    match = _STORED_CARD.match(card_path)
    return f"{match['folder']}/{match['stem']}-share.jpg" if match else ""


def write_missing_share_image(upload_dir: Path, card_path: str) -> bool:
    """Make the JPEG of an image uploaded before there was one, from its detail image.

    ``card_path`` comes from the database, relative to ``upload_dir``: only a name as
    ``store_image`` writes it is followed, and only to regular files inside
    ``upload_dir`` (no symlink, no other folder). Whether a JPEG was written; an existing
    one is left as it is. Blocking: run it in a thread or from the command line.
    """
    match = _STORED_CARD.match(card_path)
    if match is None:
        return False
    # The name's pattern has no "/" or "." in the folder: it stays inside upload_dir.
    folder = upload_dir.resolve() / match["folder"]
    share = folder / f"{match['stem']}-share.jpg"
    detail = folder / f"{match['stem']}-detail.webp"
    if folder.is_symlink() or not folder.is_dir():
        return False
    if share.exists() or share.is_symlink() or detail.is_symlink() or not detail.is_file():
        return False
    try:
        with Image.open(detail) as stored:
            if stored.format != "WEBP" or stored.width * stored.height > MAX_PIXELS:
                return False
            stored.load()
            picture = stored.convert("RGBA" if _has_alpha(stored) else "RGB")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return False
    _save_share_jpeg(ImageOps.fit(picture, SHARE_SIZE, method=Image.Resampling.LANCZOS), share)
    return True


def decode_image(data: bytes) -> Image.Image:
    """The upright RGB(A) picture in ``data``, no larger than the stored sizes need.

    Raises :class:`ImageRejectedError` for anything but a real JPEG, PNG or WebP
    within :data:`MAX_PIXELS`.
    """
    too_many_pixels = texts_admin.IMAGE_TOO_MANY_PIXELS.format(megapixels=MAX_MEGAPIXELS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Closed before the real decoding: a WebP's decoder holds a whole bitmap.
            with Image.open(BytesIO(data)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise ImageRejectedError(WRONG_TYPE)
                if probe.width * probe.height > MAX_PIXELS:
                    raise ImageRejectedError(too_many_pixels)
                probe.verify()
            image = Image.open(BytesIO(data))
            scale = _needed_scale(image)
            if image.format == "JPEG" and scale < 1:
                # Decode at 1/2, 1/4 or 1/8 where that still gives the sizes needed.
                image.draft(image.mode, _scaled(image.size, scale))
            image.load()
    except ImageRejectedError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow's own guard, before ours could count: far more pixels than allowed.
        raise ImageRejectedError(too_many_pixels) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ImageRejectedError(WRONG_TYPE) from error
    mode = "RGBA" if _has_alpha(image) else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    # What the draft left (or a PNG or WebP decoded whole): shrink by a whole factor,
    # still at least the size needed, before the final resampling.
    needed = _scaled(image.size, _needed_scale(image))
    factor = min(image.width // needed[0], image.height // needed[1])
    if factor >= 2:
        image = image.reduce(factor)
    ImageOps.exif_transpose(image, in_place=True)
    return image


def _needed_scale(image: Image.Image) -> float:
    """The smallest scale (at most 1) at which the upright picture still fills both sizes."""
    width, height = image.size
    if image.getexif().get(ExifTags.Base.Orientation) in _QUARTER_TURNS:
        width, height = height, width
    detail = min(DETAIL_MAX[0] / width, DETAIL_MAX[1] / height)
    cover = max(
        CARD_SIZE[0] / width, CARD_SIZE[1] / height, SHARE_SIZE[0] / width, SHARE_SIZE[1] / height
    )
    return min(1.0, max(detail, cover))


def _scaled(size: tuple[int, int], scale: float) -> tuple[int, int]:
    return (max(1, math.ceil(size[0] * scale)), max(1, math.ceil(size[1] * scale)))


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
