"""Copies of what an editor typed into a form, kept until it is saved or discarded.

The browser sends the form's values a moment after the editor stops typing; when the
form opens again (after a crash, a closed tab, an expired session) the editor is offered
the copy. One copy per editor and form, so two editors never see each other's typing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from partner_app.models import FormDraft

# Far above any real form (the news body holds 20,000 characters); a larger copy is not kept.
MAX_FIELDS = 100
MAX_VALUE_LENGTH = 50_000
# A copy not written for a month is forgotten.
DRAFT_KEPT = timedelta(days=30)


@dataclass(frozen=True)
class Draft:
    """The values of a kept copy and when they were last sent."""

    fields: dict[str, str]
    saved_at: datetime


def form_name(kind: str, record_id: int | None) -> str:
    """The name a form's copies are kept under: ``news:12``, ``kontakt:neu``."""
    return f"{kind}:{record_id}" if record_id else f"{kind}:neu"


def keep_draft(
    session: Session, *, editor: str, form: str, fields: dict[str, str], now: datetime
) -> bool:
    """Keep (or replace) ``editor``'s copy of ``form``; False when it is too large to keep."""
    if len(fields) > MAX_FIELDS or any(
        not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH for value in fields.values()
    ):
        return False
    values = {str(name)[:100]: value for name, value in fields.items()}
    draft = _find(session, editor, form)
    if draft is None:
        draft = FormDraft(editor=editor, form=form[:80], fields=values, saved_at=now)
    else:
        draft.fields, draft.saved_at = values, now
    session.add(draft)
    session.commit()
    return True


def draft_of(session: Session, *, editor: str, form: str) -> Draft | None:
    """``editor``'s kept copy of ``form``, if any."""
    draft = _find(session, editor, form)
    return None if draft is None else Draft(fields=dict(draft.fields), saved_at=draft.saved_at)


def discard_draft(session: Session, *, editor: str, forms: tuple[str, ...]) -> None:
    """Forget ``editor``'s copies of ``forms`` (after a save, or when the editor says so)."""
    session.exec(
        delete(FormDraft).where(col(FormDraft.editor) == editor, col(FormDraft.form).in_(forms))
    )
    session.commit()


def forget_old_drafts(session: Session, now: datetime) -> int:
    """Delete copies not written for :data:`DRAFT_KEPT` (the caller commits)."""
    result = session.exec(delete(FormDraft).where(col(FormDraft.saved_at) < now - DRAFT_KEPT))
    return result.rowcount


def _find(session: Session, editor: str, form: str) -> FormDraft | None:
    return session.exec(
        select(FormDraft).where(col(FormDraft.editor) == editor, col(FormDraft.form) == form)
    ).first()
