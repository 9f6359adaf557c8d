"""The form that creates or changes a news item."""

import dataclasses

import reflex as rx

from partner_app import routes, texts_admin
from partner_app.services.clock import today_in_krefeld
from partner_app.services.edit_conflicts import RecordGoneError
from partner_app.services.form_drafts import form_name
from partner_app.services.markdown_text import render_markdown
from partner_app.services.news_admin import (
    NewsForm,
    changes_public_news,
    empty_news_form,
    news_form,
    save_news,
)
from partner_app.services.news_archive import TopicOption, topic_options
from partner_app.services.partnerships import PartnershipView, partnerships_by_since
from partner_app.services.versioning import Snapshot
from partner_app.state.admin_session import SignedInEditor, editor_only, holds_admin_data
from partner_app.state.database_thread import in_session
from partner_app.state.editor_forms import EditorFormMixin
from partner_app.state.live_news import announce_news_change

CITY_FIELD_PREFIX = "stadt__"
UPLOAD_ID = "news-bild"
TOPIC_FIELD_PREFIX = "thema__"
# Every field of the form but the two check groups, which arrive as one key per box.
TEXT_FIELDS = tuple(
    spec.name for spec in dataclasses.fields(NewsForm) if spec.name not in {"cities", "topics"}
)


def form_from_submission(form_data: dict[str, str]) -> NewsForm:
    """A :class:`NewsForm` from the browser's form data (anything else is ignored)."""
    values = {name: str(form_data.get(name, "")) for name in TEXT_FIELDS}
    cities = [
        key.removeprefix(CITY_FIELD_PREFIX)
        for key in form_data
        if key.startswith(CITY_FIELD_PREFIX)
    ]
    topics = [
        key.removeprefix(TOPIC_FIELD_PREFIX)
        for key in form_data
        if key.startswith(TOPIC_FIELD_PREFIX)
    ]
    return NewsForm(**values, cities=cities, topics=topics)


@holds_admin_data
class AdminNewsEditorState(EditorFormMixin, rx.State):
    """What the form shows: values, messages per field, a conflict report."""

    news_id: rx.Field[int] = rx.field(0)
    form: rx.Field[NewsForm] = rx.field(default_factory=NewsForm)
    preview_html: rx.Field[str] = rx.field("")
    cities: rx.Field[list[PartnershipView]] = rx.field(default_factory=list)
    topics: rx.Field[list[TopicOption]] = rx.field(default_factory=list)

    @rx.var
    def is_new(self) -> bool:
        """Whether the form creates a new item."""
        return self.news_id == 0

    @rx.event
    @editor_only
    async def load(self, editor: SignedInEditor) -> rx.event.EventSpec | None:
        """Load the item named in the URL (``?id=``), or an empty form."""
        raw_id = self.router.url.query_parameters.get("id", "")
        if raw_id != str(self.news_id):
            # Another item: the last save's message was about the previous one.
            self.message = ""
        self.cities, self.topics = await in_session(
            lambda session: (partnerships_by_since(session), topic_options(session))
        )
        if raw_id.isdigit():
            try:
                form, opened = await in_session(lambda session: news_form(session, int(raw_id)))
            except RecordGoneError:
                return rx.redirect(routes.ADMIN_NEWS)
            self.news_id = int(raw_id)
        else:
            form, opened = empty_news_form(today_in_krefeld()), Snapshot()
            self.news_id = 0
        self._show(form, opened)
        await self._offer_draft(editor.username)
        return None

    @rx.event
    @editor_only
    async def save(
        self, editor: SignedInEditor, form_data: dict[str, str]
    ) -> rx.event.EventSpec | None:
        """Validate and save; on failure keep every input and say what is wrong."""
        submitted = form_from_submission(form_data)
        self.form = submitted
        unsaved_name = self._draft_name()
        news_id = await self._saved(
            lambda session: save_news(
                session,
                submitted,
                editor=editor.username,
                today=today_in_krefeld(),
                news_id=self.news_id or None,
                opened=self._opened_version(),
            )
        )
        if news_id is None:
            return self._to_the_problem()
        before = self._opened.values.get("status") if self.news_id else None
        if changes_public_news(before, submitted.status):
            await announce_news_change(self)
        created, self.news_id = self.news_id == 0, news_id
        return await self._shown_as_saved(
            editor=editor.username,
            unsaved_name=unsaved_name,
            created=created,
            message=texts_admin.NEWS_FORM_SAVED,
            edit_url=routes.news_edit_url(news_id),
        )

    @rx.event
    @editor_only
    async def preview(self, body: str) -> rx.event.EventSpec | None:
        """Render the body as the public will see it (while the editor types)."""
        self.preview_html = render_markdown(str(body)[:20_000])
        return None

    def _show(self, form: NewsForm, opened: Snapshot) -> None:
        self._show_version(opened)
        self.form = form
        self.preview_html = render_markdown(form.body) if form.body else ""

    async def _show_saved(self) -> None:
        news_id = self.news_id
        self._show(*await in_session(lambda session: news_form(session, news_id)))

    def _draft_name(self) -> str:
        return form_name("news", self.news_id)

    def _apply_draft(self, fields: dict[str, str]) -> None:
        self._show(form_from_submission(fields), self._opened)

    def _list_route(self) -> str:
        return routes.ADMIN_NEWS

    def _upload_folder(self) -> str:
        return "news"

    def _set_image_path(self, path: str) -> None:
        self.form = dataclasses.replace(self.form, image_path=path)

    def _gone_message(self) -> str:
        return texts_admin.NEWS_FORM_GONE
