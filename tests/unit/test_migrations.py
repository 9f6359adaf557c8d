"""The migrations build exactly the schema the models describe, and keep the data."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text
from sqlmodel import Session, SQLModel, col, func, select

import partner_app.models  # noqa: F401  (registers the tables)
from partner_app.models import (
    AuditAction,
    AuditEntity,
    ContactMessage,
    ContactPerson,
    ContactRole,
    PageIntro,
    utc_now,
)
from partner_app.services import search_index
from partner_app.services.audit_log import record
from partner_app.services.contact_messages import MessageInput, set_done, submit_message
from partner_app.services.content_loader import load_default_content
from partner_app.services.editor_accounts import create_editor
from partner_app.services.editor_sessions import log_in
from partner_app.services.news_archive import NewsFilter, published_news_page
from partner_app.services.partnerships import partnerships_by_since
from partner_app.services.search_index import SEARCH_INDEX_TABLES
from tests.database import alembic_config, fresh_database_url, upgrade_to_head
from tests.unit.conftest import TODAY

FTS5_SHADOW_TABLES = tuple(
    f"news_search_{suffix}" for suffix in ("data", "idx", "content", "docsize", "config")
)


def test_upgrade_head_on_empty_database_matches_the_models(tmp_path: Path) -> None:
    engine = create_engine(fresh_database_url(tmp_path / "migrated.db"))
    upgrade_to_head(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": False,
                "include_name": _not_the_search_index,
            },
        )
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []


def _not_the_search_index(name: str | None, type_: str, _parents: object) -> bool:
    # The full-text index is derived data outside the models (as alembic/env.py says).
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_INDEX_TABLES))


def test_downgrade_to_base_removes_every_table(tmp_path: Path) -> None:
    engine = create_engine(fresh_database_url(tmp_path / "migrated.db"))
    upgrade_to_head(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()


def _migrate(engine: Engine, direction: str, target: str, *, renew: bool = True) -> None:
    """Migrate; an upgrade to head renews the search index as ``make database`` does."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, target)
        if renew and (direction, target) == ("upgrade", "head"):
            search_index.renew_if_outdated(connection)


def _row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()  # noqa: S608 (table names from the inspector)
            for table in inspect(engine).get_table_names()
            # FTS5's own tables hold segments, whose number depends on how rows were added;
            # the search index is derived data a downgrade past c3f7a2e9d1b4 (SQLite) or
            # d8b3f6a1c2e5 (PostgreSQL) leaves empty for the older app to renew (the
            # renewal has tests of its own).
            if table != "alembic_version"
            and not table.startswith(FTS5_SHADOW_TABLES)
            and table not in SEARCH_INDEX_TABLES
        }


def _filled_database(path: Path) -> Engine:
    """A database at head with the default content, an editor, a session, a message, audit rows."""
    engine = create_engine(fresh_database_url(path))
    upgrade_to_head(engine)
    with Session(engine) as session:
        load_default_content(session)
        create_editor(session, "redaktion", "ein-langes-passwort")
        log_in(session, "redaktion", "ein-langes-passwort", client="test", now=utc_now())
        submit_message(
            session,
            MessageInput(name="Anna", email="anna@example.org", text="Hallo", consent=True),
            client_address="192.0.2.1",
            now=utc_now(),
        )
        record(
            session,
            editor="redaktion",
            action=AuditAction.changed,
            entity_type=AuditEntity.partnership,
            entity_id=1,
            label="Venlo",
            changes={"name": ["A", "B"]},
        )
        session.commit()
    return engine


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


@pytest.mark.parametrize("revision", _revisions()[:-1])
def test_upgrade_from_every_earlier_revision_keeps_the_rows(tmp_path: Path, revision: str) -> None:
    # The rows a database at ``revision`` holds: made at head, then migrated down to it.
    engine = _filled_database(tmp_path / "data.db")
    _migrate(engine, "downgrade", revision)
    before = _row_counts(engine)
    assert sum(before.values()) > 0

    _migrate(engine, "upgrade", "head")

    after = _row_counts(engine)
    assert {table: after[table] for table in before} == before
    engine.dispose()


def test_one_step_down_and_up_again_keeps_every_row(tmp_path: Path) -> None:
    engine = _filled_database(tmp_path / "data.db")
    before = _row_counts(engine)

    _migrate(engine, "downgrade", "-1")
    _migrate(engine, "upgrade", "head")

    assert _row_counts(engine) == before
    with Session(engine) as session:
        # The data is still usable by the app after the round trip.
        assert len(partnerships_by_since(session)) == 9
    engine.dispose()


def test_audit_words_become_codes_and_back(tmp_path: Path) -> None:
    engine = create_engine(fresh_database_url(tmp_path / "audit.db"))
    upgrade_to_head(engine)
    _migrate(engine, "downgrade", "430748584fc5")
    written_before = [
        ("angelegt", "Meldung"),
        ("gelöscht", "Kontakt"),
        ("zurückgezogen", "Meldung"),
        ("geändert", "Anschrift"),
        ("done", "message"),
    ]
    with engine.begin() as connection:
        for action, entity in written_before:
            connection.execute(
                text(
                    "INSERT INTO audit_entry (at, editor_username, action, entity_type,"
                    " entity_label, changes) VALUES (:at, 'redaktion', :action, :entity, '', '{}')"
                ),
                {"at": utc_now(), "action": action, "entity": entity},
            )

    def stored() -> list[tuple[str, str]]:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT action, entity_type FROM audit_entry ORDER BY id")
            ).all()
        return [(row[0], row[1]) for row in rows]

    _migrate(engine, "upgrade", "head")
    assert stored() == [
        ("created", "news"),
        ("deleted", "contact"),
        ("unpublished", "news"),
        ("changed", "office"),
        ("done", "message"),
    ]
    _migrate(engine, "downgrade", "430748584fc5")
    assert stored() == written_before
    engine.dispose()


