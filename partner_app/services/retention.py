"""Deleting what the privacy notice says the app keeps only for a while.

The periods (``content/datenschutz*.md`` states them):

* login attempts, which hold the client's address: one day (``login_throttle``);
* a message's sender key (an HMAC of the sender's network): one day, then wiped;
  a message marked done: deleted 90 days later (``contact_messages``);
* a copy of an unsaved form (``form_drafts``): deleted 30 days after it was last written;
* an editor's session (hash of its token, account, times; no address): deleted 30 days
  after it ended, by logout or by expiry. The month lets an operator still see which
  accounts were signed in when, should a password turn out to have been stolen;
* an uploaded image no row and no form copy uses (never saved, replaced, or its record
  deleted): its files one day after the upload (``unused_uploads``).

``maintenance.py`` runs :func:`purge_expired_data` at every start and then daily, so
nothing outlives its period when nobody logs in or writes; logins, messages and the
inbox also purge what they touch.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, delete, or_

from partner_app.models import EditorSession
from partner_app.services import contact_messages, form_drafts, login_throttle, unused_uploads
from partner_app.services.editor_sessions import IDLE_TIMEOUT

ENDED_SESSION_KEPT = timedelta(days=30)


@dataclass(frozen=True)
class PurgeSummary:
    """How many rows (and upload files) one purge deleted or wiped."""

    login_attempts: int
    sender_keys: int
    messages: int
    editor_sessions: int
    form_drafts: int = 0
    upload_files: int = 0


def purge_expired_data(
    session: Session, now: datetime, upload_dir: Path | None = None
) -> PurgeSummary:
    """Delete (or wipe) everything past its period, and commit.

    With ``upload_dir``, also the upload files nothing uses, after the rows: a form copy
    deleted here no longer keeps its image.
    """
    login_attempts = login_throttle.forget_old_attempts(session, now)
    purged_messages = contact_messages.purge_expired(session, now)
    editor_sessions = _forget_ended_sessions(session, now)
    drafts = form_drafts.forget_old_drafts(session, now)
    session.commit()
    upload_files = (
        unused_uploads.forget_unused_uploads(session, upload_dir, now)
        if upload_dir is not None
        else 0
    )
    return PurgeSummary(
        login_attempts=login_attempts,
        sender_keys=purged_messages.sender_keys,
        messages=purged_messages.messages,
        editor_sessions=editor_sessions,
        form_drafts=drafts,
        upload_files=upload_files,
    )


def _forget_ended_sessions(session: Session, now: datetime) -> int:
    cutoff = now - ENDED_SESSION_KEPT
    # A session ends at logout, at its absolute expiry, or after IDLE_TIMEOUT without activity.
    result = session.exec(
        delete(EditorSession).where(
            or_(
                col(EditorSession.ended_at) < cutoff,
                col(EditorSession.expires_at) < cutoff,
                col(EditorSession.last_seen_at) < cutoff - IDLE_TIMEOUT,
            )
        )
    )
    return result.rowcount
