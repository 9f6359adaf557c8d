"""Is the database intact? For operators after a crash, and for the crash tests.

Three checks, each reported in German:
- the engine's own check of its files and indexes (SQLite ``PRAGMA integrity_check``;
  PostgreSQL's ``amcheck`` on every B-tree index, where the extension can be enabled),
- every foreign key points at an existing row (checked by query on both engines,
  since SQLite enforces foreign keys only when asked to),
- every table the models know exists.
"""

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

import partner_app.models  # noqa: F401  (registers every table on SQLModel.metadata)


def integrity_problems(engine: Engine) -> list[str]:
    """Everything wrong with the database, empty when it is intact."""
    problems = _missing_tables(engine)
    if problems:
        return problems
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            problems += _sqlite_check(connection)
        elif engine.dialect.name == "postgresql":
            problems += _postgres_index_check(connection)
        problems += _dangling_references(connection)
    return problems


def _missing_tables(engine: Engine) -> list[str]:
    present = set(sa.inspect(engine).get_table_names())
    return [f"Tabelle {name} fehlt." for name in SQLModel.metadata.tables if name not in present]


def _sqlite_check(connection: sa.Connection) -> list[str]:
    results = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
    return [] if results == ["ok"] else [f"SQLite-Prüfung: {result}" for result in results]


def _postgres_index_check(connection: sa.Connection) -> list[str]:
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS amcheck")
    except DBAPIError:
        # Not installed or not permitted for this user: the reference check still runs.
        return []
    indexes = connection.exec_driver_sql(
        "SELECT c.oid::regclass::text FROM pg_index i"
        " JOIN pg_class c ON c.oid = i.indexrelid"
        " JOIN pg_am a ON a.oid = c.relam"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE a.amname = 'btree' AND n.nspname = current_schema()"
    ).scalars()
    problems = []
    for index in indexes:
        try:
            with connection.begin_nested():
                connection.execute(
                    sa.text("SELECT bt_index_check(CAST(:index AS regclass), true)"),
                    {"index": index},
                )
        except DBAPIError as error:
            problems.append(f"Index {index} ist beschädigt: {error.orig}")
    return problems


def _dangling_references(connection: sa.Connection) -> list[str]:
    problems = []
    for table in SQLModel.metadata.sorted_tables:
        for key in table.foreign_keys:
            column, target = key.parent, key.column
            dangling = connection.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(
                    column.is_not(None),
                    ~sa.exists().where(target == column),
                )
            ).scalar_one()
            if dangling:
                problems.append(
                    f"{dangling} Zeile(n) in {table.name}.{column.name} verweisen auf "
                    f"nicht vorhandene Einträge in {target.table.name}."
                )
    return problems
