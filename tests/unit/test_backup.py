"""Backups: export, import into an empty database, exact round trip, refusal of bad files."""

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlmodel import Session, func, select

from partner_app.models import (
    ContactMessage,
    EditorSession,
    NewsItem,
    Partnership,
    Topic,
    utc_now,
)
from partner_app.services.backup import (
    DATA,
    MANIFEST,
    BackupError,
    export_backup,
    import_backup,
)
from partner_app.services.contact_messages import MessageInput, submit_message
from partner_app.services.content_loader import load_default_content
from partner_app.services.editor_accounts import create_editor
from partner_app.services.editor_sessions import log_in
from partner_app.services.search_index import VERSION_TABLE
from tests.database import fresh_database_url, postgres_server_url, upgrade_to_head

IMAGE = "news/0123456789abcdef01234567-card.webp"


def _database(path: Path) -> Engine:
    engine = create_engine(fresh_database_url(path))
    upgrade_to_head(engine)
    return engine


@pytest.fixture
def source(tmp_path: Path) -> tuple[Engine, Path]:
    """A database with content, an editor with a session, a message, and one uploaded image."""
    engine = _database(tmp_path / "source.db")
    with Session(engine) as session:
        load_default_content(session)
        create_editor(session, "redaktion", "ein-langes-passwort")
        log_in(session, "redaktion", "ein-langes-passwort", client="test", now=utc_now())
        submit_message(
            session,
            MessageInput(
                name="Zoë", email="zoe@example.org", text="Grüße\naus Venlo", consent=True
            ),
            client_address="192.0.2.1",
            now=utc_now(),
        )
    uploads = tmp_path / "source-uploads"
    (uploads / "news").mkdir(parents=True)
    (uploads / IMAGE).write_bytes(b"RIFF-not-really-webp\x00\xff")
    return engine, uploads


@pytest.fixture
def target(tmp_path: Path) -> tuple[Engine, Path]:
    """An empty migrated database with an upload folder holding a stray file."""
    engine = _database(tmp_path / "target.db")
    uploads = tmp_path / "target-uploads"
    uploads.mkdir()
    (uploads / "stray.txt").write_text("alt")
    return engine, uploads


def _snapshot(engine: Engine) -> dict[str, list[tuple]]:
    # Table names come from the database's own catalogue.
    with engine.connect() as connection:
        return {
            table: sorted(
                map(tuple, connection.execute(text(f'SELECT * FROM "{table}"'))),  # noqa: S608
                key=repr,
            )
            for table in inspect(engine).get_table_names()
            # FTS5's own tables hold index segments, laid out by how rows were added. The
            # import rebuilds the index, so it records the current contents version, where
            # the migrated source still has the one its migration wrote.
            if table not in ("alembic_version", VERSION_TABLE) and not _is_fts5_shadow_table(table)
        }


def _is_fts5_shadow_table(table: str) -> bool:
    return table.startswith("news_search_") and table.rsplit("_", 1)[1] in {
        "data",
        "idx",
        "content",
        "docsize",
        "config",
    }


def test_round_trip_is_exact_and_ends_sessions(
    tmp_path: Path, source: tuple[Engine, Path], target: tuple[Engine, Path]
) -> None:
    backup = tmp_path / "sicherung.zip"
    summary = export_backup(*source, backup)
    assert summary.files == 1
    assert summary.rows["partnership"] == 9

    import_backup(*target, backup)

    source_rows, target_rows = _snapshot(source[0]), _snapshot(target[0])
    assert target_rows["editor_session"] == []
    for table in source_rows:
        if table not in ("editor_session", "login_attempt"):
            assert target_rows[table] == source_rows[table], table
    assert (target[1] / IMAGE).read_bytes() == (source[1] / IMAGE).read_bytes()
    assert not (target[1] / "stray.txt").exists()
    # Exporting the restored database gives the same data, byte for byte.
    again = tmp_path / "again.zip"
    export_backup(*target, again)
    with zipfile.ZipFile(backup) as first, zipfile.ZipFile(again) as second:
        assert first.read(DATA) == second.read(DATA)
    with Session(target[0]) as session:
        message = session.exec(select(ContactMessage)).one()
        assert message.text == "Grüße\naus Venlo"
        assert message.received_at.tzinfo is not None
        assert session.exec(select(EditorSession)).all() == []
        assert len(session.exec(select(NewsItem)).all()) == 5
        # New rows continue after the restored ids.
        largest = session.exec(select(func.max(Topic.id))).one()
        assert largest is not None, "the restored database has topics"
        topic = Topic(slug="neu", name="Neu")
        session.add(topic)
        session.commit()
        assert topic.id == largest + 1


def test_import_replaces_existing_content(
    tmp_path: Path, source: tuple[Engine, Path], target: tuple[Engine, Path]
) -> None:
    backup = tmp_path / "sicherung.zip"
    export_backup(*source, backup)
    with Session(target[0]) as session:
        load_default_content(session)
        venlo = session.exec(select(Partnership).where(Partnership.slug == "venlo")).one()
        venlo.name = "Geändert"
        session.add(venlo)
        session.commit()

    import_backup(*target, backup)

    with Session(target[0]) as session:
        names = session.exec(select(Partnership.name)).all()
        assert "Geändert" not in names
        assert len(names) == 9


