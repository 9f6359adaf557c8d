"""The press archive: filters, the shown page of cards and the result count.

The filter lives in the URL. A control changes the filter, queries at once and
then moves the URL along (in place: no scroll, focus kept); opening a link or going
back/forward runs ``apply_url_filter`` (the page's on_load), which shows what the
URL asks for. The URL echo of a control's own change is recognised and not queried
again; a page load (a new connection) always queries, so editors' changes show up.

The controls are uncontrolled inputs keyed by a counter per control: what the reader
picked stays on screen even while the connection is down (it is sent on reconnect).
Which control is re-created, which change replaces the history entry and which URL
is an echo: services/filter_navigation.py.
"""

import dataclasses
import json
from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from sqlmodel import Session

from partner_app.i18n import DEFAULT_LANGUAGE, text
from partner_app.in_place_navigation import navigate_in_place
from partner_app.reflex_internals import send_all_vars
from partner_app.services.clock import today_in_krefeld
from partner_app.services.filter_navigation import (
    CITY_SELECT,
    ELSEWHERE,
    SEARCH_FIELD,
    TABS,
    TOPIC_SELECT,
    YEAR_SELECT,
    FilterHistory,
    controls_to_recreate,
)
from partner_app.services.filter_params import (
    filter_params,
    filter_url,
    parse_filter_params,
    parse_year,
)
from partner_app.services.news_archive import (
    PAGE_SIZE,
    NewsCard,
    NewsFilter,
    TopicOption,
    partnership_slugs,
    published_news_page,
    published_news_years,
    topic_options,
)
from partner_app.state.assign import assign_if_changed
from partner_app.state.language import language_of
from partner_app.state.live_news import current_revision, follow_live_news

OVERVIEW_TAB_VALUE = "alle"
_T = TypeVar("_T")


