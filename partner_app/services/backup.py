"""Backups: all content and uploaded images in one ZIP file, restorable on any database.

The file holds ``manifest.json`` (format, schema revision, checksums), ``data.json``
(every row of every kept table, in primary-key order, database-neutral JSON) and the
uploaded images under ``uploads/``. Import checks the whole file before it changes
anything, then replaces the content in one transaction; so a damaged or foreign file
is refused with a German message and the database and images stay as they were.
Sessions and login attempts are not kept: a restore signs every editor out.
"""

import enum
import hashlib
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

import partner_app.models  # noqa: F401  (registers the tables)
from partner_app.models import utc_now
from partner_app.services import search_index

FORMAT = "krefeld-partner-app-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
UPLOADS = "uploads/"
# Short-lived security records: never restored, always cleared by a restore.
NOT_KEPT = ("editor_session", "login_attempt")
# A backup with more than this much data is not plausible for this site.
MAX_UNPACKED_BYTES = 2 * 1024**3


class BackupError(Exception):
    """A backup file that cannot be imported; the message says why (German)."""


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds."""

    rows: dict[str, int]
    files: int


def kept_tables() -> list[sa.Table]:
    """The tables a backup holds, parents before children."""
    return [table for table in SQLModel.metadata.sorted_tables if table.name not in NOT_KEPT]


def export_backup(engine: sa.Engine, upload_dir: Path, target: Path) -> BackupSummary:
    """Write everything into the ZIP file ``target``."""
    with engine.connect() as connection:
        revision = _schema_revision(connection)
        data = {table.name: _rows(connection, table) for table in kept_tables()}
    data_bytes = _canonical_json(data)
    files = (
        sorted(path for path in upload_dir.rglob("*") if path.is_file() and not path.is_symlink())
        if upload_dir.exists()
        else []
    )
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": revision,
        "created_at": utc_now().isoformat(timespec="seconds"),
        "rows": {name: len(rows) for name, rows in data.items()},
        "data_sha256": hashlib.sha256(data_bytes).hexdigest(),
        "files": {path.relative_to(upload_dir).as_posix(): _file_sha256(path) for path in files},
    }
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, _canonical_json(manifest))
        archive.writestr(DATA, data_bytes)
        for path in files:
            archive.write(path, UPLOADS + path.relative_to(upload_dir).as_posix())
    # Only a complete file gets the name asked for.
    partial.replace(target)
    return BackupSummary(rows=manifest["rows"], files=len(files))


def import_backup(engine: sa.Engine, upload_dir: Path, source: Path) -> BackupSummary:
    """Replace all content and images by the backup ``source``; refuse it whole or not at all."""
    with _open_archive(source) as archive:
        manifest = _checked_manifest(archive)
        data = _checked_data(archive, manifest)
        staged = Path(tempfile.mkdtemp(prefix=".import-", dir=_staging_parent(upload_dir)))
        try:
            for name, checksum in manifest["files"].items():
                target = staged / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(UPLOADS + name) as member, target.open("wb") as out:
                    shutil.copyfileobj(member, out)
                if _file_sha256(target) != checksum:
                    raise BackupError(f"Die Bilddatei „{name}“ in der Sicherung ist beschädigt.")
            with engine.begin() as connection:
                revision = _schema_revision(connection)
                if manifest["schema_revision"] != revision:
                    raise BackupError(
                        "Die Sicherung passt nicht zu dieser Datenbank: Sie hat den "
                        f"Schema-Stand {manifest['schema_revision']}, die Datenbank {revision}. "
                        "Bitte zuerst beide auf denselben Stand migrieren."
                    )
                try:
                    _replace_rows(connection, data)
                    # The full-text index is derived data, not in the backup: built anew.
                    search_index.rebuild(connection)
                except (SQLAlchemyError, ValueError, TypeError) as error:
                    # The transaction is rolled back: the database stays as it was.
                    raise BackupError(
                        f"Die Daten der Sicherung lassen sich nicht einspielen: {error}"
                    ) from error
            _swap_in(staged, upload_dir)
        finally:
            shutil.rmtree(staged, ignore_errors=True)
    return BackupSummary(rows=manifest["rows"], files=len(manifest["files"]))


def _open_archive(source: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError as error:
        raise BackupError(f"Die Datei „{source}“ gibt es nicht.") from error
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            f"„{source.name}“ ist keine Sicherung dieser Anwendung (kein lesbares ZIP-Archiv)."
        ) from error
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        archive.close()
        raise BackupError("Die Sicherung ist unplausibel groß und wird nicht eingespielt.")
    return archive


def _checked_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise BackupError(
            "Die Datei ist keine Sicherung dieser Anwendung (Inhaltsverzeichnis fehlt)."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Die Datei ist keine Sicherung dieser Anwendung (fremdes Format).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Die Sicherung hat die Formatversion {manifest.get('format_version')}; "
            f"diese Anwendung liest Version {FORMAT_VERSION}."
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(_is_safe_member(name) for name in files):
        raise BackupError("Die Sicherung enthält unzulässige Dateinamen.")
    members = {
        name.removeprefix(UPLOADS) for name in archive.namelist() if name.startswith(UPLOADS)
    }
    if members != set(files):
        raise BackupError("Die Bilddateien der Sicherung passen nicht zu ihrem Verzeichnis.")
    return manifest


def _checked_data(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> dict[str, list[dict]]:
    try:
        data_bytes = archive.read(DATA)
    except (KeyError, zipfile.BadZipFile) as error:
        raise BackupError("Die Sicherung ist unvollständig (Daten fehlen).") from error
    if hashlib.sha256(data_bytes).hexdigest() != manifest.get("data_sha256"):
        raise BackupError("Die Daten der Sicherung sind beschädigt (Prüfsumme stimmt nicht).")
    data = json.loads(data_bytes)
    tables = {table.name: table for table in kept_tables()}
    if set(data) != set(tables):
        raise BackupError("Die Sicherung enthält andere Tabellen als diese Anwendung.")
    for name, rows in data.items():
        columns = {column.name for column in tables[name].columns}
        if any(set(row) != columns for row in rows):
            raise BackupError(f"Die Spalten der Tabelle „{name}“ passen nicht zu dieser Anwendung.")
    return data


def _is_safe_member(name: object) -> bool:
    if not isinstance(name, str) or not name or "\\" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def _replace_rows(connection: sa.Connection, data: dict[str, list[dict]]) -> None:
    tables = kept_tables()
    for name in NOT_KEPT:
        connection.execute(SQLModel.metadata.tables[name].delete())
    for table in reversed(tables):
        connection.execute(table.delete())
    for table in tables:
        rows = [_decoded(table, row) for row in data[table.name]]
        if rows:
            connection.execute(table.insert(), rows)
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection, tables)


def _reset_sequences(connection: sa.Connection, tables: list[sa.Table]) -> None:
    # Rows came with their ids: the id sequences must continue after the largest one.
    for table in tables:
        if "id" in table.columns and table.columns["id"].autoincrement in (True, "auto"):
            largest = sa.select(sa.func.max(table.c.id)).scalar_subquery()
            connection.execute(
                sa.select(
                    sa.func.setval(
                        sa.func.pg_get_serial_sequence(table.name, "id"),
                        sa.func.coalesce(largest, 0) + 1,
                        False,
                    )
                )
            )


def _swap_in(staged: Path, upload_dir: Path) -> None:
    old = upload_dir.with_name(upload_dir.name + ".before-import")
    shutil.rmtree(old, ignore_errors=True)
    if upload_dir.exists():
        upload_dir.rename(old)
    staged.rename(upload_dir)
    shutil.rmtree(old, ignore_errors=True)


def _staging_parent(upload_dir: Path) -> Path:
    # Same file system as the upload folder, so the final rename is instant.
    upload_dir.parent.mkdir(parents=True, exist_ok=True)
    return upload_dir.parent


def _schema_revision(connection: sa.Connection) -> str:
    current = MigrationContext.configure(connection).get_current_revision()
    if current is None:
        raise BackupError("Die Datenbank ist nicht migriert (reflex db migrate).")
    return current


def _rows(connection: sa.Connection, table: sa.Table) -> list[dict[str, Any]]:
    ordered = connection.execute(sa.select(table).order_by(*table.primary_key.columns))
    return [{column: _encoded(value) for column, value in row._mapping.items()} for row in ordered]


def _encoded(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decoded(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    decoded = {}
    for name, value in row.items():
        column_type = _underlying(table.columns[name].type)
        if value is not None and isinstance(column_type, sa.Enum) and column_type.enum_class:
            value = column_type.enum_class(value)
        elif value is not None and isinstance(column_type, sa.DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column_type, sa.Date):
            value = date.fromisoformat(value)
        decoded[name] = value
    return decoded


def _underlying(column_type: sa.types.TypeEngine) -> sa.types.TypeEngine:
    # Custom types (UtcDateTime) wrap a standard one.
    if isinstance(column_type, sa.types.TypeDecorator):
        return column_type.impl_instance
    return column_type


def _canonical_json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
