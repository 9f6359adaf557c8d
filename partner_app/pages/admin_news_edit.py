"""The form of one news item (new or existing)."""

import reflex as rx
from reflex.vars import ArrayVar, ObjectVar, StringVar

from partner_app import routes, texts_admin
from partner_app.components.admin_form import (
    conflict_report,
    field_error,
    form_status,
)
from partner_app.components.admin_layout import admin_layout
from partner_app.components.editor_form import editor_form, image_field, spec_fields
from partner_app.services.news_admin import FIELD_LABELS, NEWS_FIELDS
from partner_app.services.news_archive import TopicOption
from partner_app.services.partnerships import PartnershipView
from partner_app.state.admin_navigation import AdminNavigationState
from partner_app.state.admin_news_editor import (
    CITY_FIELD_PREFIX,
    TOPIC_FIELD_PREFIX,
    UPLOAD_ID,
    AdminNewsEditorState,
)

ROUTE = routes.ADMIN_NEWS_EDIT
TITLE = f"{texts_admin.NEWS_FORM_EDIT} – {texts_admin.ADMIN_TITLE}"
ON_LOAD = [AdminNewsEditorState.load, AdminNavigationState.load]

State = AdminNewsEditorState


def _checkbox(
    prefix: str, slug: StringVar, label: StringVar, checked: ArrayVar[list[str]]
) -> rx.Component:
    field_id = prefix + slug
    return rx.el.div(
        rx.el.input(
            type="checkbox", id=field_id, name=field_id, default_checked=checked.contains(slug)
        ),
        rx.el.label(label, html_for=field_id),
        class_name="check-field",
    )


def _city_checkbox(city: ObjectVar[PartnershipView]) -> rx.Component:
    return _checkbox(
        CITY_FIELD_PREFIX, city.slug.to(str), city.name.to(str), State.form.cities.to(list[str])
    )


def _topic_checkbox(topic: ObjectVar[TopicOption]) -> rx.Component:
    return _checkbox(
        TOPIC_FIELD_PREFIX, topic.slug.to(str), topic.name.to(str), State.form.topics.to(list[str])
    )


def _choice_group(name: str, items: rx.Component) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(FIELD_LABELS[name]),
        items,
        field_error(name, State.errors),
        class_name="check-group",
    )


def admin_news_edit() -> rx.Component:
    """Every field of a news item, messages next to the fields, a body preview."""
    return admin_layout(
        rx.el.h1(
            rx.cond(State.is_new, texts_admin.NEWS_FORM_NEW, texts_admin.NEWS_FORM_EDIT),
            class_name="page-title",
        ),
        rx.el.a(texts_admin.NEWS_FORM_BACK, href=routes.ADMIN_NEWS),
        form_status(State.message),
        conflict_report(State.conflict, State.reload_current),
        editor_form(
            State,
            *spec_fields(
                NEWS_FIELDS,
                value_of=lambda name: getattr(State.form, name),
                errors=State.errors,
                custom={
                    "cities": _choice_group("cities", rx.foreach(State.cities, _city_checkbox)),
                    "topics": _choice_group("topics", rx.foreach(State.topics, _topic_checkbox)),
                    "image_path": image_field(
                        State, path=State.form.image_path, upload_id=UPLOAD_ID
                    ),
                },
                control_props={"body": {"on_change": State.preview.debounce(400)}},
            ),
        ),
        rx.cond(
            State.preview_html != "",
            rx.el.section(
                rx.el.h2(texts_admin.NEWS_FORM_PREVIEW, id="vorschau"),
                # Safe: markdown-it renders with raw HTML off (services.markdown_text).
                rx.html(State.preview_html, class_name="markdown-preview"),
                aria_labelledby="vorschau",
            ),
        ),
    )
