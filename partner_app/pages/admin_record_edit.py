"""The form of a partnership, contact, address or intro, rendered from its fields."""

import reflex as rx

from partner_app import routes, texts
from partner_app.components.admin_form import (
    conflict_report,
    described_by,
    field_error,
    form_status,
    image_upload_field,
)
from partner_app.components.admin_layout import admin_layout
from partner_app.state.admin_record_editor import UPLOAD_ID, AdminRecordEditorState, FieldView

ROUTE = routes.ADMIN_CONTENT_EDIT
TITLE = f"Eintrag bearbeiten – {texts.ADMIN_TITLE}"
ON_LOAD = [AdminRecordEditorState.load]

State = AdminRecordEditorState


def _control(field: rx.Var[FieldView]) -> rx.Component:
    common = {
        "id": field.name,
        "name": field.name,
        "default_value": State.values[field.name],
        "aria_invalid": rx.cond(State.errors.contains(field.name), "true", "false"),
        "aria_required": rx.cond(field.required, "true", "false"),
        "aria_describedby": described_by(
            field.name, State.errors, rx.cond(field.hint != "", field.name + "-hinweis", "")
        ),
    }
    return rx.match(
        field.kind,
        ("textarea", rx.el.textarea(rows=5, **common)),
        ("lines", rx.el.textarea(rows=6, **common)),
        (
            "choice",
            rx.el.select(
                rx.foreach(
                    field.choices,
                    lambda choice: rx.el.option(choice.label, value=choice.value),
                ),
                **common,
            ),
        ),
        (
            "date",
            rx.el.input(type="date", **common),
        ),
        ("email", rx.el.input(type="email", auto_complete="off", **common)),
        ("phone", rx.el.input(type="tel", **common)),
        ("integer", rx.el.input(type="text", input_mode="numeric", **common)),
        ("decimal", rx.el.input(type="text", input_mode="decimal", **common)),
        rx.el.input(type="text", **common),
    )


def _field(field: rx.Var[FieldView]) -> rx.Component:
    return rx.cond(field.kind == "image", _image_field(), _plain_field(field))


def _image_field() -> rx.Component:
    return image_upload_field(
        path=State.values["image_path"],
        upload_id=UPLOAD_ID,
        on_upload=State.upload_image(rx.upload_files(upload_id=UPLOAD_ID)),
        on_remove=State.remove_image,
        upload_error=State.upload_error,
        errors=State.errors,
    )


def _plain_field(field: rx.Var[FieldView]) -> rx.Component:
    return rx.el.div(
        rx.el.label(field.label, html_for=field.name),
        _control(field),
        rx.cond(
            field.hint != "",
            rx.el.p(field.hint, id=field.name + "-hinweis", class_name="hint"),
        ),
        field_error(field.name, State.errors),
        class_name="form-field",
    )


def admin_record_edit() -> rx.Component:
    """Every field of the record, messages next to the fields."""
    return admin_layout(
        rx.el.h1(
            rx.cond(State.record_id == 0, "Neu: ", "Bearbeiten: "),
            State.type_label,
            class_name="page-title",
        ),
        rx.el.a("Zurück zur Übersicht", href=routes.ADMIN_CONTENT),
        form_status(State.message),
        conflict_report(State.conflict, State.reload_current),
        rx.el.form(
            rx.foreach(State.fields, _field),
            rx.el.button(texts.NEWS_FORM_SAVE, type="submit", class_name="button"),
            key=State.form_key.to_string(),
            no_validate=True,
            on_submit=State.save,
            reset_on_submit=False,
            class_name="admin-form",
        ),
    )