def test_messages_done_before_reading_was_recorded_count_as_read(tmp_path: Path) -> None:
    engine = _filled_database(tmp_path / "messages.db")
    with Session(engine) as session:
        submit_message(
            session,
            MessageInput(name="Ben", email="ben@example.org", text="Noch offen", consent=True),
            client_address="192.0.2.2",
            now=utc_now(),
        )
        first_id = session.exec(select(func.min(ContactMessage.id))).one()
        assert first_id is not None
        set_done(session, first_id, done=True, editor="redaktion", now=utc_now())
    # Back to before messages knew when they were read (d5e2a9c4b1f7).
    _migrate(engine, "downgrade", "c4d1f0a7e3b2")

    _migrate(engine, "upgrade", "head")

    with Session(engine) as session:
        rows = session.exec(select(ContactMessage).order_by(col(ContactMessage.id))).all()
        assert [(row.done, row.read_at) for row in rows] == [
            (True, rows[0].done_at),
            (False, None),
        ]
        assert rows[0].read_at is not None
        assert [row.answered_by for row in rows] == ["", ""]
    engine.dispose()


@pytest.mark.parametrize("rewritten", [False, True])
def test_contacts_get_their_role_and_only_the_default_intro_its_translation(
    tmp_path: Path, rewritten: bool
) -> None:
    engine = _filled_database(tmp_path / "intro.db")
    _migrate(engine, "downgrade", "d5e2a9c4b1f7")
    if rewritten:
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE page_intro SET body = 'Ein neuer Text.'"))

    _migrate(engine, "upgrade", "head")

    with Session(engine) as session:
        assert {row.role for row in session.exec(select(ContactPerson)).all()} == {
            ContactRole.partnership_office
        }
        intro = session.exec(select(PageIntro)).one()
        if rewritten:
            # A translation of the old text would be wrong: the English page shows the German.
            assert (intro.title_en, intro.heading_en, intro.body_en) == ("", "", "")
        else:
            assert intro.title_en == "Partner cities"
            assert intro.body_en.startswith("The idea of town twinning")
    engine.dispose()


def test_countries_become_codes_and_renamed_cities_keep_no_english_name(tmp_path: Path) -> None:
    engine = _filled_database(tmp_path / "countries.db")
    _migrate(engine, "downgrade", "e6b1c2d3f4a5")
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE partnership SET country = 'USA' WHERE slug = 'charlotte'")
        )
        # An editor's own name for the city: no English name is guessed for it.
        connection.execute(
            sa.text("UPDATE partnership SET name = 'Dunkerque' WHERE slug = 'duenkirchen'")
        )

    _migrate(engine, "upgrade", "head")

    with engine.connect() as connection:
        rows = dict(
            connection.execute(
                sa.text("SELECT slug, country_code || ' ' || name_en FROM partnership")
            ).all()
        )
    assert rows["venlo"] == "NL "
    assert rows["charlotte"] == "US "
    assert rows["kayseri"] == "TR "
    assert rows["uljanowsk"] == "RU Ulyanovsk"
    assert rows["duenkirchen"] == "FR "
    engine.dispose()


def test_a_country_name_nobody_knows_stops_the_upgrade_with_its_name(tmp_path: Path) -> None:
    engine = _filled_database(tmp_path / "atlantis.db")
    _migrate(engine, "downgrade", "e6b1c2d3f4a5")
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE partnership SET country = 'Atlantis' WHERE slug = 'venlo'")
        )

    with pytest.raises(RuntimeError, match="„Atlantis“"):
        _migrate(engine, "upgrade", "head")

    # Corrected, the upgrade goes through: the stopped one changed nothing.
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE partnership SET country = 'Niederlande' WHERE slug = 'venlo'")
        )
    _migrate(engine, "upgrade", "head")
    with engine.connect() as connection:
        venlo = connection.execute(
            sa.text("SELECT country_code FROM partnership WHERE slug = 'venlo'")
        ).scalar_one()
    assert venlo == "NL"
    engine.dispose()


def test_an_index_built_by_an_older_migration_is_renewed_once(tmp_path: Path) -> None:
    engine = _filled_database(tmp_path / "index.db")
    # Built again by e6b1c2d3f4a5, which knew the countries by their German names only.
    _migrate(engine, "downgrade", "e7a3c9d2f4b8")
    _migrate(engine, "upgrade", "a7d4e1f9c3b2")

    def found(text: str) -> list[str]:
        with Session(engine) as session:
            page = published_news_page(session, NewsFilter(text=text), today=TODAY)
        return [card.slug for card in page.cards]

    kanal = "kanalreinigungsfahrzeug-fuer-kropyvnytskyi"
    with engine.begin() as connection:
        assert search_index.contents_version(connection) == 1
    # Later migrations lay the rows out anew (SQLite by date, PostgreSQL with what a
    # search answers from): empty until renewed.
    _migrate(engine, "upgrade", "head", renew=False)
    assert found("Russland") == []
    with engine.begin() as connection:
        assert search_index.renew_if_outdated(connection)
    assert found("Russland") == [kanal]
    assert found("Russia") == [kanal]
    with engine.begin() as connection:
        assert search_index.contents_version(connection) == search_index.CONTENTS_VERSION
        assert not search_index.renew_if_outdated(connection)
    engine.dispose()
