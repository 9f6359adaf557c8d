"""Feeds and sitemap answer a repeated request with 304, and never a changed one."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select, update
from starlette.testclient import TestClient

from partner_app import http_caching
from partner_app.http_endpoints import http_endpoints
from partner_app.models import AuditEntry, NewsItem, NewsStatus, Partnership
from partner_app.services.news_admin import delete_news, set_news_status

ADDRESSES = [
    "/feeds/nachrichten.rss",
    "/feeds/nachrichten.atom",
    "/feeds/nachrichten.rss?stadt=venlo",
    "/sitemap.xml",
]
SLUG = "spende-20000-euro-kropyvnytskyi"


@pytest.fixture
def client(app_engine: Engine) -> Iterator[TestClient]:
    with TestClient(http_endpoints(), base_url="http://testserver") as test_client:
        yield test_client


def settle(engine: Engine) -> None:
    """Every change an hour old, as on a site nobody edited for a while."""
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    with Session(engine) as session:
        session.exec(update(NewsItem).values(updated_at=an_hour_ago))
        session.exec(update(Partnership).values(updated_at=an_hour_ago))
        session.exec(update(AuditEntry).values(at=an_hour_ago))
        session.commit()


def news_id(engine: Engine, slug: str) -> int:
    with Session(engine) as session:
        found = session.exec(select(NewsItem.id).where(col(NewsItem.slug) == slug)).one()
    assert found is not None
    return found


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_repeated_request_gets_304_without_a_body(
    client: TestClient, app_engine: Engine, address: str
) -> None:
    settle(app_engine)
    first = client.get(address)
    assert first.status_code == 200
    assert first.headers["cache-control"] == "no-cache"
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('W/"')

    by_etag = client.get(address, headers={"If-None-Match": etag})
    by_date = client.get(address, headers={"If-Modified-Since": last_modified})
    by_both = client.get(
        address, headers={"If-None-Match": f'"other", {etag}', "If-Modified-Since": last_modified}
    )

    for answer in (by_etag, by_date, by_both):
        assert answer.status_code == 304
        assert answer.content == b""
        assert answer.headers["etag"] == etag
    # A compressed answer is the same document: the weak ETag still matches.
    gzipped = client.get(address, headers={"If-None-Match": etag, "Accept-Encoding": "gzip"})
    assert gzipped.status_code == 304


@pytest.mark.parametrize("address", ADDRESSES)
def test_an_older_copy_gets_the_whole_document(
    client: TestClient, app_engine: Engine, address: str
) -> None:
    settle(app_engine)
    first = client.get(address)
    day_before = datetime.now(UTC) - timedelta(days=1)

    for headers in (
        {"If-None-Match": '"something-else"'},
        {"If-Modified-Since": http_caching.http_date(day_before)},
        # If-None-Match decides when both are sent (RFC 9110 13.2.2).
        {"If-None-Match": '"something-else"', "If-Modified-Since": first.headers["last-modified"]},
        {"If-Modified-Since": "kein Datum"},
    ):
        answer = client.get(address, headers=headers)
        assert answer.status_code == 200, headers
        assert answer.content == first.content


@pytest.mark.parametrize("change", ["withdraw", "delete"])
@pytest.mark.parametrize(
    "address", ["/feeds/nachrichten.rss", "/feeds/nachrichten.atom", "/sitemap.xml"]
)
def test_a_withdrawn_or_deleted_item_changes_the_answer_at_once(
    client: TestClient, app_engine: Engine, change: str, address: str
) -> None:
    settle(app_engine)
    before = client.get(address)
    assert SLUG in before.text
    with Session(app_engine) as session:
        if change == "withdraw":
            set_news_status(session, news_id(app_engine, SLUG), NewsStatus.draft, editor="anna")
        else:
            delete_news(session, news_id(app_engine, SLUG), editor="anna")

    after = client.get(
        address,
        headers={
            "If-None-Match": before.headers["etag"],
            "If-Modified-Since": before.headers["last-modified"],
        },
    )
    by_date_alone = client.get(
        address, headers={"If-Modified-Since": before.headers["last-modified"]}
    )

    for answer in (after, by_date_alone):
        assert answer.status_code == 200
        assert SLUG not in answer.text
    assert after.headers["etag"] != before.headers["etag"]


def test_last_modified_waits_until_the_newest_change_has_settled(
    client: TestClient, app_engine: Engine
) -> None:
    settle(app_engine)
    settled = client.get("/feeds/nachrichten.rss")
    with Session(app_engine) as session:
        set_news_status(session, news_id(app_engine, SLUG), NewsStatus.draft, editor="anna")

    fresh = client.get("/feeds/nachrichten.rss")
    by_old_date = client.get(
        "/feeds/nachrichten.rss", headers={"If-Modified-Since": settled.headers["last-modified"]}
    )

    # Another change within the same second would not move an HTTP date: only the ETag.
    assert "last-modified" not in fresh.headers
    assert fresh.headers["etag"] != settled.headers["etag"]
    assert by_old_date.status_code == 200
    repeated = client.get(
        "/feeds/nachrichten.rss", headers={"If-None-Match": fresh.headers["etag"]}
    )
    assert repeated.status_code == 304


def test_a_head_request_has_the_validators_and_no_body(
    client: TestClient, app_engine: Engine
) -> None:
    settle(app_engine)
    get = client.get("/feeds/nachrichten.atom")
    head = client.head("/feeds/nachrichten.atom")

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
