"""The database check operators run after a crash (cli check-database)."""

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, select

from partner_app.models import NewsItem, Partnership
from partner_app.services.database_integrity import integrity_problems


def test_intact_database_has_no_problems(engine: Engine, seeded_session: Session) -> None:
    assert integrity_problems(engine) == []


def test_reference_to_a_missing_row_is_reported(engine: Engine, seeded_session: Session) -> None:
    news_id = seeded_session.exec(select(NewsItem.id)).first()
    largest_partnership = seeded_session.exec(select(sa.func.max(Partnership.id))).one()
    assert largest_partnership is not None, "the seed has partnerships"
    missing_partnership = largest_partnership + 100
    with engine.begin() as connection:
        # Bypass the database's own enforcement, as a crash or a foreign tool could.
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        else:
            connection.exec_driver_sql("SET session_replication_role = replica")
        connection.execute(
            sa.text("INSERT INTO news_partnership (news_id, partnership_id) VALUES (:n, :p)"),
            {"n": news_id, "p": missing_partnership},
        )
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        else:
            connection.exec_driver_sql("SET session_replication_role = DEFAULT")

    problems = integrity_problems(engine)

    assert problems == [
        "1 Zeile(n) in news_partnership.partnership_id verweisen auf "
        "nicht vorhandene Einträge in partnership."
    ]


def test_missing_table_is_reported(engine: Engine, seeded_session: Session) -> None:
    seeded_session.close()
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE contact_message")

    assert integrity_problems(engine) == ["Tabelle contact_message fehlt."]
