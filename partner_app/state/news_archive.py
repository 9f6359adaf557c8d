"""The press archive: filters, the shown page of cards and the result count.

The filter lives in the URL. A control changes the filter, queries at once and
then moves the URL along (in place: no scroll, focus kept); opening a link or going
back/forward runs ``apply_url_filter`` (the page's on_load), which shows what the
URL asks for. The URL echo of a control's own change is recognised and not queried
again; a page load (a new connection) always queries, so editors' changes show up.

A change is one query call in a worker thread (``in_session``), never a blocking call on
the event loop: the page of cards, the count, the typo correction when nothing matched,
and the facet counts of every city, year and topic option.

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

from partner_app.i18n import DEFAULT_LANGUAGE, format_integer, text
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
    FacetCounts,
    NewsCard,
    NewsFilter,
    NewsPage,
    TopicOption,
    partnership_slugs,
    published_news_page,
    published_news_years,
    topic_options,
)
from partner_app.state.assign import assign_if_changed
from partner_app.state.database_thread import in_session
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
    # How many items each option would give with the other filters as they are.
    # Per option, its count as shown ("3", "1.234", "1.000+"; "0": none).
    city_counts: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    year_counts: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    topic_counts: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    # The query with its typos corrected, offered when the query as typed found nothing.
    suggestion: rx.Field[str] = rx.field("")
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
    def suggestion_href(self) -> str:
        """The URL of the corrected search ("Meinten Sie …?")."""
        if not self.suggestion:
            return ""
        corrected = dataclasses.replace(self._current_filter(), text=self.suggestion)
        return filter_url(corrected, lang=self.lang)

    @rx.var
    def suggestion_intro(self) -> str:
        """What the corrected search stands in for ("Zu „dünkirchn“ …")."""
        return text("SEARCH_NO_EXACT", self.lang).format(query=self.query)

    @rx.var
    def suggestion_link_text(self) -> str:
        """The corrected search, quoted as the page language quotes."""
        return text("SEARCH_SUGGESTION", self.lang).format(suggestion=self.suggestion)

    @rx.var
    def result_summary(self) -> str:
        """The result count, announced to screen readers when it changes."""
        if self.total == 0:
            return text("RESULTS_NONE", self.lang)
        found = (
            text("RESULTS_ONE", self.lang)
            if self.total == 1
            else text("RESULTS_MANY", self.lang).format(count=format_integer(self.total, self.lang))
        )
        if len(self.cards) < self.total:
            shown = text("RESULTS_SHOWN", self.lang).format(
                shown=format_integer(len(self.cards), self.lang),
                count=format_integer(self.total, self.lang),
            )
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
        if not same_page_load or not self._city_slugs:
            await self._load_choices()
        parsed = parse_filter_params(
            self.router.url.query_parameters,
            city_slugs=set(self._city_slugs),
            topic_slugs=self._topic_slugs(),
            lang=lang,
        )
        assign_if_changed(self, "notices", parsed.notices)
        if same_page_load and not language_changed and self._is_echo(parsed.news_filter):
            # The URL echo of a control's own change: already queried and shown.
            return
        # A link, back/forward or a page load: a new place in the history.
        self._update_history(FilterHistory.arrived_elsewhere)
        await self._show(parsed.news_filter, origin=ELSEWHERE)
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
        # Published or removed news can add or remove a year.
        await self._load_choices()
        await self._show(self._current_filter(), keep=len(self.cards))

    @rx.event
    async def select_tab(self, value: str) -> rx.event.EventSpec | None:
        """Select a city tab; the overview tab clears the city filter."""
        return await self._change(TABS, city=_city_of(value))

    @rx.event
    async def select_city(self, value: str) -> rx.event.EventSpec | None:
        """Pick a city in the filter's select (the overview value clears it)."""
        return await self._change(CITY_SELECT, city=_city_of(value))

    @rx.event
    async def select_year(self, value: str) -> rx.event.EventSpec | None:
        """Filter by publication year ("" for all years)."""
        return await self._change(YEAR_SELECT, year=parse_year(value))

    @rx.event
    async def select_topic(self, value: str) -> rx.event.EventSpec | None:
        """Filter by topic slug ("" for all topics)."""
        return await self._change(TOPIC_SELECT, topic=value)

    @rx.event
    async def search(self, value: str) -> rx.event.EventSpec | None:
        """Filter by free text as the user types (the field debounces)."""
        return await self._change(SEARCH_FIELD, text=value)

    @rx.event
    async def reset_filters(self) -> rx.event.EventSpec | None:
        """Clear every filter and show the overview tab."""
        return await self._change(ELSEWHERE, city="", year="", topic="", text="")

    @rx.event
    async def load_more(self) -> rx.event.EventSpec | None:
        """Append the next page of cards and move focus to the first new one."""
        news_filter, offset, lang = self._current_filter(), len(self.cards), self.lang
        page = await in_session(
            lambda session: published_news_page(
                session, news_filter, today=today_in_krefeld(), offset=offset, lang=lang
            )
        )
        if not page.cards:
            return None
        self.cards = [*self.cards, *page.cards]
        self.total = page.total
        first_new = json.dumps(f"news-{page.cards[0].slug}")
        return rx.call_script(f"document.getElementById({first_new})?.focus()")

    async def _load_choices(self) -> None:
        """Read what the filters offer (on a page load, or when the server lost them)."""
        today = today_in_krefeld()
        topics, cities, years = await in_session(
            lambda session: (
                topic_options(session),
                sorted(partnership_slugs(session)),
                [str(year) for year in published_news_years(session, today=today)],
            )
        )
        assign_if_changed(self, "topics", topics)
        self._city_slugs = cities
        self._news_years = years

    def _topic_slugs(self) -> set[str]:
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

    async def _filter_before_change(self) -> NewsFilter:
        """What the page shows before a control changes it."""
        if self._city_slugs:
            return self._current_filter()
        # The server lost this page's state (e.g. Redis restarted: no choices read) and the
        # controls still show the page's URL: change that, not an empty filter.
        await self._load_choices()
        return parse_filter_params(
            self.router.url.query_parameters,
            city_slugs=set(self._city_slugs),
            topic_slugs=self._topic_slugs(),
            lang=self.lang,
        ).news_filter

    async def _change(self, origin: str, **changes: str | int | None) -> rx.event.EventSpec | None:
        wanted = dataclasses.replace(await self._filter_before_change(), **changes)
        # The browser can send anything: validate it like a URL, silently.
        parsed = parse_filter_params(
            filter_params(wanted),
            city_slugs=set(self._city_slugs),
            topic_slugs=self._topic_slugs(),
        )
        if parsed.news_filter == self._current_filter():
            return None
        assign_if_changed(self, "notices", [])
        await self._show(parsed.news_filter, origin=origin)
        url = filter_url(parsed.news_filter, lang=self.lang)
        replace = self._update_history(lambda history: history.moved_to(url, origin))
        return navigate_in_place(url, replace=replace)

    async def _show(
        self, news_filter: NewsFilter, *, origin: str | None = None, keep: int = 0
    ) -> None:
        """Show ``news_filter``'s cards; re-create the controls it changed (but ``origin``).

        ``origin`` None (a live refresh) leaves the controls alone: the filter is the same.
        """
        lang = self.lang
        # A live refresh keeps as many cards as "Mehr laden" had shown.
        limit = max(keep, PAGE_SIZE)
        page = await in_session(
            lambda session: published_news_page(
                session,
                news_filter,
                today=today_in_krefeld(),
                limit=limit,
                lang=lang,
                with_facets=True,
            )
        )
        self._present(news_filter, page, origin)

    def _present(self, news_filter: NewsFilter, page: NewsPage, origin: str | None) -> None:
        year = str(news_filter.year) if news_filter.year is not None else ""
        if origin is not None:
            for control in controls_to_recreate(self._current_filter(), news_filter, origin):
                key = _CONTROL_KEYS[control]
                setattr(self, key, getattr(self, key) + 1)
        assign_if_changed(self, "city", news_filter.city)
        assign_if_changed(self, "year", year)
        assign_if_changed(self, "topic", news_filter.topic)
        assign_if_changed(self, "query", news_filter.text)
        assign_if_changed(self, "cards", page.cards)
        assign_if_changed(self, "total", page.total)
        assign_if_changed(self, "suggestion", page.suggestion)
        years = self._news_years
        if year and year not in years:
            # A valid year without news stays selectable, so the empty result makes sense.
            years = sorted([*years, year], reverse=True)
        assign_if_changed(self, "year_options", years)
        self._present_counts(page.facets or FacetCounts(), years)

    def _present_counts(self, facets: FacetCounts, years: list[str]) -> None:
        # Every option gets a number, 0 included: an option with none is marked, not hidden.
        label, lang = facets.label, self.lang
        assign_if_changed(
            self,
            "city_counts",
            {slug: label(facets.cities.get(slug, 0), lang) for slug in self._city_slugs},
        )
        assign_if_changed(
            self, "year_counts", {y: label(facets.years.get(int(y), 0), lang) for y in years}
        )
        assign_if_changed(
            self,
            "topic_counts",
            {t.slug: label(facets.topics.get(t.slug, 0), lang) for t in self.topics},
        )


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