class NewsArchiveState(rx.State):
    """Filter values as the controls show them, and the cards on screen."""

    city: rx.Field[str] = rx.field("")
    year: rx.Field[str] = rx.field("")
    topic: rx.Field[str] = rx.field("")
    query: rx.Field[str] = rx.field("")
    cards: rx.Field[list[NewsCard]] = rx.field(default_factory=list)
    # The page language the cards' dates and the messages are written in.
    lang: rx.Field[str] = rx.field(DEFAULT_LANGUAGE)
    total: rx.Field[int] = rx.field(0)
    year_options: rx.Field[list[str]] = rx.field(default_factory=list)
    topics: rx.Field[list[TopicOption]] = rx.field(default_factory=list)
    notices: rx.Field[list[str]] = rx.field(default_factory=list)
    # Bumped when a control's value changes from outside that control (see module doc),
    # so the uncontrolled control is re-created with the new value.
    tabs_key: rx.Field[int] = rx.field(0)
    city_select_key: rx.Field[int] = rx.field(0)
    year_select_key: rx.Field[int] = rx.field(0)
    topic_select_key: rx.Field[int] = rx.field(0)
    search_field_key: rx.Field[int] = rx.field(0)
    # This page's own URL changes (FilterHistory's fields, kept as plain values).
    _history_entry_kind: str = ""
    _pending_echoes: list[str] = []
    # The websocket connection the cards were last shown for (see apply_url_filter).
    _shown_for_connection: str = ""
    # The live-news revision the cards were read at (see refresh_live).
    _shown_revision: int = -1
    # Read once per page load, not per filter change: valid city slugs and the years
    # that have news (the tabs and options on screen are from the same load).
    _city_slugs: list[str] = []
    _news_years: list[str] = []

    @rx.var
    def selected_tab(self) -> str:
        """The value of the selected city tab."""
        return self.city or OVERVIEW_TAB_VALUE

    @rx.var
    def has_more(self) -> bool:
        """Whether "Mehr laden" can load further cards."""
        return len(self.cards) < self.total

    @rx.var
    def has_filters(self) -> bool:
        """Whether any filter is set (the reset button is offered then)."""
        return bool(self.city or self.year or self.topic or self.query)

    @rx.var
    def result_summary(self) -> str:
        """The result count, announced to screen readers when it changes."""
        if self.total == 0:
            return text("RESULTS_NONE", self.lang)
        found = (
            text("RESULTS_ONE", self.lang)
            if self.total == 1
            else text("RESULTS_MANY", self.lang).format(count=self.total)
        )
        if len(self.cards) < self.total:
            shown = text("RESULTS_SHOWN", self.lang).format(shown=len(self.cards), count=self.total)
            return f"{found} {shown}"
        return found

    @rx.event
    async def apply_url_filter(self) -> None:
        """Show what the page URL asks for (on page load, links, back/forward)."""
        lang = await language_of(self)
        connection = self.router.session.session_id
        same_page_load = bool(connection) and connection == self._shown_for_connection
        self._shown_for_connection = connection
        # Another language: the cards must be read again (their dates are worded).
        language_changed = lang != self.lang
        self.lang = lang
        if not same_page_load:
            # Only a page load joins the live news; changes after it arrive by refresh_live.
            self._shown_revision = await follow_live_news(self)
        with rx.session() as session:
            if not same_page_load:
                self._load_choices(session)
            parsed = parse_filter_params(
                self.router.url.query_parameters,
                city_slugs=self._valid_cities(session),
                topic_slugs=self._valid_topics(session),
                lang=lang,
            )
            assign_if_changed(self, "notices", parsed.notices)
            if same_page_load and not language_changed and self._is_echo(parsed.news_filter):
                # The URL echo of a control's own change: already queried and shown.
                return
            # A link, back/forward or a page load: a new place in the history.
            self._update_history(FilterHistory.arrived_elsewhere)
            self._show(session, parsed.news_filter, origin=ELSEWHERE)
        if not same_page_load:
            # The page was rendered by the server: its values must all arrive again, even
            # those equal to the defaults (an item unpublished since shows as gone).
            send_all_vars(self)

    @rx.event
    async def refresh_live(self) -> None:
        """Re-read the shown cards after an editor changed public news (no reload)."""
        revision = await current_revision(self)
        if not self._shown_for_connection or revision == self._shown_revision:
            return
        self._shown_revision = revision
        with rx.session() as session:
            # Published or removed news can add or remove a year.
            self._news_years = [
                str(y) for y in published_news_years(session, today=today_in_krefeld())
            ]
            self._show(session, self._current_filter(), keep=len(self.cards))

    @rx.event
    def select_tab(self, value: str) -> rx.event.EventSpec | None:
        """Select a city tab; the overview tab clears the city filter."""
        return self._change(TABS, city=_city_of(value))

    @rx.event
    def select_city(self, value: str) -> rx.event.EventSpec | None:
        """Pick a city in the filter's select (the overview value clears it)."""
        return self._change(CITY_SELECT, city=_city_of(value))

    @rx.event
    def select_year(self, value: str) -> rx.event.EventSpec | None:
        """Filter by publication year ("" for all years)."""
        return self._change(YEAR_SELECT, year=parse_year(value))

    @rx.event
    def select_topic(self, value: str) -> rx.event.EventSpec | None:
        """Filter by topic slug ("" for all topics)."""
        return self._change(TOPIC_SELECT, topic=value)

    @rx.event
    def search(self, value: str) -> rx.event.EventSpec | None:
        """Filter by free text as the user types (the field debounces)."""
        return self._change(SEARCH_FIELD, text=value)

    @rx.event
    def reset_filters(self) -> rx.event.EventSpec | None:
        """Clear every filter and show the overview tab."""
        return self._change(ELSEWHERE, city="", year="", topic="", text="")

    @rx.event
    def load_more(self) -> rx.event.EventSpec | None:
        """Append the next page of cards and move focus to the first new one."""
        with rx.session() as session:
            page = published_news_page(
                session,
                self._current_filter(),
                today=today_in_krefeld(),
                offset=len(self.cards),
                lang=self.lang,
            )
        if not page.cards:
            return None
        self.cards = [*self.cards, *page.cards]
        self.total = page.total
        first_new = json.dumps(f"news-{page.cards[0].slug}")
        return rx.call_script(f"document.getElementById({first_new})?.focus()")

    def _load_choices(self, session: Session) -> None:
        """Read what the filters offer (on a page load)."""
        assign_if_changed(self, "topics", topic_options(session))
        self._city_slugs = sorted(partnership_slugs(session))
        self._news_years = [str(y) for y in published_news_years(session, today=today_in_krefeld())]

    def _valid_cities(self, session: Session) -> set[str]:
        if not self._city_slugs:
            # The server lost this page's state (e.g. Redis restarted): read them again.
            self._load_choices(session)
        return set(self._city_slugs)

    def _valid_topics(self, session: Session) -> set[str]:
        if not self.topics:
            self._load_choices(session)
        return {topic.slug for topic in self.topics}

    def _is_echo(self, news_filter: NewsFilter) -> bool:
        """Whether the URL is one the controls moved to (maybe overtaken by a later one)."""
        url = filter_url(news_filter, lang=self.lang)
        return self._update_history(lambda history: history.take_echo(url)) or (
            news_filter == self._current_filter()
        )

    def _update_history(self, change: Callable[[FilterHistory], _T]) -> _T:
        history = FilterHistory(self._history_entry_kind, list(self._pending_echoes))
        result = change(history)
        assign_if_changed(self, "_history_entry_kind", history.entry_kind)
        assign_if_changed(self, "_pending_echoes", history.pending_echoes)
        return result

    def _current_filter(self) -> NewsFilter:
        return shown_filter(self)

    def _filter_before_change(self, session: Session) -> NewsFilter:
        """What the page shows before a control changes it."""
        if self._city_slugs:
            return self._current_filter()
        # The server lost this page's state (e.g. Redis restarted: no choices read) and the
        # controls still show the page's URL: change that, not an empty filter.
        return parse_filter_params(
            self.router.url.query_parameters,
            city_slugs=self._valid_cities(session),
            topic_slugs=self._valid_topics(session),
            lang=self.lang,
        ).news_filter

    def _change(self, origin: str, **changes: str | int | None) -> rx.event.EventSpec | None:
        with rx.session() as session:
            wanted = dataclasses.replace(self._filter_before_change(session), **changes)
            # The browser can send anything: validate it like a URL, silently.
            parsed = parse_filter_params(
                filter_params(wanted),
                city_slugs=self._valid_cities(session),
                topic_slugs=self._valid_topics(session),
            )
            if parsed.news_filter == self._current_filter():
                return None
            assign_if_changed(self, "notices", [])
            self._show(session, parsed.news_filter, origin=origin)
        url = filter_url(parsed.news_filter, lang=self.lang)
        replace = self._update_history(lambda history: history.moved_to(url, origin))
        return navigate_in_place(url, replace=replace)

    def _show(
        self, session: Session, news_filter: NewsFilter, *, origin: str | None = None, keep: int = 0
    ) -> None:
        """Show ``news_filter``'s cards; re-create the controls it changed (but ``origin``).

        ``origin`` None (a live refresh) leaves the controls alone: the filter is the same.
        """
        today = today_in_krefeld()
        year = str(news_filter.year) if news_filter.year is not None else ""
        if origin is not None:
            for control in controls_to_recreate(self._current_filter(), news_filter, origin):
                key = _CONTROL_KEYS[control]
                setattr(self, key, getattr(self, key) + 1)
        assign_if_changed(self, "city", news_filter.city)
        assign_if_changed(self, "year", year)
        assign_if_changed(self, "topic", news_filter.topic)
        assign_if_changed(self, "query", news_filter.text)
        # A live refresh keeps as many cards as "Mehr laden" had shown.
        page = published_news_page(
            session, news_filter, today=today, limit=max(keep, PAGE_SIZE), lang=self.lang
        )
        assign_if_changed(self, "cards", page.cards)
        assign_if_changed(self, "total", page.total)
        years = self._news_years
        if year and year not in years:
            # A valid year without news stays selectable, so the empty result makes sense.
            years = sorted([*years, year], reverse=True)
        assign_if_changed(self, "year_options", years)


_CONTROL_KEYS = {
    TABS: "tabs_key",
    CITY_SELECT: "city_select_key",
    YEAR_SELECT: "year_select_key",
    TOPIC_SELECT: "topic_select_key",
    SEARCH_FIELD: "search_field_key",
}


def _city_of(control_value: str) -> str:
    return "" if control_value == OVERVIEW_TAB_VALUE else control_value


def shown_filter(archive: NewsArchiveState) -> NewsFilter:
    """The filter the archive shows (other states read it, e.g. for a way back to it)."""
    return NewsFilter(
        city=archive.city, year=parse_year(archive.year), topic=archive.topic, text=archive.query
    )
