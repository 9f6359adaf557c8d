"""The contact block: the partnership office's people and address."""

import reflex as rx
from reflex.vars import ObjectVar

from partner_app.components.message_form import message_form
from partner_app.components.translated import tr
from partner_app.services.page_content import ContactView
from partner_app.state.page_content import PageContentState

MESSAGE_HEADING_ID = "nachricht-schreiben"


def _contact(contact: ObjectVar[ContactView]) -> rx.Component:
    return rx.el.div(
        rx.el.h3(contact.name),
        # What the person is reached for: a journalist scanning the block looks for "Presse".
        rx.el.p(contact.role, class_name="contact-role"),
        rx.el.dl(
            rx.el.dt(tr("CONTACT_PHONE")),
            rx.el.dd(rx.el.a(contact.phone, href=contact.phone_href)),
            rx.el.dt(tr("CONTACT_EMAIL")),
            rx.el.dd(rx.el.a(contact.email, href=contact.email_href)),
            rx.el.dt(tr("CONTACT_ROOM")),
            rx.el.dd(contact.room),
        ),
        class_name="contact-card",
    )


def contact_panel() -> rx.Component:
    """Both contact people with phone and e-mail links, and the office address."""
    address = PageContentState.address
    return rx.el.section(
        rx.el.h2(tr("CONTACT_HEADING"), id="kontakt"),
        rx.el.div(
            rx.foreach(PageContentState.contacts, _contact),
            rx.el.div(
                rx.el.h3(tr("ADDRESS_HEADING")),
                rx.el.address(
                    address.department,
                    rx.el.br(),
                    address.street,
                    rx.el.br(),
                    address.postal_code.to(str) + " " + address.city.to(str),
                    lang="de",
                ),
                class_name="contact-card",
            ),
            class_name="contact-grid",
        ),
        rx.el.div(
            rx.el.h3(tr("MESSAGE_HEADING"), id=MESSAGE_HEADING_ID),
            message_form(MESSAGE_HEADING_ID),
            class_name="message-panel",
        ),
        aria_labelledby="kontakt",
        class_name="contact-panel",
    )
