"""Command-line entry points: ``python -m partner_app.cli COMMAND``."""

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import reflex as rx
from reflex.model import get_engine

from partner_app.i18n import text
from partner_app.services import search_index
from partner_app.services.backup import BackupError, BackupSummary, export_backup, import_backup
from partner_app.services.content_loader import default_content, load_default_content
from partner_app.services.database_integrity import integrity_problems
from partner_app.services.editor_accounts import (
    AccountError,
    check_password,
    create_editor,
    disable_editor,
    enable_editor,
    set_password,
)
from partner_app.services.map_frames import NORTH_AMERICA
from partner_app.services.map_outline import load_outline_polygons, render_outline_svg
from partner_app.services.placeholder_art import placeholder_png, placeholder_svg
from partner_app.services.share_images import SITE_IMAGES, fill_in_share_images
from partner_app.services.two_factor import reset_two_factor

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
MAP_IMAGE = "map/partnerschaften.svg"
# The outline image per page language: only the inset's caption differs.
MAP_IMAGES = {"de": MAP_IMAGE, "en": "map/partnerschaften.en.svg"}


def read_new_password() -> str:
    """The new password: prompted twice on a terminal, else the first line of stdin."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Neues Passwort: ")
    check_password(password)
    if getpass.getpass("Passwort wiederholen: ") != password:
        msg = "Die beiden Eingaben stimmen nicht überein."
        raise AccountError(msg)
    return password


def create_editor_command(username: str) -> int:
    """Create an editor account; the password comes from stdin or a prompt."""
    with rx.session() as session:
        editor = create_editor(session, username, read_new_password())
        print(f"Redakteur „{editor.username}“ angelegt.")
    return 0


def set_password_command(username: str) -> int:
    """Set an editor's password and end their sessions."""
    with rx.session() as session:
        editor = set_password(session, username, read_new_password())
        print(f"Passwort von „{editor.username}“ geändert; alle Sitzungen beendet.")
    return 0


def disable_editor_command(username: str) -> int:
    """Disable an editor and end their sessions at once."""
    with rx.session() as session:
        editor = disable_editor(session, username)
        print(f"Redakteur „{editor.username}“ deaktiviert; alle Sitzungen beendet.")
    return 0


def enable_editor_command(username: str) -> int:
    """Allow a disabled editor to log in again."""
    with rx.session() as session:
        editor = enable_editor(session, username)
        print(f"Redakteur „{editor.username}“ wieder aktiviert.")
    return 0


def reset_two_factor_command(username: str) -> int:
    """Remove an editor's two-factor login (e.g. a lost phone) and end their sessions."""
    with rx.session() as session:
        editor = reset_two_factor(session, username)
        print(f"Zwei-Faktor-Anmeldung von „{editor.username}“ entfernt; alle Sitzungen beendet.")
    return 0


def load_content() -> int:
    """Load the default Krefeld content entries that were never loaded before."""
    with rx.session() as session:
        report = load_default_content(session)
    print(f"Standardinhalte: {len(report.loaded)} geladen, {len(report.skipped)} übersprungen.")
    return 0


