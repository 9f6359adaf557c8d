"""Pieces every admin form shares: field messages, status line, conflict report."""

import reflex as rx

from partner_app import texts


def field_error(name: rx.Var[str] | str, errors: rx.Var[dict[str, str]]) -> rx.Component:
    """The message of one field, tied to it by ``aria-describedby``."""
    return rx.cond(
        errors.contains(name),
        rx.el.p(errors[name], id=name + "-fehler", class_name="field-error"),
    )


def described_by(
    name: rx.Var[str] | str, errors: rx.Var[dict[str, str]], hint_id: rx.Var[str] | str = ""
) -> rx.Var[str]:
    """The ``aria-describedby`` of a field: its hint and, when there is one, its message."""
    error_id = rx.cond(errors.contains(name), name + "-fehler", "")
    if isinstance(hint_id, str):
        return (hint_id + " " + error_id) if hint_id else error_id
    return rx.cond(hint_id != "", hint_id + " " + error_id, error_id)


def form_status(message: rx.Var[str]) -> rx.Component:
    """The result of the last save, announced politely."""
    return rx.cond(
        message != "",
        rx.el.p(message, role="status", class_name="form-message", id="formular-meldung"),
    )


def conflict_report(conflict: rx.Var[dict[str, str]], on_reload: rx.EventHandler) -> rx.Component:
    """Explains that someone else saved first, lists what they changed, offers a reload."""
    return rx.cond(
        conflict.length() > 0,
        rx.el.div(
            rx.el.p(texts.NEWS_FORM_CONFLICT),
            rx.el.ul(
                rx.foreach(conflict, lambda item: rx.el.li(rx.el.strong(item[0]), ": ", item[1]))
            ),
            rx.el.button(
                texts.NEWS_FORM_RELOAD,
                type="button",
                on_click=on_reload,
                class_name="button button-secondary",
            ),
            role="alert",
            id="konflikt",
            class_name="notice",
        ),
    )
