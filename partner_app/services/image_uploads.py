"""Checking and storing uploaded images (Pillow).

Only real JPEG, PNG and WebP images up to 5 MB are accepted. Each is re-encoded,
which drops every piece of metadata (EXIF with GPS positions, camera serials,
comments), in two sizes: a 16:9 card image and a larger detail image. Anything
else is refused with a German message and leaves no file behind.
"""

import re
import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
CARD_SIZE = (800, 450)
DETAIL_MAX = (1600, 1600)
# Refuses decompression bombs: a small file that unpacks into a huge bitmap.
MAX_PIXELS = 40_000_000
WEBP_QUALITY = 82


# What an image field may hold: an upload stored here, or a bundled placeholder.
# Anything else (other hosts, "//host/…", scripts) never reaches an <img src>.
KNOWN_IMAGE_PATH = re.compile(
    r"^(_upload/[a-z0-9_-]{1,40}/[0-9a-f]{24}-card\.webp|placeholders/[a-z0-9-]{1,80}\.svg)$"
)
UNKNOWN_IMAGE_PATH = "Bitte laden Sie das Bild hier hoch; andere Bildadressen sind nicht erlaubt."


class ImageRejectedError(ValueError):
    """An upload that is not an acceptable image; the message is for editors."""


@dataclass(frozen=True)
class StoredImage:
    """Paths of the stored sizes, relative to the upload folder."""

    card: str
    detail: str


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


def store_image(data: bytes, *, upload_dir: Path, folder: str) -> StoredImage:
    """Check ``data``, store it re-encoded in two sizes, return their relative paths."""
    image = _open_checked(data)
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    card = ImageOps.fit(image, CARD_SIZE, method=Image.Resampling.LANCZOS)
    detail = image.copy()
    detail.thumbnail(DETAIL_MAX, Image.Resampling.LANCZOS)

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
    except Exception:
        for path in [*written, *target.glob(f"{stem}-*.part")]:
            path.unlink(missing_ok=True)
        raise
    return StoredImage(card=f"{folder}/{stem}-card.webp", detail=f"{folder}/{stem}-detail.webp")


def _open_checked(data: bytes) -> Image.Image:
    if len(data) > MAX_UPLOAD_BYTES:
        msg = "Das Bild ist größer als 5 MB. Bitte verkleinern Sie es."
        raise ImageRejectedError(msg)
    if not data:
        msg = "Die Datei ist leer."
        raise ImageRejectedError(msg)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise ImageRejectedError(_WRONG_TYPE)
            if probe.width * probe.height > MAX_PIXELS:
                msg = "Das Bild hat zu viele Bildpunkte (höchstens 40 Megapixel)."
                raise ImageRejectedError(msg)
            probe.verify()
            image = Image.open(BytesIO(data))
            image.load()
    except ImageRejectedError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        raise ImageRejectedError(_WRONG_TYPE) from error
    return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info


_WRONG_TYPE = "Die Datei ist kein gültiges Bild. Erlaubt sind JPEG, PNG und WebP bis 5 MB."
