"""The admin's editor form: fields rendered from their :class:`FieldSpec`, one control per kind.

Both admin editors use this: the news form and the record form. The inputs are
uncontrolled (``default_value``); the form's ``key`` re-creates them when another
version is shown. Fields a page renders itself (the image upload, checkboxes fed
from the database) are passed in as ``custom``.
"""

from collections.abc import Callable, Mapping
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from partner_app import texts_admin
from partner_app.components.admin_form import image_upload_field
from partner_app.components.form_fields import described_by, field_error
from partner_app.components.unsaved_changes_guard import GUARDED_ATTRIBUTE, guard_marker
from partner_app.services.field_specs import FieldKind, FieldSpec
from partner_app.state.editor_forms import EditorFormMixin

ValueOf = Callable[[str], rx.Var[Any]]

# Inputs by kind; textareas and selects are built below.
_INPUT_PROPS: Mapping[FieldKind, Mapping[str, str]] = {
    FieldKind.text: {"type": "text"},
    FieldKind.lang: {"type": "text"},
    FieldKind.date: {"type": "date"},
    FieldKind.email: {"type": "email", "auto_complete": "off"},
    FieldKind.phone: {"type": "tel"},
    FieldKind.integer: {"type": "text", "input_mode": "numeric"},
    FieldKind.decimal: {"type": "text", "input_mode": "decimal"},
}
_DEFAULT_ROWS = {FieldKind.textarea: 5, FieldKind.lines: 6}


def editor_form(state: type[EditorFormMixin], *fields: rx.Component | rx.Var[Any]) -> rx.Component:
    """The form around the fields: saved by the server, which answers next to each field."""
    keep_copy = rx.Var.create(
        rx.EventChain.create(value=state.keep_draft_copy, args_spec=lambda fields: [fields])
    )
    return rx.fragment(
        _draft_offer(state),
        rx.el.form(
            *fields,
            rx.el.button(texts_admin.FORM_SAVE, type="submit", class_name="button"),
            key=state.form_key.to_string(),
            no_validate=True,
            on_submit=state.save,  # type: ignore[attr-defined]  # each editor state has save
            reset_on_submit=False,
            class_name="admin-form",
            custom_attrs={
                GUARDED_ATTRIBUTE: guard_marker(keep_copy),
                "data-restored": rx.cond(state.restored, "true", "false"),
            },
        ),
    )


def _draft_offer(state: type[EditorFormMixin]) -> rx.Component:
    """The kept copy of unsaved typing: restore it into the form, or forget it."""
    return rx.cond(
        state.draft_offer != "",
        rx.el.section(
            rx.el.p(state.draft_offer),
            rx.el.div(
                rx.el.button(
                    texts_admin.DRAFT_RESTORE,
                    type="button",
                    on_click=state.restore_draft,
                    class_name="button",
                ),
                rx.el.button(
                    texts_admin.DRAFT_DISCARD,
                    type="button",
                    on_click=state.discard_draft_copy,
                    class_name="button button-secondary",
                ),
                class_name="row-actions",
            ),
            aria_label=texts_admin.DRAFT_OFFER_LABEL,
            class_name="confirm-box draft-offer",
        ),
    )


def image_field(state: type[EditorFormMixin], *, path: rx.Var[str], upload_id: str) -> rx.Component:
    """The image of the form, uploaded and removed through the editor state's handlers."""
    return image_upload_field(
        path=path,
        upload_id=upload_id,
        on_upload=state.upload_image(rx.upload_files(upload_id=upload_id)),
        on_refuse=state.refuse_image,
        on_remove=state.remove_image,
        upload_error=state.upload_error,
        errors=state.errors,
    )


def spec_fields(
    fields: tuple[FieldSpec, ...],
    *,
    value_of: ValueOf,
    errors: ObjectVar[dict[str, str]],
    custom: Mapping[str, rx.Component] | None = None,
    control_props: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[rx.Component]:
    """Every field of a form, in order; ``control_props`` adds props to a field's control."""
    custom = custom or {}
    control_props = control_props or {}
    return [
        custom[spec.name]
        if spec.name in custom
        else spec_field(
            spec, value=value_of(spec.name), errors=errors, **control_props.get(spec.name, {})
        )
        for spec in fields
    ]


def spec_field(
    spec: FieldSpec, *, value: rx.Var[Any], errors: ObjectVar[dict[str, str]], **props: Any
) -> rx.Component:
    """Label, control, hint and message of one field."""
    hint_id = f"{spec.name}-hinweis" if spec.hint else ""
    return rx.el.div(
        rx.el.label(spec.label, html_for=spec.name),
        _control(spec, value, errors, hint_id, props),
        rx.el.p(spec.hint, id=hint_id, class_name="hint") if spec.hint else rx.fragment(),
        field_error(spec.name, errors),
        class_name="form-field",
    )


def _control(
    spec: FieldSpec,
    value: rx.Var[Any],
    errors: ObjectVar[dict[str, str]],
    hint_id: str,
    props: dict[str, Any],
) -> rx.Component:
    common: dict[str, Any] = {
        "id": spec.name,
        "name": spec.name,
        "default_value": value,
        "aria_invalid": rx.cond(errors.contains(spec.name), "true", "false"),
        "aria_describedby": described_by(spec.name, errors, hint_id),
        **({"aria_required": "true"} if spec.required and not spec.required_with else {}),
        # The models name English texts *_en: typed in English, so spell checking and screen
        # readers use English for them in the German admin.
        **({"lang": "en"} if spec.name.endswith("_en") else {}),
        **props,
    }
    if spec.kind == FieldKind.choice:
        options = [rx.el.option(label, value=option) for option, label in spec.choices]
        if spec.prompt:
            options.insert(0, rx.el.option(spec.prompt, value=""))
        return rx.el.select(*options, **common)
    if spec.kind in _DEFAULT_ROWS:
        rows = spec.rows or _DEFAULT_ROWS[spec.kind]
        return rx.el.textarea(rows=rows, **_limited(spec, common))
    if spec.kind in _INPUT_PROPS:
        return rx.el.input(**_INPUT_PROPS[spec.kind], **_limited(spec, common))
    msg = f"{spec.name}: a {spec.kind} field needs a custom control"
    raise ValueError(msg)


def _limited(spec: FieldSpec, common: dict[str, Any]) -> dict[str, Any]:
    # The browser stops typing at the limit the server checks (pasted text too).
    if spec.kind in {FieldKind.text, FieldKind.textarea} and spec.max_length:
        return {"max_length": spec.max_length, **common}
    return common
