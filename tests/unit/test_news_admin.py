"""Editing news in the admin: validation, slugs, versions, audit log."""

import dataclasses
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from partner_app.models import AuditAction, AuditEntry, NewsItem, NewsStatus
from partner_app.services.edit_conflicts import EditConflictError, RecordGoneError
from partner_app.services.form_validation import ValidationError
from partner_app.services.news_admin import (
    NewsForm,
    changes_public_news,
    delete_news,
    news_admin_list,
    news_form,
    save_news,
    set_news_status,
)
from partner_app.services.news_archive import NewsFilter, published_news_page
from tests.database import postgres_server_url
from tests.unit.conftest import TODAY


def valid_form(**changes: object) -> NewsForm:
    form = NewsForm(
        title="Schüleraustausch mit Venlo",
        teaser="Zwanzig Jugendliche besuchen die Partnerstadt.",
        body="Ein **schöner** Besuch.",
        published_on=TODAY.isoformat(),
        status="published",
        cities=["venlo"],
        topics=["jugend"],
    )
    return dataclasses.replace(form, **changes)


def audit_actions(session: Session) -> list[str]:
    return [
        entry.action
        for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
    ]


def stored_news(session: Session, news_id: int) -> NewsItem:
    news = session.get(NewsItem, news_id)
    assert news is not None, f"news item {news_id} is not in the database"
    return news


def audit_entry(session: Session, *, newest: bool = False) -> AuditEntry:
    order = col(AuditEntry.id).desc() if newest else col(AuditEntry.id)
    entry = session.exec(select(AuditEntry).order_by(order)).first()
    assert entry is not None, "the audit log is empty"
    return entry


def test_create_generates_a_unique_slug_and_logs_it(seeded_session: Session) -> None:
    first = save_news(seeded_session, valid_form(), editor="anna", today=TODAY)
    second = save_news(seeded_session, valid_form(), editor="anna", today=TODAY)
    slugs = [stored_news(seeded_session, news_id).slug for news_id in (first, second)]
    assert slugs == ["schueleraustausch-mit-venlo", "schueleraustausch-mit-venlo-2"]
    entry = audit_entry(seeded_session)
    assert (entry.editor_username, entry.action, entry.entity_label) == (
        "anna",
        AuditAction.created,
        "Schüleraustausch mit Venlo",
    )
    assert entry.changes["title"] == [None, "Schüleraustausch mit Venlo"]


def test_created_item_is_public_and_searchable(seeded_session: Session) -> None:
    save_news(seeded_session, valid_form(), editor="anna", today=TODAY)
    page = published_news_page(
        seeded_session, NewsFilter(city="venlo", text="SCHULERAUSTAUSCH"), today=TODAY
    )
    assert [card.title for card in page.cards] == ["Schüleraustausch mit Venlo"]


