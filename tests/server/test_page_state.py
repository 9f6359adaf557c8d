"""The state a public page is rendered with: its own on_load, run for the request."""

import json
from typing import Any

import reflex as rx
from sqlalchemy import Engine
from sqlmodel import Session, select

from partner_app.models import NewsItem, NewsStatus
from partner_app.server_render.page_state import PageRequest, PageState, page_state
from partner_app.server_render.public_pages import INDEX, NEWS_DETAIL, PublicPage
from partner_app.services.clock import today_in_krefeld
from partner_app.services.news_archive import NewsFilter, published_news_page
from partner_app.state import live_news
from partner_app.state.language import LanguageState
from partner_app.state.news_archive import NewsArchiveState
from partner_app.state.news_detail import NewsDetailState
from tests.support.own_loop import run_in_own_loop

ORIGIN = "http://localhost:3000"


def _state(page: PublicPage, path: str, query: str = "", **params: str) -> PageState:
    request = PageRequest(path=path, query=query, origin=ORIGIN, params=params)
    result = run_in_own_loop(page_state(page, request))
    assert isinstance(result, PageState)
    return result


def _vars(result: PageState, state_class: type[rx.State]) -> dict[str, Any]:
    # Any: the values are whatever JSON the page state was sent as.
    fields = json.loads(result.json).get(state_class.get_full_name(), {})
    return {name.removesuffix("_rx_state_"): value for name, value in fields.items()}


def test_start_page_state_has_the_first_page_of_cards(app_engine: Engine) -> None:
    result = _state(INDEX, "/")
    archive = _vars(result, NewsArchiveState)
    with Session(app_engine) as session:
        expected = published_news_page(session, NewsFilter(), today=today_in_krefeld())
    assert [card["slug"] for card in archive["cards"]] == [c.slug for c in expected.cards]
    assert archive["total"] == expected.total
    assert result.lang == "de"
    assert result.missing is False


def test_filter_and_language_come_from_the_url(app_engine: Engine) -> None:
    result = _state(INDEX, "/", "stadt=venlo&lang=en")
    assert _vars(result, NewsArchiveState)["city"] == "venlo"
    assert _vars(result, LanguageState)["lang"] == "en"
    assert result.lang == "en"


def test_no_router_data_and_no_hydration_flag_go_into_the_page(app_engine: Engine) -> None:
    names = {name for fields in json.loads(_state(INDEX, "/").json).values() for name in fields}
    assert not any(name.startswith(("router", "rx_router_", "is_hydrated")) for name in names)


def test_a_server_render_joins_no_live_followers(app_engine: Engine) -> None:
    before = set(live_news._local_followers.tokens)
    _state(INDEX, "/")
    _state(NEWS_DETAIL, "/nachrichten/x", slug="x")
    assert live_news._local_followers.tokens == before


def test_detail_page_of_an_unpublished_item_is_missing(app_engine: Engine) -> None:
    with Session(app_engine) as session:
        item = session.exec(select(NewsItem).where(NewsItem.status == NewsStatus.published)).first()
        assert item is not None
        slug = item.slug
    shown = _state(NEWS_DETAIL, f"/nachrichten/{slug}", slug=slug)
    assert shown.missing is False
    assert _vars(shown, NewsDetailState)["loaded_slug"] == slug
    with Session(app_engine) as session:
        item = session.exec(select(NewsItem).where(NewsItem.slug == slug)).one()
        item.status = NewsStatus.draft
        session.add(item)
        session.commit()
    withdrawn = _state(NEWS_DETAIL, f"/nachrichten/{slug}", slug=slug)
    assert withdrawn.missing is True
    assert slug not in json.dumps(_vars(withdrawn, NewsDetailState).get("card"))
