"""The form citizens write to the partnership office with (also for reporting barriers)."""

from typing import TypedDict

import reflex as rx
from reflex.vars import StringVar

from partner_app import routes, texts
from partner_app.components.form_fields import described_by, field_error, form_status
from partner_app.components.translated import localized_href, tr, tr_label
from partner_app.models import MessageTopic
from partner_app.state.message_form import HONEYPOT_FIELD, MessageFormState

State = MessageFormState
FIELD_PREFIX = "nachricht-"


def _field(
    name: str,
    label: StringVar,
    control: rx.Component,
    hint: StringVar | None = None,
) -> rx.Component:
    hint_element = (
        rx.el.p(hint, id=f"{FIELD_PREFIX}{name}-hinweis", class_name="hint")
        if hint is not None
        else ""
    )
    return rx.el.div(
        rx.el.label(label, html_for=FIELD_PREFIX + name),
        control,
        hint_element,
        field_error(name, State.errors),
        class_name="form-field",
    )


class _ControlProps(TypedDict):
    """The attributes every control of the form has, checked per prop by the type checker."""

    id: str
    name: str
    aria_invalid: rx.Var[str]
    aria_describedby: rx.Var[str | None]


def _control_props(name: str, hint: bool = False) -> _ControlProps:
    hint_id = f"{FIELD_PREFIX}{name}-hinweis" if hint else ""
    return {
        "id": FIELD_PREFIX + name,
        "name": name,
        "aria_invalid": rx.cond(State.errors.contains(name), "true", "false"),
        "aria_describedby": described_by(name, State.errors, hint_id),
    }


def _honeypot() -> rx.Component:
    # Off-screen and out of the tab order: people never fill it in, form-filling bots do.
    return rx.el.div(
        rx.el.label(tr("MESSAGE_HONEYPOT"), html_for=FIELD_PREFIX + HONEYPOT_FIELD),
        rx.el.input(
            id=FIELD_PREFIX + HONEYPOT_FIELD,
            name=HONEYPOT_FIELD,
            type="text",
            tab_index=-1,
            auto_complete="off",
        ),
        aria_hidden="true",
        class_name="honeypot",
    )


def _topic_field(for_barriers: bool) -> rx.Component:
    if for_barriers:
        return rx.fragment(
            rx.el.input(type="hidden", name="topic", value=MessageTopic.accessibility.value),
            _field(
                "page",
                tr("MESSAGE_PAGE"),
                rx.el.input(type="text", max_length=300, **_control_props("page")),
            ),
        )
    return _field(
        "topic",
        tr("MESSAGE_TOPIC"),
        rx.el.select(
            *(
                rx.el.option(tr_label("MESSAGE_TOPIC_LABELS", topic), value=topic.value)
                for topic in texts.MESSAGE_TOPIC_LABELS
            ),
            default_value=MessageTopic.general.value,
            **_control_props("topic"),
        ),
    )


def message_form(heading_id: str, *, for_barriers: bool = False) -> rx.Component:
    """The fields, the consent, the honeypot and the result of the last send."""
    return rx.el.form(
        rx.el.p(tr("MESSAGE_INTRO"), class_name="hint"),
        _field(
            "name",
            tr("MESSAGE_NAME"),
            rx.el.input(
                type="text",
                auto_complete="name",
                max_length=120,
                required=True,
                **_control_props("name"),
            ),
        ),
        _field(
            "email",
            tr("MESSAGE_EMAIL"),
            rx.el.input(
                type="email",
                auto_complete="email",
                max_length=200,
                required=True,
                **_control_props("email", hint=True),
            ),
            hint=tr("MESSAGE_EMAIL_HINT"),
        ),
        _topic_field(for_barriers),
        _field(
            "text",
            tr("MESSAGE_TEXT"),
            rx.el.textarea(rows=6, required=True, **_control_props("text", hint=True)),
            hint=tr("MESSAGE_TEXT_HINT"),
        ),
        rx.el.div(
            rx.el.input(type="checkbox", value="ja", required=True, **_control_props("consent")),
            rx.el.label(
                tr("MESSAGE_CONSENT"),
                " ",
                tr("MESSAGE_CONSENT_PRIVACY_PREFIX"),
                rx.el.a(
                    tr("MESSAGE_CONSENT_PRIVACY_LINK"),
                    href=localized_href(routes.PRIVACY_URL),
                ),
                tr("MESSAGE_CONSENT_PRIVACY_SUFFIX"),
                html_for=FIELD_PREFIX + "consent",
            ),
            field_error("consent", State.errors),
            class_name="check-field",
        ),
        _honeypot(),
        rx.el.button(tr("MESSAGE_SEND"), type="submit", class_name="button"),
        form_status(State.result),
        key=State.form_key.to_string(),
        on_submit=State.send,
        # The server checks every field and explains problems in German; the browser's own
        # bubbles would be in the browser's language and vanish, so they are switched off.
        no_validate=True,
        reset_on_submit=False,
        aria_labelledby=heading_id,
        class_name="message-form",
    )
