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
) -> rx.Var[str | None]:
    """The ``aria-describedby`` of a field: its hint and, when there is one, its message.

    None when nothing describes the field: React then leaves the attribute out (an empty
    ``aria-describedby=""`` is a validator error).
    """
    has_error = errors.contains(name)
    error_id = name + "-fehler"
    without_hint = rx.cond(has_error, error_id, None)
    if isinstance(hint_id, str):
        return rx.cond(has_error, f"{hint_id} " + error_id, hint_id) if hint_id else without_hint
    with_hint = rx.cond(has_error, hint_id + " " + error_id, hint_id)
    return rx.cond(hint_id != "", with_hint, without_hint)


def form_status(message: rx.Var[str]) -> rx.Component:
    """The result of the last save, announced politely."""
    return rx.cond(
        message != "",
        rx.el.p(message, role="status", class_name="form-message", id="formular-meldung"),
    )
