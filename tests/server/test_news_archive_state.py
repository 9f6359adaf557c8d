"""The press archive's state on the server, played as one browser tab plays it.

A tab's events arrive in order: the page's on_load when it opens (or moves to a new
URL), a control's handler, the router's on_load for the URL that handler moved to (its
echo), ``refresh_live`` when an editor's change bumps the live revision. Each runs the
real handler on the tab's state tree; a lost tree (Redis restarted) is a new one.
"""

from datetime import date, timedelta

import pytest
import reflex as rx
from reflex.state import State
from sqlalchemy import Engine
from sqlmodel import Session

from partner_app import reflex_internals
from partner_app.in_place_navigation import SCRIPT_EVENT, navigation_target
from partner_app.server_render.public_pages import INDEX
from partner_app.services.clock import today_in_krefeld
from partner_app.services.live_followers import LocalFollowers
from partner_app.services.news_archive import PAGE_SIZE, NewsFilter, published_news_page
from partner_app.state import live_news, news_archive
from partner_app.state.live_news import LiveNewsState
from partner_app.state.news_archive import NewsArchiveState
from tests.server.conftest import browse_to, call, substate
from tests.support.own_loop import run_in_own_loop
from tests.unit.factories import add_news

CONNECTION = "websocket-1"
TAB = "tab-1"
# The default content's press items.
ALL_ITEMS = 5
VENLO_ITEM = "kultur-findet-stadt-deutsch-niederlaendisch"
LEICESTER_ITEM = "besuch-aus-leicester-kadetten-in-krefeld"
KROPYVNYTSKYI_ITEMS = [
    "kanalreinigungsfahrzeug-fuer-kropyvnytskyi",
    "spende-20000-euro-kropyvnytskyi",
]
CONTROL_KEYS = (
    "tabs_key",
    "city_select_key",
    "year_select_key",
    "topic_select_key",
    "search_field_key",
)
CULTURE_ITEMS = [
    "kultur-findet-stadt-deutsch-niederlaendisch",
    "museum-grenzenlos-duenkirchen-krefeld",
]


