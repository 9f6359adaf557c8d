"""Fixtures for the unit tests: a private SQLite database per test."""

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from partner_app.services.content_loader import load_default_content

# A fixed "today" after every seed date, so results never depend on the calendar.
TODAY = date(2026, 11, 25)


def _enable_foreign_keys(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


@pytest.fixture
def engine() -> Iterator[Engine]:
    """An empty in-memory database with the models' schema."""
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    event.listen(engine, "connect", _enable_foreign_keys)
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the empty database."""
    with Session(engine) as session:
        yield session


@pytest.fixture
def seeded_session(session: Session) -> Session:
    """A session on a database holding the default Krefeld content."""
    load_default_content(session)
    return session
