"""Uploaded images that nothing uses, deleted a day after they were stored.

An upload is stored at once, so that the form can show it, but it belongs to the site
only once the form is saved. An editor who uploads and then leaves without saving would
leave the files behind for good. The daily clean-up (``services/retention.py``) deletes
the stored files of an upload once they are older than :data:`UNUSED_UPLOAD_KEPT` and

* no row refers to them: every column named ``image_path`` (or ``…_image_path``) of
  every table, found in the models' metadata, so a new image column is covered by its
  name;
* no kept copy of an unsaved form (``form_draft``) refers to them, in any field: a form
  restored after a crash must still find its image.

Only files named as ``image_uploads.store_image`` names them are looked at
(``<folder>/<24 hex digits>-card.webp``, ``-detail.webp``, ``-share.jpg``, and the
``.part`` left by a write that never finished); anything else in the upload folder stays.

The day also covers a form still open with an upload it has not saved: a session ends
after 8 hours without activity, and with it the admin's state of every tab, so such a
form outlives its upload's day only in a session kept busy around the clock.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

# Importing the models defines every table: the metadata below knows them all.
from partner_app.models import FormDraft

UNUSED_UPLOAD_KEPT = timedelta(days=1)
# What store_image writes: <folder>/<stem>-card.webp, -detail.webp and -share.jpg (.part,
# or the share's -share.<8 hex digits>.part, while written).
_STORED_NAME = re.compile(
    r"^(?P<stem>[0-9a-f]{24})-"
    r"(?:(?:card|detail)\.(?:webp|part)|share\.(?:jpg|[0-9a-f]{8}\.part))$"
)
_FOLDER_NAME = re.compile(r"^[a-z0-9_-]{1,40}$")
# A reference to either size of a stored upload, wherever it stands in a value.
_REFERENCE = re.compile(
    r"_upload/(?P<folder>[a-z0-9_-]{1,40})/(?P<stem>[0-9a-f]{24})-(?:card|detail)\.webp"
)


@dataclass(frozen=True)
class _StoredFile:
    path: Path
    # Both sizes of one upload share it: (folder, stem).
    upload: tuple[str, str]


def image_columns() -> list[sa.Column]:
    """Every column of every table that holds the path of an image."""
    return [
        column
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if column.name == "image_path" or column.name.endswith("_image_path")
    ]


def used_uploads(session: Session) -> set[tuple[str, str]]:
    """The uploads (folder, stem) a row or a kept form copy refers to."""
    used: set[tuple[str, str]] = set()
    for column in image_columns():
        for value in session.execute(sa.select(column).where(column != "").distinct()).scalars():
            used |= _references_in(value)
    for fields in session.exec(select(col(FormDraft.fields))).all():
        for value in fields.values():
            used |= _references_in(value)
    return used


def forget_unused_uploads(session: Session, upload_dir: Path, now: datetime) -> int:
    """Delete stored upload files older than a day that nothing refers to; how many."""
    cutoff = (now - UNUSED_UPLOAD_KEPT).timestamp()
    old = [stored for stored in _stored_files(upload_dir) if _modified(stored.path) < cutoff]
    if not old:
        return 0
    # Read after listing the files: a save committed meanwhile is seen.
    used = used_uploads(session)
    deleted = 0
    for stored in old:
        if stored.upload not in used:
            stored.path.unlink(missing_ok=True)
            deleted += 1
    return deleted


def _references_in(value: object) -> set[tuple[str, str]]:
    if not isinstance(value, str):
        return set()
    return {(match["folder"], match["stem"]) for match in _REFERENCE.finditer(value)}


def _stored_files(upload_dir: Path) -> list[_StoredFile]:
    if not upload_dir.is_dir():
        return []
    return [
        _StoredFile(path=path, upload=(folder.name, match["stem"]))
        for folder in upload_dir.iterdir()
        if _FOLDER_NAME.match(folder.name) and folder.is_dir() and not folder.is_symlink()
        for path in folder.iterdir()
        if (match := _STORED_NAME.match(path.name)) and path.is_file() and not path.is_symlink()
    ]


def _modified(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except FileNotFoundError:
        # Gone meanwhile (another worker's clean-up): nothing to delete.
        return float("inf")
