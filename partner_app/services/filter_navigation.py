"""How filter changes move through the browser history (plain Python, no Reflex).

Three rules the archive state applies when a control changes the filter:
- **History:** changes of one kind in a row are one history entry. Arrowing through
  the tabs (or the city select) or refining a search is one choice, not one per step.
- **Echoes:** the router answers every URL change with an on_load for the new URL.
  Quick changes can overtake the echo of an earlier one; such an echo must not bring
  the earlier filter back, so the URLs moved to are remembered until their echo comes.
- **Controls:** the filter controls are uncontrolled inputs; a control is re-created
  with the new value only when the filter changed from elsewhere than that control.
"""

from dataclasses import dataclass, field

from partner_app.services.news_archive import NewsFilter

# Where a change came from: one of the controls, or elsewhere (URL, reset button).
TABS = "tabs"
CITY_SELECT = "city-select"
YEAR_SELECT = "year-select"
TOPIC_SELECT = "topic-select"
SEARCH_FIELD = "search-field"
ELSEWHERE = ""
CONTROLS = (TABS, CITY_SELECT, YEAR_SELECT, TOPIC_SELECT, SEARCH_FIELD)

_HISTORY_KIND = {TABS: "city", CITY_SELECT: "city", SEARCH_FIELD: "search"}
# More unanswered URL changes than this mean their echoes were lost, not overtaken.
MAX_PENDING_ECHOES = 10


@dataclass
class FilterHistory:
    """What one page remembers about its own URL changes."""

    # The kind of change that made the current history entry ("" after load/back/forward).
    entry_kind: str = ""
    # URLs the controls moved to whose echo has not come back yet, oldest first.
    pending_echoes: list[str] = field(default_factory=list)

    def moved_to(self, url: str, origin: str) -> bool:
        """Record a control's move to ``url``; whether it replaces the current entry."""
        kind = _HISTORY_KIND.get(origin, "")
        replace = bool(kind) and kind == self.entry_kind
        self.entry_kind = kind
        self.pending_echoes = [*self.pending_echoes[-(MAX_PENDING_ECHOES - 1) :], url]
        return replace

    def take_echo(self, url: str) -> bool:
        """Whether ``url`` is the echo of a move (this or an overtaken one); forget it."""
        if url not in self.pending_echoes:
            return False
        del self.pending_echoes[: self.pending_echoes.index(url) + 1]
        return True

    def arrived_elsewhere(self) -> None:
        """The page reached a URL by a link, back/forward or a load: a new history place."""
        self.entry_kind = ""
        self.pending_echoes = []


def controls_to_recreate(shown: NewsFilter, new: NewsFilter, origin: str) -> list[str]:
    """The controls whose value ``new`` changes, except the one the change came from."""
    changed = {
        TABS: new.city != shown.city,
        CITY_SELECT: new.city != shown.city,
        YEAR_SELECT: new.year != shown.year,
        TOPIC_SELECT: new.topic != shown.topic,
        SEARCH_FIELD: new.text != shown.text,
    }
    return [control for control in CONTROLS if changed[control] and control != origin]
