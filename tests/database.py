"""Test helpers for databases: fresh ones on SQLite or PostgreSQL, migrated like production.

By default every test database is an SQLite file. With ``PARTNER_APP_TEST_POSTGRES_URL``
(a PostgreSQL URL whose user may create databases, as ``make test-production`` sets it)
each one is a new database on that server instead, so the whole suite runs on the
production stack.
"""

import os
import uuid
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from partner_app.services import search_index

PROJECT_DIR = Path(__file__).resolve().parent.parent
POSTGRES_URL_VARIABLE = "PARTNER_APP_TEST_POSTGRES_URL"


def postgres_server_url() -> str:
    """The PostgreSQL server the suite runs on, or "" for SQLite."""
    return os.environ.get(POSTGRES_URL_VARIABLE, "")


def fresh_database_url(sqlite_path: Path) -> str:
    """The URL of a new, empty database (``sqlite_path`` is used on SQLite)."""
    server = postgres_server_url()
    if not server:
        return f"sqlite:///{sqlite_path}"
    name = f"test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return sa.make_url(server).set(database=name).render_as_string(hide_password=False)


def alembic_config() -> Config:
    """The project's Alembic configuration, without touching logging."""
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["configure_logger"] = False
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Run every migration on ``engine``'s database, then renew the search index, as
    ``make database`` does (``alembic upgrade head``, ``cli search-index``)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        search_index.renew_if_outdated(connection)
