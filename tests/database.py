"""Test helpers for databases: migrate a fresh one the way production does."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

PROJECT_DIR = Path(__file__).resolve().parent.parent


def alembic_config() -> Config:
    """The project's Alembic configuration, without touching logging."""
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["configure_logger"] = False
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Run every migration on ``engine``'s database (``alembic upgrade head``)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
