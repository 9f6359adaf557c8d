"""The raster image a link preview or a feed reader shows for a page or a news item.

Facebook, LinkedIn, X and Mastodon show no SVG, and many feed readers no WebP: every
page and item names a JPEG or PNG, absolute, with its size and byte length.

* An upload: the 1200 × 630 JPEG ``store_image`` writes beside the WebP sizes
  (``<stem>-share.jpg``). Images uploaded before it existed get theirs from
  ``python -m partner_app.cli share-images`` (``make run`` runs it): until then, and for
  any file that is missing, the item has no image of its own and the site's is named.
* A bundled placeholder (``placeholders/<name>.svg``): its PNG twin
  (``placeholders/<name>.png``, committed, see ``placeholder_art``).
* Anything else (the start page, the city views, the text pages): the site's image,
  in the page language.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from PIL import Image, UnidentifiedImageError
from sqlmodel import Session

from partner_app.i18n import parse_language
from partner_app.services.image_uploads import (
    UPLOAD_PREFIX,
    share_image_name,
    write_missing_share_image,
)
from partner_app.services.unused_uploads import image_columns
from partner_app.settings import PROJECT_DIR

ASSETS_DIR = PROJECT_DIR / "assets"
# The site's own preview image per page language (placeholder_art draws them).
SITE_IMAGES = {
    "de": "share/staedtepartnerschaften.png",
    "en": "share/staedtepartnerschaften.en.png",
}
_PLACEHOLDER = re.compile(r"^placeholders/(?P<name>[a-z0-9-]{1,80})\.svg$")
_MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class ShareImage:
    """A JPEG or PNG as a preview or an enclosure names it."""

    # The address on this site ("/_upload/news/…-share.jpg"); absolute with the origin.
    path: str
    media_type: str
    width: int
    height: int
    # The file's size in bytes (RSS ``enclosure length``).
    length: int


def share_image_of(image_path: str, upload_dir: Path | None) -> ShareImage | None:
    """The raster image of a stored image field; None when it has none (or not yet)."""
    if image_path.startswith(UPLOAD_PREFIX):
        name = share_image_name(image_path.removeprefix(UPLOAD_PREFIX))
        if not name or upload_dir is None:
            return None
        return _described(upload_dir / name, f"/{UPLOAD_PREFIX}{name}")
    placeholder = _PLACEHOLDER.match(image_path)
    if placeholder is not None:
        png = f"placeholders/{placeholder['name']}.png"
        return _described(ASSETS_DIR / png, f"/{png}")
    return None


def site_share_image(lang: str = "de") -> ShareImage:
    """The site's own preview image in ``lang`` (committed: it is always there)."""
    name = SITE_IMAGES[parse_language(lang)]
    image = _described(ASSETS_DIR / name, f"/{name}")
    if image is None:
        msg = f"assets/{name} fehlt: python -m partner_app.cli render-placeholders"
        raise FileNotFoundError(msg)
    return image


def _described(file: Path, url_path: str) -> ShareImage | None:
    try:
        status = file.stat()
    except OSError:
        return None
    return _read_header(file, status.st_mtime_ns, status.st_size, url_path)


@functools.lru_cache(maxsize=512)
def _read_header(file: Path, _modified: int, length: int, url_path: str) -> ShareImage | None:
    # Read once per file version (the modification time is part of the key), not per request.
    try:
        with Image.open(file) as image:
            media_type = _MEDIA_TYPES.get(image.format or "")
            if media_type is None:
                return None
            return ShareImage(url_path, media_type, image.width, image.height, length)
    except (OSError, UnidentifiedImageError):
        return None


def fill_in_share_images(session: Session, upload_dir: Path) -> int:
    """Write the missing JPEG of every upload a row refers to; how many were written.

    For images uploaded before the JPEG existed (and after a restore of such a backup).
    Safe to run again and while the app runs: an existing JPEG is left alone, a new one
    is written under a name of its own and then moved into place.
    """
    written = 0
    for column in image_columns():
        paths = session.execute(
            sa.select(column).where(column.startswith(UPLOAD_PREFIX)).distinct()
        ).scalars()
        for path in paths:
            if write_missing_share_image(upload_dir, str(path).removeprefix(UPLOAD_PREFIX)):
                written += 1
    return written
