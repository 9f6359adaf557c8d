"""partnerships: the country as an ISO code (named per language), an English name

Revision ID: f2c8d1a6b9e4
Revises: e6b1c2d3f4a5
Create Date: 2026-12-07 15:00:00

The country was stored as its German name ("Niederlande"), which the English page showed
as it was. Each name is turned into its code by CLDR's German names (Babel, a library, so
the migration still imports nothing of the app); a name CLDR does not know stops the
upgrade with a message naming it, rather than guessing. The English names are filled in
only where a partnership still has its default German name.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from babel import Locale

from alembic import op

revision: str = "f2c8d1a6b9e4"
down_revision: str | Sequence[str] | None = "e6b1c2d3f4a5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_partnership = sa.table(
    "partnership",
    sa.column("id", sa.Integer()),
    sa.column("slug", sa.String()),
    sa.column("name", sa.String()),
    sa.column("name_en", sa.String()),
    sa.column("country", sa.String()),
    sa.column("country_code", sa.String()),
)
# slug -> (default German name, English name): only where English names it otherwise.
ENGLISH_NAMES = {
    "duenkirchen": ("Dünkirchen", "Dunkirk"),
    "uljanowsk": ("Uljanowsk", "Ulyanovsk"),
    "oder-spree": ("Landkreis Oder-Spree", "Oder-Spree District"),
}


# Short forms an editor may have typed that CLDR does not list as the country's name.
COMMON_SHORT_NAMES = {
    "USA": "US",
    "Vereinigte Staaten von Amerika": "US",
    "Großbritannien": "GB",
    "England": "GB",
    "Holland": "NL",
}


def _german_names() -> dict[str, str]:
    territories = Locale.parse("de_DE").territories
    names = {name: code for code, name in territories.items() if len(code) == 2}
    return names | COMMON_SHORT_NAMES


def upgrade() -> None:
    """Upgrade schema."""
    connection = op.get_bind()
    # Every name is checked before the table changes: SQLite keeps added columns even when
    # the upgrade stops, and a second try after the correction would fail on them.
    codes = _german_names()
    rows = connection.execute(sa.select(_partnership.c.id, _partnership.c.country)).all()
    for row in rows:
        if row.country.strip() not in codes:
            msg = (
                f"Das Land „{row.country}“ (Partnerschaft {row.id}) ist kein Ländername, den "
                "CLDR kennt; bitte vor dem Update im Admin korrigieren."
            )
            raise RuntimeError(msg)
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "name_en",
                sqlmodel.sql.sqltypes.AutoString(length=120),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "country_code",
                sqlmodel.sql.sqltypes.AutoString(length=2),
                nullable=False,
                server_default="",
            )
        )
    for row in rows:
        connection.execute(
            _partnership.update()
            .where(_partnership.c.id == row.id)
            .values(country_code=codes[row.country.strip()])
        )
    for slug, (german, english) in ENGLISH_NAMES.items():
        connection.execute(
            _partnership.update()
            .where(_partnership.c.slug == slug, _partnership.c.name == german)
            .values(name_en=english)
        )
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_column("country")


def downgrade() -> None:
    """Downgrade schema: the English names are dropped, countries get CLDR's German names."""
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "country",
                sqlmodel.sql.sqltypes.AutoString(length=80),
                nullable=False,
                server_default="",
            )
        )
    connection = op.get_bind()
    territories = Locale.parse("de_DE").territories
    for row in connection.execute(sa.select(_partnership.c.id, _partnership.c.country_code)):
        connection.execute(
            _partnership.update()
            .where(_partnership.c.id == row.id)
            .values(country=territories.get(row.country_code, row.country_code))
        )
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_column("country_code")
        batch_op.drop_column("name_en")
