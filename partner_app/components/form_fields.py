"""Pieces every form shares: field messages tied to their fields, the status line."""

import reflex as rx


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
