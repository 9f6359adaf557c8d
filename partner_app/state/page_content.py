"""Intro, partnerships and contacts of the public page."""

import reflex as rx

from partner_app.services.anniversaries import Anniversary, upcoming_anniversaries
from partner_app.services.clock import today_in_krefeld
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


class PageContentState(rx.State):
    """The editorial content of the page, reloaded on every page load."""

    intro: IntroView = IntroView()
    partnerships: list[PartnershipView] = []
    contacts: list[ContactView] = []
    address: AddressView = AddressView()
    anniversaries: list[Anniversary] = []
    anniversary_years: str = ""

    @rx.event
    def load(self) -> None:
        """Read the content; only what changed is sent to the browser."""
        with rx.session() as session:
            assign_if_changed(self, "intro", page_intro(session))
            assign_if_changed(self, "partnerships", partnerships_by_since(session))
            assign_if_changed(self, "contacts", contacts(session))
            assign_if_changed(self, "address", office_address(session))
            today = today_in_krefeld()
            assign_if_changed(self, "anniversaries", upcoming_anniversaries(session, today=today))
            assign_if_changed(self, "anniversary_years", f"{today.year} und {today.year + 1}")
