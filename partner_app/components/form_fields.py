"""Pieces every form shares: field messages tied to their fields, the status line."""

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar, StringVar


def field_error(name: rx.Var[str] | str, errors: ObjectVar[dict[str, str]]) -> rx.Component:
    """The message of one field, tied to it by ``aria-describedby``."""
    return rx.cond(
        errors.contains(name),
        rx.el.p(errors[name], id=_error_id(name), class_name="field-error"),
    )


def described_by(
    name: rx.Var[str] | str, errors: ObjectVar[dict[str, str]], hint_id: rx.Var[str] | str = ""
) -> rx.Var[str | None]:
    """The ``aria-describedby`` of a field: its hint and, when there is one, its message.

    None when nothing describes the field: React then leaves the attribute out (an empty
    ``aria-describedby=""`` is a validator error).
    """
    has_error = errors.contains(name)
    error_id = _error_id(name)
    without_hint = rx.cond(has_error, _string_var(error_id), None)
    if isinstance(hint_id, str):
        with_str_hint = _string_var(f"{hint_id} " + error_id)
        return rx.cond(has_error, with_str_hint, hint_id) if hint_id else without_hint
    with_hint = rx.cond(has_error, hint_id.to(str) + " " + error_id, hint_id)
    return rx.cond(hint_id != "", with_hint, without_hint)


def _error_id(name: rx.Var[str] | str) -> StringVar | str:
    # A plain string stays one: only a plain id gets the ref rx.set_focus needs.
    return name + "-fehler" if isinstance(name, str) else name.to(str) + "-fehler"


def _string_var(value: StringVar | str) -> StringVar:
    # rx.cond makes the same string var of a str; passing it typed keeps cond's result a
    # string var (over ``StringVar | str`` cond's overloads lose the type).
    return rx.Var.create(value) if isinstance(value, str) else value


def form_status(message: StringVar) -> rx.Component:
    """The result of the last save, announced politely."""
    return rx.cond(
        message != "",
        rx.el.p(message, role="status", class_name="form-message", id="formular-meldung"),
    )


def one_time_code_input(**attributes: Any) -> rx.Component:
    """The field of an authenticator app's six digits (id and name ``code``).

    ``one-time-code`` lets browsers and password managers offer the code; the numeric
    keyboard suits the digits on a phone.
    """
    return rx.el.input(
        id="code",
        name="code",
        type="text",
        input_mode="numeric",
        auto_complete="one-time-code",
        required=True,
        **attributes,
    )
