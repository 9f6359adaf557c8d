"""Intro, partnerships and contacts of the public page."""

import reflex as rx

from partner_app.i18n import text
from partner_app.reflex_internals import send_all_vars
from partner_app.services.anniversaries import Anniversary, upcoming_anniversaries
from partner_app.services.clock import today_in_krefeld
from partner_app.services.map_markers import MapMarker, map_markers
from partner_app.services.page_content import (
    AddressView,
    ContactView,
    IntroView,
    contacts,
    office_address,
    page_intro,
)
from partner_app.services.partnerships import PartnershipView, partnerships_by_since
from partner_app.state.assign import assign_if_changed
from partner_app.state.language import language_of


class PageContentState(rx.State):
    """The editorial content of the page, read again on every page load."""

    intro: rx.Field[IntroView] = rx.field(default_factory=IntroView)
    partnerships: rx.Field[list[PartnershipView]] = rx.field(default_factory=list)
    contacts: rx.Field[list[ContactView]] = rx.field(default_factory=list)
    address: rx.Field[AddressView] = rx.field(default_factory=AddressView)
    anniversaries: rx.Field[list[Anniversary]] = rx.field(default_factory=list)
    anniversary_years: rx.Field[str] = rx.field("")
    map_markers: rx.Field[list[MapMarker]] = rx.field(default_factory=list)
    # The websocket connection and language the content was read for: on_load also runs
    # on every filter change (the filter lives in the URL), and the content needs reading
    # only once per page load (a new connection) or when the language changes.
    _loaded_for: tuple[str, str] = ("", "")

    @rx.event
    async def load(self) -> None:
        """Read the content once per page load and language; only what changed is sent."""
        connection = self.router.session.session_id
        lang = await language_of(self)
        if connection and (connection, lang) == self._loaded_for:
            return
        self._loaded_for = (connection, lang)
        with rx.session() as session:
            assign_if_changed(self, "intro", page_intro(session, lang))
            partnerships = partnerships_by_since(session, lang)
            assign_if_changed(self, "partnerships", partnerships)
            assign_if_changed(
                self,
                "map_markers",
                map_markers(
                    [(p.slug, p.name, p.latitude, p.longitude) for p in partnerships],
                    lang,
                    {p.slug: p.name_lang for p in partnerships},
                ),
            )
            assign_if_changed(self, "contacts", contacts(session, lang))
            assign_if_changed(self, "address", office_address(session))
            today = today_in_krefeld()
            assign_if_changed(
                self, "anniversaries", upcoming_anniversaries(session, today=today, lang=lang)
            )
            years = text("ANNIVERSARY_YEARS", lang).format(
                this_year=today.year, next_year=today.year + 1
            )
            assign_if_changed(self, "anniversary_years", years)
        # The server rendered the page with the values of its request: send them all.
        send_all_vars(self)