@pytest.fixture
def followers(monkeypatch: pytest.MonkeyPatch) -> LocalFollowers:
    """The live news' followers in this process, even on the production stack's Redis."""
    store = LocalFollowers()
    monkeypatch.setattr(live_news, "_followers", lambda: store)
    return store


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[NewsFilter]:
    """The filter of every archive query the state runs, in order."""
    seen: list[NewsFilter] = []
    read_page = news_archive.published_news_page

    def recorded(session: Session, news_filter: NewsFilter, **options: object) -> object:
        seen.append(news_filter)
        return read_page(session, news_filter, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(news_archive, "published_news_page", recorded)
    return seen


class Tab:
    """One browser tab on the archive page, with its state tree on the server."""

    def __init__(self, root: State, connection: str = CONNECTION) -> None:
        self.root = root
        self.connection = connection
        self.archive = substate(root, NewsArchiveState)

    def arrive(self, url: str) -> None:
        """The page's on_load at ``url``: a page load, a link, back/forward or an echo."""
        browse_to(self.root, url, connection=self.connection, token=TAB)
        for handler in INDEX.on_load:
            run_in_own_loop(reflex_internals.run_handler(self.root, handler))

    def choose(self, handler: str, value: str) -> str | None:
        """Use a filter control; the URL the page moves to (None: it stays)."""
        return moved_to(call(self.archive, handler, value))

    def editor_changed_news(self) -> None:
        """What an editor's change does to every following tab: bump, then its refresh."""
        substate(self.root, LiveNewsState).revision += 1
        call(self.archive, "refresh_live")

    def shown(self) -> list[str]:
        """The slugs of the cards on screen, in order."""
        return [card.slug for card in self.archive.cards]

    def control_keys(self) -> dict[str, int]:
        """The keys that re-create a filter control when they change."""
        return {name: getattr(self.archive, name) for name in CONTROL_KEYS}


def moved_to(result: object) -> str | None:
    """The URL the events a handler returned move the page to, in place."""
    if result is None:
        return None
    targets = [
        navigation_target(event.payload["javascript_code"])
        for event in rx.event.Event.from_event_type(result)  # type: ignore[arg-type]
        if event.name == SCRIPT_EVENT
    ]
    return next((target for target in targets if target), None)


def publish(engine: Engine, slug: str, *, cities: tuple[str, ...], published_on: date) -> None:
    """An editor publishes a news item (the live announcement is the test's to make)."""
    with Session(engine) as session:
        add_news(session, slug, published_on=published_on, cities=cities, topics=("kultur",))
        session.commit()


@pytest.fixture
def tab(root_state: State, followers: LocalFollowers) -> Tab:
    return Tab(root_state)


def test_a_page_load_shows_what_its_url_asks_for(
    tab: Tab, app_engine: Engine, followers: LocalFollowers
) -> None:
    tab.arrive("/?stadt=kropyvnytskyi&jahr=2024&thema=hilfe")
    archive = tab.archive
    assert (archive.city, archive.year, archive.topic, archive.query) == (
        "kropyvnytskyi",
        "2024",
        "hilfe",
        "",
    )
    assert tab.shown() == KROPYVNYTSKYI_ITEMS
    assert archive.total == 2
    assert archive.notices == []
    assert archive.selected_tab == "kropyvnytskyi"
    assert archive.year_options == ["2024"]
    # A page load joins the live news, so an editor's change will reach this tab.
    assert followers.tokens == {TAB}


def test_free_text_from_the_url_searches(tab: Tab, app_engine: Engine) -> None:
    tab.arrive("/?q=Museum")
    assert tab.archive.query == "Museum"
    assert tab.shown() == ["museum-grenzenlos-duenkirchen-krefeld"]


def test_what_the_url_asks_for_in_vain_is_dropped_with_a_notice(
    tab: Tab, app_engine: Engine
) -> None:
    tab.arrive("/?stadt=atlantis&jahr=19&thema=kultur")
    archive = tab.archive
    assert (archive.city, archive.year, archive.topic) == ("", "", "kultur")
    assert len(archive.notices) == 2
    assert any("atlantis" in notice for notice in archive.notices)
    assert tab.shown() == CULTURE_ITEMS


def test_the_echo_of_its_own_change_is_not_queried_again(
    tab: Tab, app_engine: Engine, queries: list[NewsFilter]
) -> None:
    tab.arrive("/")
    assert len(tab.shown()) == ALL_ITEMS
    keys = tab.control_keys()
    queries.clear()

    url = tab.choose("select_tab", "venlo")

    assert url == "/?stadt=venlo"
    assert queries == [NewsFilter(city="venlo")]
    assert tab.shown() == [VENLO_ITEM]
    # The tabs keep their own choice; the city select shows it by being re-created.
    assert tab.control_keys() == {**keys, "city_select_key": keys["city_select_key"] + 1}

    keys = tab.control_keys()
    tab.arrive(url)

    assert queries == [NewsFilter(city="venlo")]
    assert tab.shown() == [VENLO_ITEM]
    assert tab.control_keys() == keys


def test_an_overtaken_echo_does_not_bring_the_earlier_filter_back(
    tab: Tab, app_engine: Engine, queries: list[NewsFilter]
) -> None:
    tab.arrive("/")
    queries.clear()
    first = tab.choose("select_tab", "venlo")
    second = tab.choose("select_tab", "leicester")
    assert first == "/?stadt=venlo"
    assert second == "/?stadt=leicester"

    # The router answers the first move only after the second one.
    tab.arrive(first)
    assert tab.archive.city == "leicester"
    assert tab.shown() == [LEICESTER_ITEM]
    tab.arrive(second)
    assert tab.shown() == [LEICESTER_ITEM]
    assert queries == [NewsFilter(city="venlo"), NewsFilter(city="leicester")]


def test_going_back_shows_the_earlier_address_and_recreates_its_controls(
    tab: Tab, app_engine: Engine, queries: list[NewsFilter]
) -> None:
    tab.arrive("/")
    tab.arrive(tab.choose("select_year", "2024") or "")
    tab.arrive(tab.choose("select_tab", "venlo") or "")
    keys = tab.control_keys()
    queries.clear()

    tab.arrive("/?jahr=2024")  # back

    assert queries == [NewsFilter(year=2024)]
    assert (tab.archive.city, tab.archive.year) == ("", "2024")
    assert len(tab.shown()) == ALL_ITEMS
    # The change came from elsewhere: both city controls show it anew.
    assert tab.control_keys() == {
        **keys,
        "tabs_key": keys["tabs_key"] + 1,
        "city_select_key": keys["city_select_key"] + 1,
    }


def test_a_choice_that_changes_nothing_moves_nowhere(
    tab: Tab, app_engine: Engine, queries: list[NewsFilter]
) -> None:
    tab.arrive("/?stadt=venlo")
    queries.clear()
    assert tab.choose("select_city", "venlo") is None
    assert queries == []
    assert tab.shown() == [VENLO_ITEM]


def test_a_value_the_page_does_not_offer_is_dropped_like_one_in_the_url(
    tab: Tab, app_engine: Engine
) -> None:
    tab.arrive("/?stadt=venlo&jahr=2024&thema=nope")
    assert len(tab.archive.notices) == 1
    # The browser can send anything; an unknown city is dropped, silently this time.
    assert tab.choose("select_tab", "atlantis") == "/?jahr=2024"
    assert (tab.archive.city, tab.archive.notices) == ("", [])
    assert len(tab.shown()) == ALL_ITEMS


def test_the_overview_tab_clears_the_city(tab: Tab, app_engine: Engine) -> None:
    tab.arrive("/?stadt=venlo&thema=kultur")
    assert tab.choose("select_tab", "alle") == "/?thema=kultur"
    assert tab.archive.city == ""
    assert tab.shown() == CULTURE_ITEMS


def test_a_new_connection_reads_the_archive_again(
    tab: Tab, app_engine: Engine, root_state: State, followers: LocalFollowers
) -> None:
    tab.arrive("/?stadt=venlo")
    publish(app_engine, "neu-aus-venlo", cities=("venlo",), published_on=today_in_krefeld())

    # The same address on the same connection is what the tab already shows.
    tab.arrive("/?stadt=venlo")
    assert tab.shown() == [VENLO_ITEM]

    followers.tokens.clear()
    reloaded = Tab(root_state, connection="websocket-2")  # a reload: new socket, same tab
    reloaded.arrive("/?stadt=venlo")
    assert reloaded.shown() == ["neu-aus-venlo", VENLO_ITEM]
    assert followers.tokens == {TAB}


def test_an_editors_change_brings_the_new_cards_to_the_open_tab(
    tab: Tab, app_engine: Engine, queries: list[NewsFilter]
) -> None:
    tab.arrive("/?stadt=venlo")
    publish(app_engine, "neu-aus-venlo", cities=("venlo",), published_on=today_in_krefeld())
    publish(app_engine, "neu-aus-leicester", cities=("leicester",), published_on=today_in_krefeld())
    keys = tab.control_keys()

    # Without a new revision there is nothing to re-read.
    call(tab.archive, "refresh_live")
    assert tab.shown() == [VENLO_ITEM]

    tab.editor_changed_news()

    assert tab.shown() == ["neu-aus-venlo", VENLO_ITEM]
    assert tab.archive.total == 2
    assert tab.archive.city == "venlo"
    assert tab.control_keys() == keys
    queries.clear()
    call(tab.archive, "refresh_live")  # the same revision again
    assert queries == []


def test_a_live_refresh_keeps_as_many_cards_as_the_reader_loaded(
    tab: Tab, app_engine: Engine
) -> None:
    long_ago = date(2020, 1, 1)
    for day in range(PAGE_SIZE):
        publish(app_engine, f"alt-{day}", cities=("venlo",), published_on=long_ago + timedelta(day))
    tab.arrive("/")
    assert len(tab.shown()) == PAGE_SIZE
    call(tab.archive, "load_more")
    loaded = ALL_ITEMS + PAGE_SIZE
    assert len(tab.shown()) == loaded
    assert not tab.archive.has_more

    publish(app_engine, "neu", cities=("venlo",), published_on=today_in_krefeld())
    tab.editor_changed_news()

    assert len(tab.shown()) == loaded
    assert tab.shown()[0] == "neu"
    assert tab.archive.total == loaded + 1
    assert tab.archive.has_more


def test_live_news_of_another_year_offers_that_year(tab: Tab, app_engine: Engine) -> None:
    tab.arrive("/")
    assert tab.archive.year_options == ["2024"]
    publish(app_engine, "aus-2021", cities=("venlo",), published_on=date(2021, 5, 1))
    tab.editor_changed_news()
    assert tab.archive.year_options == ["2024", "2021"]


def test_a_filter_change_on_a_lost_state_reads_the_choices_again(
    tab: Tab, app_engine: Engine
) -> None:
    tab.arrive("/?stadt=venlo")
    # Redis restarted: the tab's next event finds a new state tree.
    lost = Tab(reflex_internals.new_state_tree())
    browse_to(lost.root, "/?stadt=venlo", connection=CONNECTION, token=TAB)

    assert lost.choose("select_tab", "kropyvnytskyi") == "/?stadt=kropyvnytskyi"
    assert lost.shown() == KROPYVNYTSKYI_ITEMS
    assert lost.choose("select_topic", "hilfe") == "/?stadt=kropyvnytskyi&thema=hilfe"
    assert lost.shown() == KROPYVNYTSKYI_ITEMS


def test_a_control_change_on_a_lost_state_keeps_the_other_filters_of_the_page(
    tab: Tab, app_engine: Engine
) -> None:
    tab.arrive("/?stadt=venlo&jahr=2024")
    lost = Tab(reflex_internals.new_state_tree())
    browse_to(lost.root, "/?stadt=venlo&jahr=2024", connection=CONNECTION, token=TAB)

    # The tab and the year select still show Venlo and 2024 (they are not re-created).
    assert lost.choose("select_topic", "kultur") == "/?stadt=venlo&jahr=2024&thema=kultur"
    assert lost.shown() == [VENLO_ITEM]


def test_the_next_address_on_a_lost_state_is_shown_like_a_page_load(
    tab: Tab, app_engine: Engine, followers: LocalFollowers
) -> None:
    tab.arrive("/")
    tab.choose("select_tab", "venlo")
    lost = Tab(reflex_internals.new_state_tree())
    followers.tokens.clear()  # the follower set lived in the same Redis

    lost.arrive("/?stadt=venlo")  # the echo of the change before the restart

    assert lost.archive.city == "venlo"
    assert lost.shown() == [VENLO_ITEM]
    assert lost.archive.year_options == ["2024"]
    assert followers.tokens == {TAB}
    # It follows the live news again from here on.
    publish(app_engine, "neu-aus-venlo", cities=("venlo",), published_on=today_in_krefeld())
    lost.editor_changed_news()
    assert lost.shown() == ["neu-aus-venlo", VENLO_ITEM]


def test_the_cards_are_the_archive_query_for_the_shown_filter(tab: Tab, app_engine: Engine) -> None:
    tab.arrive("/?thema=kultur&lang=en")
    with Session(app_engine) as session:
        expected = published_news_page(
            session, NewsFilter(topic="kultur"), today=today_in_krefeld(), lang="en"
        )
    assert tab.archive.lang == "en"
    assert tab.archive.cards == expected.cards
    assert tab.archive.result_summary == "2 news items found."


def test_every_option_counts_its_items_with_the_other_filters(tab: Tab, app_engine: Engine) -> None:
    tab.arrive("/?thema=kultur")
    archive = tab.archive
    # Cities and years keep the topic; the topics keep everything but themselves.
    assert archive.city_counts["venlo"] == "1"
    assert archive.city_counts["duenkirchen"] == "1"
    assert archive.city_counts["kropyvnytskyi"] == "0"
    assert set(archive.city_counts) == {
        "venlo",
        "leicester",
        "duenkirchen",
        "leiden",
        "charlotte",
        "oder-spree",
        "uljanowsk",
        "kayseri",
        "kropyvnytskyi",
    }
    assert archive.year_counts == {"2024": "2"}
    assert archive.topic_counts["kultur"] == "2"
    assert archive.topic_counts["hilfe"] == "2"
    assert archive.topic_counts["politik"] == "0"

    tab.choose("search", "kanal")
    assert archive.topic_counts["hilfe"] == "1"
    assert archive.city_counts["kropyvnytskyi"] == "0"


def test_a_typo_shows_what_is_near_and_offers_the_corrected_search(
    tab: Tab, app_engine: Engine
) -> None:
    tab.arrive("/?q=d%C3%BCnkirchn")
    archive = tab.archive
    assert tab.shown() == ["museum-grenzenlos-duenkirchen-krefeld"]
    assert archive.suggestion == "dünkirchen"
    assert archive.suggestion_href == "/?q=d%C3%BCnkirchen"
    assert archive.suggestion_link_text == "„dünkirchen“"

    # The link types the suggestion into the search field.
    url = tab.choose("search", archive.suggestion)

    assert url == "/?q=d%C3%BCnkirchen"
    assert archive.query == "dünkirchen"
    assert archive.suggestion == ""
    assert tab.shown() == ["museum-grenzenlos-duenkirchen-krefeld"]


def test_matched_words_are_marked_on_the_cards(tab: Tab, app_engine: Engine) -> None:
    tab.arrive("/?q=ukraine")
    assert sorted(tab.shown()) == KROPYVNYTSKYI_ITEMS
    for card in tab.archive.cards:
        assert [part.text for part in card.teaser_parts if part.marked] in (
            ["ukrainische"],
            ["ukrainische", "ukrainischen"],
        )


def test_the_result_count_is_written_as_the_language_writes_numbers(tab: Tab) -> None:
    tab.arrive("/")
    archive = tab.archive
    archive.total = 12345
    shown = len(archive.cards)
    assert archive.result_summary == f"12.345 Meldungen gefunden. {shown} von 12.345 angezeigt."
    tab.arrive("/?lang=en")
    archive = tab.archive
    archive.total = 12345
    assert archive.result_summary == f"12,345 news items found. {shown} of 12,345 shown."
