"""History entries, URL echoes and control re-creation of filter changes."""

from partner_app.services.filter_navigation import (
    CITY_SELECT,
    ELSEWHERE,
    MAX_PENDING_ECHOES,
    SEARCH_FIELD,
    TABS,
    TOPIC_SELECT,
    YEAR_SELECT,
    FilterHistory,
    controls_to_recreate,
)
from partner_app.services.news_archive import NewsFilter


def test_a_run_of_tab_or_city_changes_is_one_history_entry() -> None:
    history = FilterHistory()
    assert history.moved_to("/?stadt=venlo", TABS) is False
    assert history.moved_to("/?stadt=leicester", TABS) is True
    # The city select is the same choice as the tabs.
    assert history.moved_to("/?stadt=leiden", CITY_SELECT) is True


def test_refining_a_search_replaces_its_entry_but_other_choices_add_one() -> None:
    history = FilterHistory()
    assert history.moved_to("/?q=fe", SEARCH_FIELD) is False
    assert history.moved_to("/?q=fest", SEARCH_FIELD) is True
    assert history.moved_to("/?q=fest&jahr=2024", YEAR_SELECT) is False
    assert history.moved_to("/?q=fest&jahr=2024&thema=kultur", TOPIC_SELECT) is False
    assert history.moved_to("/?q=fest&jahr=2024&thema=kultur&stadt=venlo", TABS) is False


def test_after_back_or_a_link_the_next_change_adds_an_entry() -> None:
    history = FilterHistory()
    history.moved_to("/?stadt=venlo", TABS)
    history.arrived_elsewhere()
    assert history.moved_to("/?stadt=leicester", TABS) is False


def test_an_overtaken_echo_is_recognised_and_forgotten_with_the_earlier_ones() -> None:
    history = FilterHistory()
    for url in ("/?stadt=venlo", "/?stadt=leicester", "/?stadt=leiden"):
        history.moved_to(url, TABS)
    assert history.take_echo("/?stadt=leicester") is True
    assert history.pending_echoes == ["/?stadt=leiden"]
    # Venlo's echo came too late: it was forgotten with Leicester's, so it is no echo.
    assert history.take_echo("/?stadt=venlo") is False
    assert history.take_echo("/?stadt=leiden") is True
    assert history.take_echo("/?stadt=leiden") is False


def test_back_forgets_pending_echoes() -> None:
    history = FilterHistory()
    history.moved_to("/?stadt=venlo", TABS)
    history.arrived_elsewhere()
    assert history.take_echo("/?stadt=venlo") is False


def test_pending_echoes_are_bounded() -> None:
    history = FilterHistory()
    for number in range(MAX_PENDING_ECHOES + 5):
        history.moved_to(f"/?q={number}", SEARCH_FIELD)
    assert len(history.pending_echoes) == MAX_PENDING_ECHOES
    assert history.pending_echoes[-1] == f"/?q={MAX_PENDING_ECHOES + 4}"


def test_only_changed_controls_but_the_origin_are_recreated() -> None:
    shown = NewsFilter(city="", year=None, topic="", text="")
    venlo = NewsFilter(city="venlo", year=None, topic="", text="")
    assert controls_to_recreate(shown, venlo, TABS) == [CITY_SELECT]
    assert controls_to_recreate(shown, venlo, CITY_SELECT) == [TABS]
    assert controls_to_recreate(shown, shown, ELSEWHERE) == []
    everything = NewsFilter(city="venlo", year=2024, topic="kultur", text="fest")
    assert controls_to_recreate(shown, everything, ELSEWHERE) == [
        TABS,
        CITY_SELECT,
        YEAR_SELECT,
        TOPIC_SELECT,
        SEARCH_FIELD,
    ]
    assert SEARCH_FIELD not in controls_to_recreate(shown, everything, SEARCH_FIELD)