def test_scheduled_item_stays_hidden_until_its_day(seeded_session: Session) -> None:
    tomorrow = TODAY + timedelta(days=1)
    news_id = save_news(
        seeded_session, valid_form(published_on=tomorrow.isoformat()), editor="a", today=TODAY
    )
    assert (
        published_news_page(seeded_session, NewsFilter(text="schuleraustausch"), today=TODAY).total
        == 0
    )
    assert (
        published_news_page(
            seeded_session, NewsFilter(text="schuleraustausch"), today=tomorrow
        ).total
        == 1
    )
    (row,) = [row for row in news_admin_list(seeded_session, today=TODAY) if row.id == news_id]
    assert row.is_scheduled


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Bitte füllen Sie dieses Feld aus."),
        ({"title": "x" * 201}, "title", "Höchstens 200 Zeichen"),
        ({"teaser": ""}, "teaser", "Bitte füllen"),
        ({"published_on": "31.02.2024"}, "published_on", "Datum"),
        ({"published_on": "1850-01-01"}, "published_on", "zwischen"),
        ({"published_on": "2099-01-01"}, "published_on", "zwischen"),
        ({"cities": ["atlantis"]}, "cities", "angebotene"),
        ({"status": "geheim"}, "status", "angebotenen"),
        ({"image_path": "uploads/bild.webp"}, "image_alt", "Bitte füllen"),
        (
            {"image_path": "uploads/bild.webp", "image_alt": "Ein Bild"},
            "image_credit",
            "Bitte füllen",
        ),
    ],
)
def test_invalid_input_is_refused_per_field(
    seeded_session: Session, changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_news(seeded_session, valid_form(**changes), editor="a", today=TODAY)
    assert message in refused.value.errors[field]
    assert seeded_session.exec(select(AuditEntry)).all() == []


def test_update_with_current_version_saves_and_bumps_the_version(seeded_session: Session) -> None:
    news_id = save_news(seeded_session, valid_form(), editor="anna", today=TODAY)
    form, opened = news_form(seeded_session, news_id)
    form.title = "Neuer Titel"
    save_news(
        seeded_session,
        form,
        editor="ben",
        today=TODAY,
        news_id=news_id,
        opened=opened,
    )
    news = stored_news(seeded_session, news_id)
    assert (news.title, news.version) == ("Neuer Titel", opened.version + 1)
    assert news.slug == "schueleraustausch-mit-venlo"  # links stay valid
    last = audit_entry(seeded_session, newest=True)
    assert (last.editor_username, last.action) == ("ben", AuditAction.changed)
    assert last.changes == {"title": ["Schüleraustausch mit Venlo", "Neuer Titel"]}


def test_saving_over_a_newer_version_is_refused_and_says_what_changed(
    seeded_session: Session,
) -> None:
    news_id = save_news(seeded_session, valid_form(), editor="anna", today=TODAY)
    base, opened = news_form(seeded_session, news_id)
    theirs = dataclasses.replace(base, teaser="Von Ben geändert.")
    save_news(
        seeded_session,
        theirs,
        editor="ben",
        today=TODAY,
        news_id=news_id,
        opened=opened,
    )

    mine = dataclasses.replace(base, title="Von Anna geändert")
    with pytest.raises(EditConflictError) as conflict:
        save_news(
            seeded_session,
            mine,
            editor="anna",
            today=TODAY,
            news_id=news_id,
            opened=opened,
        )
    assert conflict.value.changes == {"Kurztext": "Von Ben geändert."}
    news = stored_news(seeded_session, news_id)
    assert (news.title, news.teaser) == ("Schüleraustausch mit Venlo", "Von Ben geändert.")


def test_publish_unpublish_and_delete_are_logged(seeded_session: Session) -> None:
    news_id = save_news(seeded_session, valid_form(status="draft"), editor="anna", today=TODAY)
    set_news_status(seeded_session, news_id, NewsStatus.published, editor="anna")
    assert (
        published_news_page(seeded_session, NewsFilter(text="schuleraustausch"), today=TODAY).total
        == 1
    )
    set_news_status(seeded_session, news_id, NewsStatus.draft, editor="ben")
    assert (
        published_news_page(seeded_session, NewsFilter(text="schuleraustausch"), today=TODAY).total
        == 0
    )
    delete_news(seeded_session, news_id, editor="ben")
    assert seeded_session.get(NewsItem, news_id) is None
    assert audit_actions(seeded_session) == [
        AuditAction.created,
        AuditAction.published,
        AuditAction.unpublished,
        AuditAction.deleted,
    ]
    with pytest.raises(RecordGoneError):
        delete_news(seeded_session, news_id, editor="ben")


def test_admin_list_searches_and_filters_by_status(seeded_session: Session) -> None:
    save_news(seeded_session, valid_form(status="draft"), editor="a", today=TODAY)
    drafts = news_admin_list(seeded_session, status="draft", today=TODAY)
    assert [row.title for row in drafts] == ["Schüleraustausch mit Venlo"]
    assert len(news_admin_list(seeded_session, today=TODAY)) == 6
    found = news_admin_list(seeded_session, text="dunkirchen", today=TODAY)
    assert [row.title for row in found] == ["Kunstmuseen Krefeld zeigen Werke aus Dünkirchen"]
    assert news_admin_list(seeded_session, status="unsinn", today=TODAY) == news_admin_list(
        seeded_session, today=TODAY
    )


def test_old_dates_of_existing_items_stay_editable(seeded_session: Session) -> None:
    row = news_admin_list(seeded_session, text="spende", today=TODAY)[0]
    form, opened = news_form(seeded_session, row.id)
    save_news(
        seeded_session,
        form,
        editor="a",
        today=TODAY,
        news_id=row.id,
        opened=opened,
    )


def test_a_newer_version_that_changed_nothing_shown_does_not_block(seeded_session: Session) -> None:
    news_id = save_news(seeded_session, valid_form(), editor="anna", today=TODAY)
    base, opened = news_form(seeded_session, news_id)
    save_news(
        seeded_session,
        base,
        editor="ben",
        today=TODAY,
        news_id=news_id,
        opened=opened,
    )
    mine = dataclasses.replace(base, title="Annas Titel")
    save_news(
        seeded_session,
        mine,
        editor="anna",
        today=TODAY,
        news_id=news_id,
        opened=opened,
    )
    assert stored_news(seeded_session, news_id).title == "Annas Titel"


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/x.png",
        "https://evil.example/x.png",
        "javascript:alert(1)",
        "_upload/news/../../etc/passwd",
        "_upload/news/abc-card.webp",
        "placeholders/../../rxconfig.py",
    ],
)
def test_image_paths_must_be_uploads_or_placeholders(seeded_session: Session, path: str) -> None:
    form = valid_form(image_path=path, image_alt="Alt", image_credit="Nachweis")
    with pytest.raises(ValidationError) as refused:
        save_news(seeded_session, form, editor="a", today=TODAY)
    assert "andere Bildadressen sind nicht erlaubt" in refused.value.errors["image_path"]


