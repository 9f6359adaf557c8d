"""Fixtures for the unit tests: a private database per test (SQLite, or PostgreSQL)."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from partner_app import settings
from partner_app.models import NewsStatus
from partner_app.services.content_loader import load_default_content
from tests.database import fresh_database_url, postgres_server_url
from tests.unit.factories import add_news, add_partnership, add_topic

# A fixed "today" after every seed date, so results never depend on the calendar.
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """A configured key, so no unit test writes one into the project's data folder."""
    monkeypatch.setenv(settings.SECRET_KEY_VARIABLE, "unit-test-schluessel-" + "x" * 32)


def _enable_foreign_keys(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


@pytest.fixture(scope="session")
def postgres_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine | None]:
    """One database on the test PostgreSQL server for all unit tests (None on SQLite)."""
    if not postgres_server_url():
        yield None
        return
    engine = create_engine(fresh_database_url(tmp_path_factory.mktemp("unused") / "x.db"))
    yield engine
    engine.dispose()


@pytest.fixture
def engine(postgres_engine: Engine | None) -> Iterator[Engine]:
    """An empty database with the models' schema: in memory, or rebuilt on PostgreSQL."""
    if postgres_engine is not None:
        SQLModel.metadata.drop_all(postgres_engine)
        SQLModel.metadata.create_all(postgres_engine)
        # Pooled connections keep prepared statements of the dropped tables.
        postgres_engine.dispose()
        yield postgres_engine
        return
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


@pytest.fixture
def archive(session: Session) -> Session:
    """Four public items, a draft and a scheduled one, across two cities and years."""
    add_partnership(session, "venlo", "Venlo", date(1964, 11, 21))
    add_partnership(session, "duenkirchen", "Dünkirchen", date(1974, 6, 15))
    add_topic(session, "kultur", "Kultur")
    add_topic(session, "hilfe", "Hilfe")
    add_news(
        session,
        "fest",
        title="Stadtfest mit Gästen",
        published_on=date(2024, 6, 1),
        cities=("venlo",),
        topics=("kultur",),
    )
    add_news(
        session,
        "museum",
        title="Werke im Museum",
        teaser="Eine Ausstellung zum Jubiläum",
        published_on=date(2024, 4, 1),
        cities=("duenkirchen",),
        topics=("kultur",),
    )
    add_news(
        session,
        "spende",
        title="Spende überwiesen",
        body="100% der Erlöse, Konto_Nr 7",
        published_on=date(2023, 3, 25),
        cities=("venlo", "duenkirchen"),
        topics=("hilfe",),
    )
    add_news(session, "ohne-stadt", title="Allgemeines", published_on=date(2022, 1, 10))
    add_news(
        session,
        "entwurf",
        title="Entwurf Stadtfest",
        published_on=date(2024, 1, 1),
        status=NewsStatus.draft,
        cities=("venlo",),
    )
    add_news(
        session,
        "geplant",
        title="Geplantes Stadtfest",
        published_on=TODAY + timedelta(days=1),
        cities=("venlo",),
    )
    session.commit()
    return session
