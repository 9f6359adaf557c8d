"""Copies of unsaved forms: one per editor and form, replaced, discarded, forgotten."""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from partner_app.services.form_drafts import (
    DRAFT_KEPT,
    MAX_VALUE_LENGTH,
    discard_draft,
    draft_of,
    form_name,
    keep_draft,
)
from partner_app.services.retention import purge_expired_data

NOW = datetime(2026, 12, 2, 20, 0, tzinfo=UTC)


def test_the_form_names_say_which_record_or_a_new_one() -> None:
    assert form_name("news", 12) == "news:12"
    assert form_name("kontakt", None) == "kontakt:neu"


def test_a_copy_is_kept_replaced_and_read_back(session: Session) -> None:
    assert keep_draft(session, editor="anna", form="news:1", fields={"title": "A"}, now=NOW)
    later = NOW + timedelta(minutes=3)
    assert keep_draft(session, editor="anna", form="news:1", fields={"title": "AB"}, now=later)
    draft = draft_of(session, editor="anna", form="news:1")
    assert draft is not None
    assert draft.fields == {"title": "AB"}
    assert draft.saved_at == later


def test_editors_never_see_each_others_copies(session: Session) -> None:
    keep_draft(session, editor="anna", form="news:1", fields={"title": "Annas"}, now=NOW)
    assert draft_of(session, editor="bert", form="news:1") is None
    assert draft_of(session, editor="anna", form="news:2") is None


def test_a_copy_too_large_is_not_kept(session: Session) -> None:
    huge = {"body": "x" * (MAX_VALUE_LENGTH + 1)}
    assert not keep_draft(session, editor="anna", form="news:1", fields=huge, now=NOW)
    assert draft_of(session, editor="anna", form="news:1") is None


def test_discarding_forgets_the_named_forms(session: Session) -> None:
    for form in ("news:neu", "news:7", "news:8"):
        keep_draft(session, editor="anna", form=form, fields={"title": form}, now=NOW)
    discard_draft(session, editor="anna", forms=("news:neu", "news:7"))
    assert draft_of(session, editor="anna", form="news:neu") is None
    assert draft_of(session, editor="anna", form="news:7") is None
    assert draft_of(session, editor="anna", form="news:8") is not None


def test_the_daily_cleanup_forgets_copies_after_a_month(session: Session) -> None:
    keep_draft(session, editor="anna", form="news:1", fields={"title": "alt"}, now=NOW)
    keep_draft(session, editor="anna", form="news:2", fields={"title": "neu"}, now=NOW + DRAFT_KEPT)
    summary = purge_expired_data(session, NOW + DRAFT_KEPT + timedelta(seconds=1))
    assert summary.form_drafts == 1
    assert draft_of(session, editor="anna", form="news:1") is None
    assert draft_of(session, editor="anna", form="news:2") is not None
