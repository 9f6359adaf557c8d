"""The form of one news item (new or existing)."""

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
from partner_app.services.news_archive import TopicOption
from partner_app.services.partnerships import PartnershipView
from partner_app.state.admin_news_editor import (
    CITY_FIELD_PREFIX,
    TOPIC_FIELD_PREFIX,
    UPLOAD_ID,
    AdminNewsEditorState,
)

ROUTE = routes.ADMIN_NEWS_EDIT
TITLE = f"{texts.NEWS_FORM_EDIT} – {texts.ADMIN_TITLE}"
ON_LOAD = [AdminNewsEditorState.load]

State = AdminNewsEditorState


def _text_field(
    name: str, label: str, *, multiline: bool = False, hint: str = "", **props: object
) -> rx.Component:
    hint_id = f"{name}-hinweis" if hint else ""
    control = rx.el.textarea if multiline else rx.el.input
    return rx.el.div(
        rx.el.label(label, html_for=name),
        control(
            id=name,
            name=name,
            default_value=getattr(State.form, name),
            aria_invalid=rx.cond(State.errors.contains(name), "true", "false"),
            aria_describedby=described_by(name, State.errors, hint_id),
            **props,
        ),
        rx.cond(hint != "", rx.el.p(hint, id=hint_id, class_name="hint"))
        if hint
        else rx.fragment(),
        field_error(name, State.errors),
        class_name="form-field",
    )


def _select_field(name: str, label: str, options: tuple[tuple[str, str], ...]) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=name),
        rx.el.select(
            *(rx.el.option(text, value=value) for value, text in options),
            id=name,
            name=name,
            default_value=getattr(State.form, name),
            aria_describedby=described_by(name, State.errors),
        ),
        field_error(name, State.errors),
        class_name="form-field",
    )


def _checkbox(
    prefix: str, slug: rx.Var[str], label: rx.Var[str], checked: rx.Var[list[str]]
) -> rx.Component:
    field_id = prefix + slug
    return rx.el.div(
        rx.el.input(
            type="checkbox", id=field_id, name=field_id, default_checked=checked.contains(slug)
        ),
        rx.el.label(label, html_for=field_id),
        class_name="check-field",
    )


def _city_checkbox(city: rx.Var[PartnershipView]) -> rx.Component:
    return _checkbox(CITY_FIELD_PREFIX, city.slug, city.name, State.form.cities)


def _topic_checkbox(topic: rx.Var[TopicOption]) -> rx.Component:
    return _checkbox(TOPIC_FIELD_PREFIX, topic.slug, topic.name, State.form.topics)


def _choice_group(legend: str, name: str, items: rx.Component) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(legend),
        items,
        field_error(name, State.errors),
        class_name="check-group",
    )


def admin_news_edit() -> rx.Component:
    """Every field of a news item, messages next to the fields, a body preview."""
    return admin_layout(
        rx.el.h1(
            rx.cond(State.is_new, texts.NEWS_FORM_NEW, texts.NEWS_FORM_EDIT),
            class_name="page-title",
        ),
        rx.el.a(texts.NEWS_FORM_BACK, href=routes.ADMIN_NEWS),
        form_status(State.message),
        conflict_report(State.conflict, State.reload_current),
        rx.el.form(
            _text_field("title", "Titel", aria_required="true", max_length=200),
            _text_field(
                "teaser", "Kurztext", multiline=True, rows=3, required=True, max_length=600
            ),
            _text_field(
                "body",
                "Text",
                multiline=True,
                rows=10,
                hint=texts.NEWS_FORM_MARKDOWN_HINT,
                on_change=State.preview.debounce(400),
            ),
            _text_field(
                "published_on",
                "Veröffentlichungsdatum",
                type="date",
                hint=texts.NEWS_FORM_DATE_HINT,
            ),
            _select_field("published_precision", "Genauigkeit des Datums", texts.PRECISION_OPTIONS),
            _select_field("status", "Status", texts.NEWS_STATUS_OPTIONS),
            _choice_group("Partnerstädte", "cities", rx.foreach(State.cities, _city_checkbox)),
            _choice_group("Themen", "topics", rx.foreach(State.topics, _topic_checkbox)),
            image_upload_field(
                path=State.form.image_path,
                upload_id=UPLOAD_ID,
                on_upload=State.upload_image(rx.upload_files(upload_id=UPLOAD_ID)),
                on_remove=State.remove_image,
                upload_error=State.upload_error,
                errors=State.errors,
            ),
            _text_field("image_alt", "Alternativtext des Bildes", max_length=300),
            _text_field("image_caption", "Bildunterschrift", max_length=500),
            _text_field("image_credit", "Bildnachweis", max_length=200),
            rx.el.button(texts.NEWS_FORM_SAVE, type="submit", class_name="button"),
            key=State.form_key.to_string(),
            # The server checks everything and answers in German next to each field.
            no_validate=True,
            on_submit=State.save,
            reset_on_submit=False,
            class_name="admin-form",
        ),
        rx.cond(
            State.preview_html != "",
            rx.el.section(
                rx.el.h2(texts.NEWS_FORM_PREVIEW, id="vorschau"),
                # Safe: markdown-it renders with raw HTML off (services.markdown_text).
                rx.html(State.preview_html, class_name="markdown-preview"),
                aria_labelledby="vorschau",
            ),
        ),
    )
