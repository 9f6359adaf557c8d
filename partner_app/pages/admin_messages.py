"""The inbox page: messages from the public, markable as done."""

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import routes, texts_admin
from partner_app.components.admin_layout import admin_layout
from partner_app.components.form_fields import form_status
from partner_app.reflex_internals import PlainAnchor
from partner_app.services.contact_messages import MessageRow
from partner_app.state.admin_messages import AdminMessagesState
from partner_app.state.admin_navigation import AdminNavigationState

ROUTE = routes.ADMIN_MESSAGES
TITLE = f"{texts_admin.INBOX_HEADING} – {texts_admin.ADMIN_TITLE}"
ON_LOAD = [AdminMessagesState.load, AdminNavigationState.load]

State = AdminMessagesState


def _mail_link(text: str | rx.Var[str], href: rx.Var[str], **props: Any) -> rx.Component:
    """A plain link to a ``mailto:`` address, opened in a new browsing context.

    Opened in this tab, Chromium announces leaving the page first and Reflex closes the
    websocket then: the page would sit disconnected, and a click's event would never get
    its answer. In a new context the page stays as it is (and a web mail program
    registered for mailto: opens beside the inbox, not instead of it).
    """
    return PlainAnchor.create(text, href=href, target="_blank", rel="noopener noreferrer", **props)


def _message(row: ObjectVar[MessageRow]) -> rx.Component:
    heading_id = "nachricht-" + row.id.to_string()
    return rx.el.article(
        rx.el.h2(
            # In words, not only a colour: "Neu" is read out with the heading.
            rx.cond(
                row.new,
                rx.fragment(rx.el.span(texts_admin.INBOX_NEW, class_name="message-new"), " "),
            ),
            row.topic_label.to(str) + " – " + row.name.to(str),
            id=heading_id,
        ),
        rx.el.dl(
            rx.el.dt(texts_admin.INBOX_RECEIVED),
            rx.el.dd(row.received_label),
            rx.el.dt(texts_admin.INBOX_FROM),
            rx.el.dd(row.name, " – ", _mail_link(row.email, row.email_href)),
            rx.cond(
                row.page != "",
                rx.fragment(rx.el.dt(texts_admin.INBOX_PAGE), rx.el.dd(row.page)),
            ),
            class_name="message-meta",
        ),
        # Plain text, shown as typed (line breaks kept by CSS); never rendered as HTML.
        rx.el.p(row.text, class_name="message-text"),
        rx.cond(row.answered_label != "", rx.el.p(row.answered_label)),
        rx.cond(row.done, rx.el.p(row.done_label)),
        rx.el.div(
            # A plain link: the browser hands it to the mail program; the click notes it.
            _mail_link(
                texts_admin.INBOX_ANSWER,
                row.reply_href,
                on_click=State.answer(row.id),
                class_name="button",
            ),
            rx.cond(
                row.done,
                rx.el.button(
                    texts_admin.INBOX_REOPEN,
                    type="button",
                    on_click=State.reopen(row.id),
                    class_name="button button-secondary",
                ),
                rx.el.button(
                    texts_admin.INBOX_MARK_DONE,
                    type="button",
                    on_click=State.mark_done(row.id),
                    class_name="button button-secondary",
                ),
            ),
            class_name="message-actions",
        ),
        aria_labelledby=heading_id,
        class_name=rx.cond(row.done, "message-card message-done", "message-card"),
    )


def admin_messages() -> rx.Component:
    """Open messages first; done ones on request."""
    return admin_layout(
        rx.el.h1(texts_admin.INBOX_HEADING, class_name="page-title"),
        rx.cond(
            State.volume_alert != "",
            rx.el.div(rx.el.p(State.volume_alert), class_name="notice", id="viele-nachrichten"),
        ),
        rx.el.p(
            # A toggle button: its pressed state says whether done messages are listed.
            rx.el.button(
                texts_admin.INBOX_SHOW_DONE,
                type="button",
                aria_pressed=rx.cond(State.include_done, "true", "false"),
                on_click=State.show_done(~State.include_done),
                class_name="button button-secondary",
            ),
        ),
        form_status(State.status),
        rx.cond(
            State.rows.length() > 0,
            rx.el.div(rx.foreach(State.rows, _message), class_name="message-list"),
            rx.el.p(texts_admin.INBOX_EMPTY),
        ),
    )
