"""Uploads nothing uses go a day after they were stored; an image in use never goes."""

import os
import secrets
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from partner_app.models import FormDraft
from partner_app.services.retention import purge_expired_data
from partner_app.services.unused_uploads import (
    UNUSED_UPLOAD_KEPT,
    forget_unused_uploads,
    image_columns,
)
from tests.unit.factories import add_news, add_partnership

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
OLD = UNUSED_UPLOAD_KEPT + timedelta(minutes=1)
YOUNG = UNUSED_UPLOAD_KEPT - timedelta(minutes=1)


@pytest.fixture
def upload_dir(tmp_path: Path) -> Path:
    return tmp_path / "uploads"


def stored_upload(upload_dir: Path, folder: str, *, age: timedelta) -> str:
    """The files of an upload, as store_image writes them, ``age`` old; the card's path."""
    stem = secrets.token_hex(12)
    for name in ("card.webp", "detail.webp", "share.jpg"):
        written_at(upload_dir / folder / f"{stem}-{name}", age)
    return f"_upload/{folder}/{stem}-card.webp"


def written_at(path: Path, age: timedelta) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"RIFF-webp")
    moment = (NOW - age).timestamp()
    os.utime(path, (moment, moment))
    return path


def files_of(upload_dir: Path, card_path: str) -> list[Path]:
    card = upload_dir / card_path.removeprefix("_upload/")
    return [
        card,
        card.with_name(card.name.replace("-card.", "-detail.")),
        card.with_name(card.name.replace("-card.webp", "-share.jpg")),
    ]


def test_every_image_column_is_known() -> None:
    assert {f"{column.table.name}.{column.name}" for column in image_columns()} == {
        "partnership.image_path",
        "news_item.image_path",
    }


def test_old_unused_uploads_go_and_used_or_young_ones_stay(
    session: Session, upload_dir: Path
) -> None:
    of_a_city = stored_upload(upload_dir, "partnerschaft", age=30 * OLD)
    of_news = stored_upload(upload_dir, "news", age=OLD)
    of_a_form_copy = stored_upload(upload_dir, "news", age=OLD)
    never_saved = stored_upload(upload_dir, "news", age=OLD)
    just_uploaded = stored_upload(upload_dir, "news", age=YOUNG)
    city = add_partnership(session, "venlo", "Venlo", date(1964, 11, 21))
    city.image_path = of_a_city
    news = add_news(session, "fest", published_on=date(2026, 5, 1))
    news.image_path = of_news
    # A form copy holds the browser's form data: the image's hidden field among the rest.
    session.add(
        FormDraft(
            editor="anna",
            form="news:neu",
            fields={"title": "Fest", "image_path": of_a_form_copy},
            saved_at=NOW - timedelta(hours=2),
        )
    )
    session.commit()
    # What a crash left of a write, and what the app never wrote.
    unfinished = written_at(upload_dir / "news" / f"{'0' * 24}-card.part", OLD)
    unfinished_share = written_at(upload_dir / "news" / f"{'2' * 24}-share.0a1b2c3d.part", OLD)
    foreign = written_at(upload_dir / "news" / "liesmich.txt", 30 * OLD)
    other_folder = written_at(upload_dir / "Fremd" / f"{'1' * 24}-card.webp", 30 * OLD)

    deleted = forget_unused_uploads(session, upload_dir, NOW)

    # The three files of the upload never saved, and the two unfinished writes.
    assert deleted == 5
    for kept in (of_a_city, of_news, of_a_form_copy, just_uploaded):
        assert all(path.exists() for path in files_of(upload_dir, kept)), kept
    assert not any(path.exists() for path in files_of(upload_dir, never_saved))
    assert not unfinished.exists()
    assert not unfinished_share.exists()
    assert foreign.exists()
    assert other_folder.exists()
    # Nothing is left to delete a moment later.
    assert forget_unused_uploads(session, upload_dir, NOW) == 0


def test_an_upload_referred_to_by_its_detail_size_stays(session: Session, upload_dir: Path) -> None:
    card = stored_upload(upload_dir, "news", age=OLD)
    detail = card.replace("-card.webp", "-detail.webp")
    session.add(
        FormDraft(
            editor="anna", form="news:3", fields={"body": f"![Bild](/{detail})"}, saved_at=NOW
        )
    )
    session.commit()

    assert forget_unused_uploads(session, upload_dir, NOW) == 0
    assert all(path.exists() for path in files_of(upload_dir, card))


def test_the_daily_purge_lets_an_image_go_with_its_forgotten_form_copy(
    session: Session, upload_dir: Path
) -> None:
    image = stored_upload(upload_dir, "news", age=40 * OLD)
    session.add(
        FormDraft(
            editor="anna",
            form="news:neu",
            fields={"image_path": image},
            saved_at=NOW - timedelta(days=31),
        )
    )
    session.commit()

    summary = purge_expired_data(session, NOW, upload_dir)

    assert (summary.form_drafts, summary.upload_files) == (1, 3)
    assert not any(path.exists() for path in files_of(upload_dir, image))


def test_a_missing_upload_folder_is_nothing_to_do(session: Session, tmp_path: Path) -> None:
    assert forget_unused_uploads(session, tmp_path / "gibt-es-nicht", NOW) == 0
