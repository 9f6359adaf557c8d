"""Pieces the admin forms share: conflict report, image upload, delete confirmation.

Field messages and the status line (``form_fields``) are re-exported for them.
"""

from typing import Any

import reflex as rx
from reflex.event import EventCallback, EventType
from reflex.vars import ObjectVar, StringVar

from partner_app import texts_admin
from partner_app.components.form_fields import described_by, field_error, form_status
from partner_app.reflex_internals import upload_of_accepted_files
from partner_app.services.image_uploads import ACCEPTED_TYPES, MAX_UPLOAD_BYTES, UPLOAD_HINT

__all__ = [
    "conflict_report",
    "delete_confirmation",
    "described_by",
    "field_error",
    "form_status",
    "image_upload_field",
]


def conflict_report(conflict: ObjectVar[dict[str, str]], on_reload: EventType[()]) -> rx.Component:
    """Explains that someone else saved first, lists what they changed, offers a reload."""
    return rx.cond(
        conflict.length() > 0,
        rx.el.div(
            rx.el.p(texts_admin.NEWS_FORM_CONFLICT),
            rx.el.ul(
                rx.foreach(conflict, lambda item: rx.el.li(rx.el.strong(item[0]), ": ", item[1]))
            ),
            rx.el.button(
                texts_admin.NEWS_FORM_RELOAD,
                type="button",
                on_click=on_reload,
                class_name="button button-secondary",
            ),
            role="alert",
            id="konflikt",
            class_name="notice",
        ),
    )


def image_upload_field(
    *,
    path: rx.Var[str],
    upload_id: str,
    on_upload: EventType[()],
    on_refuse: EventCallback[list[dict[str, Any]]],
    on_remove: EventType[()],
    upload_error: StringVar,
    errors: ObjectVar[dict[str, str]],
) -> rx.Component:
    """Preview, upload and removal of an image; its path travels in a hidden field.

    The hidden input is controlled: an upload updates it without re-creating the
    form, so nothing typed elsewhere is lost. The browser checks the file's size and
    type first: a file the server would refuse is not sent (``on_upload`` runs only for
    an accepted file), and ``on_refuse`` gets react-dropzone's records of why (see
    :func:`_plain_rejections`).
    """
    return rx.el.fieldset(
        rx.el.legend(texts_admin.IMAGE_LEGEND),
        rx.el.input(type="hidden", name="image_path", value=path),
        rx.cond(
            path != "",
            rx.el.div(
                rx.el.img(
                    src="/" + path.to(str),
                    alt=texts_admin.IMAGE_PREVIEW_ALT,
                    width=320,
                    height=180,
                    class_name="image-preview",
                ),
                rx.el.button(
                    texts_admin.IMAGE_REMOVE,
                    type="button",
                    on_click=on_remove,
                    class_name="button button-secondary",
                ),
            ),
            rx.el.p(texts_admin.IMAGE_NONE, class_name="hint"),
        ),
        # The label names react-dropzone's file input (its first labelable descendant).
        rx.el.label(
            rx.el.span(texts_admin.IMAGE_FILE_LABEL, class_name="visually-hidden"),
            rx.upload.root(
                rx.el.button(
                    texts_admin.IMAGE_UPLOAD, type="button", class_name="button button-secondary"
                ),
                rx.el.span(UPLOAD_HINT, class_name="hint"),
                id=upload_id,
                multiple=False,
                no_drag=True,
                no_keyboard=True,
                accept=ACCEPTED_TYPES,
                max_size=MAX_UPLOAD_BYTES,
                on_drop=upload_of_accepted_files(on_upload),
                on_drop_rejected=lambda rejected: on_refuse(_plain_rejections(rejected)),
            ),
        ),
        rx.cond(
            upload_error != "",
            rx.el.p(upload_error, role="alert", id="bild-fehler", class_name="field-error"),
        ),
        field_error("image_path", errors),
        class_name="check-group image-group",
    )


def _plain_rejections(rejected: rx.Var) -> rx.Var[list[dict[str, Any]]]:
    """react-dropzone's rejection records with the file reduced to its name, size and type.

    The File itself must not go to the server: socket.io would send its bytes along,
    the very upload the check is there to spare.
    """
    return rx.Var(
        _js_expr=(
            f"({rejected}).map((record) => ({{"
            "file: {name: record.file.name, size: record.file.size, type: record.file.type}, "
            "errors: record.errors.map((error) => ({code: error.code}))}))"
        ),
        _var_data=rejected._get_all_var_data(),
    ).to(list[dict[str, Any]])


def delete_confirmation(
    *,
    pending: rx.Var[bool],
    question: tuple[str, str],
    name: rx.Var[str],
    on_confirm: EventType[()],
    on_cancel: EventType[()],
) -> rx.Component:
    """Asks before deleting; ``question`` is the text before and after the item's name."""
    return rx.cond(
        pending,
        rx.el.div(
            rx.el.p(question[0], name, question[1], id="loeschen-frage"),
            rx.el.button(
                texts_admin.NEWS_DELETE_YES,
                type="button",
                on_click=on_confirm,
                class_name="button button-danger",
                auto_focus=True,
            ),
            rx.el.button(
                texts_admin.NEWS_DELETE_NO,
                type="button",
                on_click=on_cancel,
                class_name="button button-secondary",
            ),
            role="alertdialog",
            aria_labelledby="loeschen-frage",
            class_name="confirm-box",
        ),
    )