def render_placeholders() -> int:
    """Write the placeholder artwork (SVG and PNG) and the site's preview images."""
    content = default_content()
    names = {entry["slug"]: entry["name"] for entry in content["partnerships"]}
    written: list[Path] = []
    for news in content["news"]:
        if not news.get("image", "").startswith("placeholders/"):
            continue
        title = " · ".join(names[slug] for slug in news.get("cities", [])[:1])
        target = ASSETS_DIR / news["image"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(placeholder_svg(title, seed=news["slug"]), encoding="utf-8")
        # Link previews and feed readers show no SVG: the same artwork as a PNG beside it.
        target.with_suffix(".png").write_bytes(placeholder_png(title, seed=news["slug"]))
        written += [target, target.with_suffix(".png")]
    for lang, image in SITE_IMAGES.items():
        target = ASSETS_DIR / image
        target.parent.mkdir(parents=True, exist_ok=True)
        title = text("SHARE_IMAGE_TITLE", lang)
        target.write_bytes(placeholder_png(title, seed="krefeld", subtitle=text("PUBLISHER", lang)))
        written.append(target)
    for target in written:
        print(target.relative_to(ASSETS_DIR.parent))
    return 0


def share_images() -> int:
    """Write the JPEG for link previews of every image uploaded before there was one."""
    with rx.session() as session:
        written = fill_in_share_images(session, rx.get_upload_dir())
    print(f"Vorschaubilder (JPEG): {written} ergänzt.")
    return 0


def map_captions(lang: str) -> dict[str, str]:
    """The captions of the map's frames in the language ``lang``."""
    return {NORTH_AMERICA.name: text("MAP_INSET_NORTH_AMERICA", lang)}


def render_map() -> int:
    """Write the outline map of the partnerships into ``assets/map/``, once per language."""
    polygons = load_outline_polygons()
    for lang, image in MAP_IMAGES.items():
        target = ASSETS_DIR / image
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_outline_svg(polygons, map_captions(lang)), encoding="utf-8")
        print(target.relative_to(ASSETS_DIR.parent))
    return 0


def export_command(file: str) -> int:
    """Write all content and uploaded images into a backup file (ZIP)."""
    summary = export_backup(get_engine(), rx.get_upload_dir(), Path(file))
    print(f"Sicherung geschrieben: {file} ({_summary_text(summary)}).")
    return 0


def import_command(file: str) -> int:
    """Replace all content and images by a backup file; a damaged file changes nothing."""
    summary = import_backup(get_engine(), rx.get_upload_dir(), Path(file))
    print(f"Sicherung eingespielt: {file} ({_summary_text(summary)}); alle Sitzungen beendet.")
    return 0


def search_index_command() -> int:
    """Renew the archive's search index once after an update that indexes more."""
    with get_engine().begin() as connection:
        renewed = search_index.renew_if_outdated(connection)
    print("Suchindex erneuert." if renewed else "Suchindex ist aktuell.")
    return 0


def check_database() -> int:
    """Check the database's files, indexes and references (e.g. after a crash)."""
    problems = integrity_problems(get_engine())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print("Datenbank in Ordnung.")
    return 0


def _summary_text(summary: BackupSummary) -> str:
    return f"{sum(summary.rows.values())} Datensätze, {summary.files} Bilddateien"


COMMANDS: dict[str, Callable[[], int]] = {
    "load-content": load_content,
    "render-placeholders": render_placeholders,
    "share-images": share_images,
    "render-map": render_map,
    "check-database": check_database,
    "search-index": search_index_command,
}
EDITOR_COMMANDS: dict[str, Callable[[str], int]] = {
    "create-editor": create_editor_command,
    "set-password": set_password_command,
    "disable-editor": disable_editor_command,
    "enable-editor": enable_editor_command,
    "reset-two-factor": reset_two_factor_command,
}


FILE_COMMANDS: dict[str, Callable[[str], int]] = {
    "export": export_command,
    "import": import_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the command."""
    parser = argparse.ArgumentParser(prog="python -m partner_app.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        commands.add_parser(name, help=command.__doc__)
    for name, command in EDITOR_COMMANDS.items():
        commands.add_parser(name, help=command.__doc__).add_argument("username")
    for name, command in FILE_COMMANDS.items():
        commands.add_parser(name, help=command.__doc__).add_argument("file")
    args = parser.parse_args(argv)
    try:
        if args.command in EDITOR_COMMANDS:
            return EDITOR_COMMANDS[args.command](args.username)
        if args.command in FILE_COMMANDS:
            return FILE_COMMANDS[args.command](args.file)
        return COMMANDS[args.command]()
    except (AccountError, BackupError) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
