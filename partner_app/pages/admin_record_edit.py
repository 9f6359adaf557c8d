"""The form of a partnership, contact, address or intro, rendered from its fields."""

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.components.admin_form import conflict_report, form_status
from partner_app.components.admin_layout import admin_layout
from partner_app.components.editor_form import editor_form, image_field, spec_fields
from partner_app.services.content_types import RECORD_TYPES
from partner_app.services.record_editing import RecordType
from partner_app.state.admin_navigation import AdminNavigationState
from partner_app.state.admin_record_editor import UPLOAD_ID, AdminRecordEditorState

ROUTE = routes.ADMIN_CONTENT_EDIT
TITLE = texts_admin.RECORD_FORM_TITLE
ON_LOAD = [AdminRecordEditorState.load, AdminNavigationState.load]

State = AdminRecordEditorState


def _fields_of(record_type: RecordType) -> rx.Component:
    return rx.fragment(
        *spec_fields(
            record_type.fields,
            value_of=lambda name: State.values[name],
            errors=State.errors,
            custom={
                "image_path": image_field(
                    State, path=State.values["image_path"], upload_id=UPLOAD_ID
                )
            },
        )
    )


def admin_record_edit() -> rx.Component:
    """Every field of the record, messages next to the fields."""
    return admin_layout(
        rx.el.h1(
            rx.cond(
                State.record_id == 0, texts_admin.RECORD_FORM_NEW, texts_admin.RECORD_FORM_EDIT
            ),
            State.type_label,
            class_name="page-title",
        ),
        rx.el.a(texts_admin.RECORD_FORM_BACK, href=routes.ADMIN_CONTENT),
        form_status(State.message),
        conflict_report(State.conflict, State.reload_current),
        editor_form(
            State,
            # Each record type's fields, rendered from its specs; the URL picks the type.
            rx.match(
                State.type_key,
                *((key, _fields_of(record_type)) for key, record_type in RECORD_TYPES.items()),
                rx.fragment(),
            ),
        ),
    )
