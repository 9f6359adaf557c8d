"""Command-line entry points: ``python -m partner_app.cli COMMAND``."""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import reflex as rx

from partner_app.services.content_loader import default_content, load_default_content
from partner_app.services.placeholder_art import placeholder_svg

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"


def load_content() -> int:
    """Load the default Krefeld content entries that were never loaded before."""
    with rx.session() as session:
        report = load_default_content(session)
    print(f"Standardinhalte: {len(report.loaded)} geladen, {len(report.skipped)} übersprungen.")
    return 0


def render_placeholders() -> int:
    """Write the placeholder artwork of the default news items into ``assets/``."""
    content = default_content()
    names = {entry["slug"]: entry["name"] for entry in content["partnerships"]}
    for news in content["news"]:
        if not news.get("image", "").startswith("placeholders/"):
            continue
        title = " · ".join(names[slug] for slug in news.get("cities", [])[:1])
        target = ASSETS_DIR / news["image"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(placeholder_svg(title, seed=news["slug"]), encoding="utf-8")
        print(target.relative_to(ASSETS_DIR.parent))
    return 0


COMMANDS = {
    "load-content": load_content,
    "render-placeholders": render_placeholders,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the command."""
    parser = argparse.ArgumentParser(prog="python -m partner_app.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        commands.add_parser(name, help=command.__doc__)
    args = parser.parse_args(argv)
    return COMMANDS[args.command]()


if __name__ == "__main__":
    sys.exit(main())
