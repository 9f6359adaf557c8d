"""Alembic environment for plain ``alembic`` commands.

``reflex db migrate`` drives Alembic itself; this file makes ``alembic upgrade head``
and autogenerate behave the same: the database URL comes from rxconfig.py (or
``REFLEX_DB_URL``), the target schema from ``partner_app.models``.
"""

from logging.config import fileConfig

from alembic import context
from reflex.config import get_config
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import partner_app.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from partner_app.services.search_index import SEARCH_INDEX_TABLES

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata
# The archive's full-text index is derived data outside the models (services/search_index.py):
# autogenerate must neither drop it nor compare it (its own list, FTS5's by prefix).


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Leave the search index's tables (and FTS5's own ``news_search_*`` tables) alone."""
    if type_ == "table" and name is not None:
        return not name.startswith(SEARCH_INDEX_TABLES)
    return True


def database_url() -> str:
    """The URL given to Alembic, else the app's configured one."""
    url = config.get_main_option("sqlalchemy.url")
    if url and not url.startswith("driver://"):
        return url
    return get_config().db_url


def run_migrations_offline() -> None:
    """Emit SQL without a database connection."""
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        include_name=include_name,
        literal_binds=True,
        render_as_batch=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the database over a connection (given by the caller, or opened here)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with(connection)
        return
    engine = engine_from_config(
        {"sqlalchemy.url": database_url()}, prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        _run_with(connection)


def _run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
