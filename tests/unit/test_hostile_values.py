"""Values no person types (a NUL byte, say) find nothing and break nothing, on both stacks.

PostgreSQL refuses a NUL in text with an error where SQLite simply finds nothing: each
entry point that takes a value from an address or a form must cope before it asks.
"""

from pathlib import Path

import pytest
from sqlmodel import Session, select

from partner_app.models import ContactMessage, utc_now
from partner_app.services import open_data
from partner_app.services.contact_messages import MessageInput, submit_message
from partner_app.services.editor_sessions import log_in
from partner_app.services.news_archive import NewsFilter, published_news_page
from partner_app.services.news_detail import published_news_detail
from partner_app.services.news_feeds import UnknownCityError, feed_city
from partner_app.services.page_meta import public_page_meta
from tests.unit.conftest import TODAY

HOSTILE = ["\x00", "venlo\x00", "../venlo", "VENLO", "x" * 500]


@pytest.mark.parametrize("value", HOSTILE)
def test_addresses_with_hostile_slugs_find_nothing(seeded_session: Session, value: str) -> None:
    assert published_news_detail(seeded_session, value, today=TODAY) is None
    assert open_data.news_item(seeded_session, value, today=TODAY, origin="") is None
    assert open_data.partnership(seeded_session, value, origin="") is None
    with pytest.raises(UnknownCityError):
        feed_city(seeded_session, value)
    meta = public_page_meta(
        seeded_session, "/", value, origin="https://x.example", lang="de", upload_dir=Path()
    )
    assert meta.canonical_url == "https://x.example/"


def test_a_login_with_a_nul_byte_fails_like_any_wrong_login(seeded_session: Session) -> None:
    result = log_in(
        seeded_session, "red\x00aktion", "pass\x00wort", client="192.0.2.1", now=utc_now()
    )
    assert result.token is None


def test_a_message_loses_only_the_invisible_characters(seeded_session: Session) -> None:
    submit_message(
        seeded_session,
        MessageInput(
            name="An\x00na", email="anna@example.org", text="Hallo\x00\x1b Welt", consent=True
        ),
        client_address="192.0.2.1",
        now=utc_now(),
    )
    stored = seeded_session.exec(select(ContactMessage)).one()
    assert (stored.name, stored.text) == ("Anna", "Hallo Welt")


@pytest.mark.parametrize("query", ["\x00", "venlo\x00", "ven\x00lo", "%_\\"])
def test_a_search_with_hostile_characters_answers(seeded_session: Session, query: str) -> None:
    found = published_news_page(seeded_session, NewsFilter(text=query), today=TODAY)
    assert found.total >= 0