def test_uploaded_and_placeholder_paths_are_accepted(seeded_session: Session) -> None:
    for path in (
        "_upload/news/" + "a1" * 12 + "-card.webp",
        "placeholders/kultur-findet-stadt.svg",
    ):
        form = valid_form(image_path=path, image_alt="Alt", image_credit="Nachweis")
        news_id = save_news(seeded_session, form, editor="a", today=TODAY)
        assert stored_news(seeded_session, news_id).image_path == path


@pytest.mark.skipif(not postgres_server_url(), reason="row locks need the PostgreSQL test server")
def test_concurrent_saves_cannot_both_pass_the_version_check(
    engine: Engine, seeded_session: Session
) -> None:
    # Two workers save the same version at once: the second waits for the first's row lock,
    # then sees the newer version and reports a conflict instead of overwriting it.
    news_id = save_news(seeded_session, valid_form(), editor="anna", today=TODAY)
    base, opened = news_form(seeded_session, news_id)
    outcome: list[str] = []

    def other_worker_saves() -> None:
        with Session(engine) as session:
            try:
                save_news(
                    session,
                    dataclasses.replace(base, teaser="Von Ben."),
                    editor="ben",
                    today=TODAY,
                    news_id=news_id,
                    opened=opened,
                )
                outcome.append("gespeichert")
            except EditConflictError:
                outcome.append("Konflikt")

    with Session(engine) as first_worker:
        news = first_worker.get(NewsItem, news_id, with_for_update=True)
        assert news is not None
        other = threading.Thread(target=other_worker_saves)
        other.start()
        _wait_until_a_query_waits_for_a_lock(engine)
        news.title = "Von Anna."
        news.version += 1
        first_worker.commit()
    other.join(timeout=30)

    assert outcome == ["Konflikt"]
    with Session(engine) as session:
        saved = session.get(NewsItem, news_id)
        assert saved is not None
        assert (saved.title, saved.teaser) == ("Von Anna.", base.teaser)


def _wait_until_a_query_waits_for_a_lock(engine: Engine, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar_one()
            if waiting:
                return
            connection.rollback()
    pytest.fail("the second save never waited for the row lock")


@pytest.mark.parametrize(
    ("before", "after", "public"),
    [
        (None, "draft", False),
        ("draft", "draft", False),
        ("draft", None, False),
        (None, "published", True),
        ("draft", "published", True),
        ("published", "draft", True),
        ("published", "published", True),
        ("published", None, True),
    ],
)
def test_only_changes_of_published_news_are_public(
    before: str | None, after: str | None, public: bool
) -> None:
    assert changes_public_news(before, after) is public
