"""Conditional GET for generated documents (feeds, sitemap): ETag, Last-Modified, 304.

Feed readers ask every few minutes. Each answer carries a weak ``ETag`` (a hash of the
document, so any change to what it says changes it: a withdrawn item, a renamed city) and
``Last-Modified`` (the newest change to the news and partnerships, deletions and
withdrawals included, see ``news_feeds.newest_change``). A request whose
``If-None-Match`` names the current ETag, or (without ``If-None-Match``, as RFC 9110
13.2.2 orders) whose ``If-Modified-Since`` is not older than that change, gets 304
without a body. The document is built for every request, so a changed database is never
answered with 304; ``Cache-Control: no-cache`` makes caches on the way ask again too.

HTTP dates count whole seconds, and a save stamps its rows a moment before it commits:
a second change within the same second as the newest one (or one committing a little
after its stamp) would leave ``Last-Modified`` unchanged, and a client asking with
``If-Modified-Since`` alone would get 304 for a changed feed. So ``Last-Modified`` is
sent (and ``If-Modified-Since`` honoured) only once the newest change is
:data:`SETTLED` old; until then the ETag alone validates.

The ETag is weak: the same document is sent gzip-compressed or not.
"""

import hashlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import Response

CACHE_CONTROL = "no-cache"
# Longer than a save takes from stamping its rows to its commit.
SETTLED = timedelta(seconds=10)


def entity_tag(body: bytes) -> str:
    """The weak ETag of ``body``."""
    return f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'


def http_date(moment: datetime) -> str:
    """``moment`` as an HTTP date (``Sun, 06 Nov 1994 08:49:37 GMT``)."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def is_unchanged(request: Request, etag: str, last_modified: datetime | None) -> bool:
    """Whether the client's copy is current (its conditional headers match).

    ``last_modified`` None: not settled yet, ``If-Modified-Since`` cannot tell.
    """
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag.removeprefix("W/") in tags
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since is None or last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        # RFC 9110 dates are GMT; an obsolete form without a zone means GMT as well.
        since = since.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= since


def conditional_response(
    request: Request,
    body: bytes,
    last_modified: datetime,
    media_type: str,
    now: datetime | None = None,
) -> Response:
    """``body`` with its validators, or 304 without it when the client's copy is current.

    ``now`` is taken before the document was read from the database (default: now).
    """
    etag = entity_tag(body)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    settled = last_modified <= (now or datetime.now(UTC)) - SETTLED
    if settled:
        headers["Last-Modified"] = http_date(last_modified)
    if is_unchanged(request, etag, last_modified if settled else None):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)
