"""The app's own clean-up: expired data is deleted at every start and then once a day.

Each backend worker runs it as a lifespan task (registered in ``partner_app.py``); several
workers deleting the same rows (or upload files) is harmless. What goes when is in
``services/retention.py``. The database and file work runs in a thread, never on the
event loop, so visitors' events go on while it deletes. A failed run (the database away,
say) is logged and tried again after an hour.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path

import reflex as rx
from sqlmodel import Session

from partner_app import settings
from partner_app.models import utc_now
from partner_app.services.retention import PurgeSummary, purge_expired_data

logger = logging.getLogger(__name__)

PURGE_INTERVAL = timedelta(days=1)
RETRY_INTERVAL = timedelta(hours=1)


def purge_now(
    open_session: Callable[[], Session] = rx.session,
    clock: Callable[[], datetime] = utc_now,
    upload_dir: Callable[[], Path] = rx.get_upload_dir,
) -> PurgeSummary:
    """Delete what is past its period now, uploads nothing uses too (blocking: in a thread)."""
    with open_session() as session:
        return purge_expired_data(session, clock(), upload_dir())


async def purge_periodically(
    *,
    purge: Callable[[], PurgeSummary] | None = None,
    wait: Callable[[float], Awaitable[object]] = asyncio.sleep,
    interval: timedelta = PURGE_INTERVAL,
    retry: timedelta = RETRY_INTERVAL,
) -> None:
    """Purge at once, then after every ``interval`` (``retry`` after a failure); never ends."""
    while True:
        try:
            summary = await asyncio.to_thread(purge or purge_now)
        except Exception:
            logger.exception("Das Löschen abgelaufener Daten ist fehlgeschlagen.")
            pause = retry
        else:
            logger.info(
                "Abgelaufene Daten gelöscht: %d Anmeldeversuche, %d Absenderschlüssel, "
                "%d Nachrichten, %d Sitzungen, %d Formularkopien, %d ungenutzte Bilddateien.",
                summary.login_attempts,
                summary.sender_keys,
                summary.messages,
                summary.editor_sessions,
                summary.form_drafts,
                summary.upload_files,
            )
            pause = interval
        await wait(pause.total_seconds())


@contextlib.asynccontextmanager
async def maintenance_lifespan() -> AsyncIterator[None]:
    """Check the secret key, then purge daily for as long as the worker runs."""
    # A key that cannot be used stops the start with its message, not the first message sent.
    await asyncio.to_thread(settings.secret_key)
    task = asyncio.create_task(purge_periodically(), name="partner-app-retention")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