def _rewrite(backup: Path, damaged: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(backup) as original, zipfile.ZipFile(damaged, "w") as copy:
        for info in original.infolist():
            if info.filename in change:
                replacement = change[info.filename]
                if replacement is not None:
                    copy.writestr(info.filename, replacement)
            else:
                copy.writestr(info, original.read(info.filename))
        for name, content in change.items():
            if name not in original.namelist() and content is not None:
                copy.writestr(name, content)


def _manifest_with(backup: Path, **changes: object) -> bytes:
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    manifest.update(changes)
    return json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("not_a_zip", "kein lesbares ZIP-Archiv"),
        ("foreign_zip", "Inhaltsverzeichnis fehlt"),
        ("foreign_format", "fremdes Format"),
        ("tampered_data", "Prüfsumme stimmt nicht"),
        ("tampered_image", "ist beschädigt"),
        ("missing_image", "passen nicht zu ihrem Verzeichnis"),
        ("path_traversal", "unzulässige Dateinamen"),
        ("other_schema", "Schema-Stand"),
        ("bad_value", "lassen sich nicht einspielen"),
    ],
)
def test_damaged_or_foreign_files_are_refused_and_change_nothing(
    tmp_path: Path,
    source: tuple[Engine, Path],
    target: tuple[Engine, Path],
    damage: str,
    message: str,
) -> None:
    backup = tmp_path / "sicherung.zip"
    export_backup(*source, backup)
    with Session(target[0]) as session:
        load_default_content(session)
    damaged = tmp_path / "kaputt.zip"
    if damage == "not_a_zip":
        damaged.write_bytes(b"Das ist kein Archiv.")
    elif damage == "foreign_zip":
        with zipfile.ZipFile(damaged, "w") as archive:
            archive.writestr("readme.txt", "hallo")
    elif damage == "foreign_format":
        _rewrite(backup, damaged, {MANIFEST: _manifest_with(backup, format="etwas-anderes")})
    elif damage == "tampered_data":
        with zipfile.ZipFile(backup) as archive:
            data = archive.read(DATA).replace(b"Venlo", b"Venl0")
        _rewrite(backup, damaged, {DATA: data})
    elif damage == "tampered_image":
        _rewrite(backup, damaged, {f"uploads/{IMAGE}": b"anders"})
    elif damage == "missing_image":
        _rewrite(backup, damaged, {f"uploads/{IMAGE}": None})
    elif damage == "path_traversal":
        files = {"../../evil.sh": "0" * 64}
        _rewrite(
            backup,
            damaged,
            {MANIFEST: _manifest_with(backup, files=files), "uploads/../../evil.sh": b"x"},
        )
    elif damage == "other_schema":
        _rewrite(backup, damaged, {MANIFEST: _manifest_with(backup, schema_revision="abc123")})
    elif damage == "bad_value":
        with zipfile.ZipFile(backup) as archive:
            data = json.loads(archive.read(DATA))
        data["news_item"][0]["published_on"] = "kein Datum"
        data_bytes = json.dumps(data).encode()
        manifest = _manifest_with(backup, data_sha256=hashlib.sha256(data_bytes).hexdigest())
        _rewrite(backup, damaged, {DATA: data_bytes, MANIFEST: manifest})
    before = _snapshot(target[0])

    with pytest.raises(BackupError, match=message):
        import_backup(*target, damaged)

    assert _snapshot(target[0]) == before
    assert sorted(path.name for path in target[1].iterdir()) == ["stray.txt"]
    assert not (tmp_path / "evil.sh").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".import-")] == []


@pytest.mark.skipif(not postgres_server_url(), reason="needs the PostgreSQL test server")
def test_sqlite_backup_restores_exactly_on_postgresql(tmp_path: Path) -> None:
    # The path of a city that outgrows the embedded default.
    sqlite = create_engine(f"sqlite:///{tmp_path / 'embedded.db'}")
    upgrade_to_head(sqlite)
    with Session(sqlite) as session:
        load_default_content(session)
        create_editor(session, "redaktion", "ein-langes-passwort")
    uploads = tmp_path / "uploads"
    (uploads / "news").mkdir(parents=True)
    (uploads / IMAGE).write_bytes(b"bild")
    postgres = _database(tmp_path / "unused.db")
    backup, again = tmp_path / "sqlite.zip", tmp_path / "postgres.zip"

    export_backup(sqlite, uploads, backup)
    import_backup(postgres, tmp_path / "pg-uploads", backup)
    export_backup(postgres, tmp_path / "pg-uploads", again)

    with zipfile.ZipFile(backup) as first, zipfile.ZipFile(again) as second:
        assert first.read(DATA) == second.read(DATA)
    with Session(postgres) as session:
        # The id sequences continue after the restored rows.
        topic = Topic(slug="neu", name="Neu")
        session.add(topic)
        session.commit()
        assert topic.id == len(session.exec(select(Topic)).all())
