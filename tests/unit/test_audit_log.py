"""The audit page speaks German whatever the stored codes are."""

from sqlmodel import Session

from partner_app.models import AuditAction, AuditEntity
from partner_app.services.audit_log import recent_entries, record


def test_entries_show_german_words_for_the_stored_codes(session: Session) -> None:
    record(
        session,
        editor="anna",
        action=AuditAction.unpublished,
        entity_type=AuditEntity.news,
        entity_id=1,
        label="Schüleraustausch",
        changes={"status": ["published", "draft"]},
    )
    record(
        session,
        editor="ben",
        action=AuditAction.reopened,
        entity_type=AuditEntity.message,
        entity_id=2,
        label="Nachricht Nr. 2",
        changes={"done": [True, False]},
    )
    session.commit()
    rows = {row.editor: row for row in recent_entries(session)}
    assert (rows["anna"].action, rows["anna"].entity) == (
        "zurückgezogen",
        "Meldung „Schüleraustausch“",
    )
    assert (rows["ben"].action, rows["ben"].entity) == (
        "wieder geöffnet",
        "Nachricht „Nachricht Nr. 2“",
    )
    assert rows["anna"].details == "status"
