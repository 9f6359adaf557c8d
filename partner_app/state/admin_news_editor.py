"""The form that creates or changes a news item."""

import dataclasses

import reflex as rx

from partner_app import routes
from partner_app.services.clock import today_in_krefeld
from partner_app.services.edit_conflicts import EditConflictError, RecordGoneError
from partner_app.services.form_validation import ValidationError
from partner_app.services.markdown_text import render_markdown
from partner_app.services.news_admin import NewsForm, empty_news_form, news_form, save_news
from partner_app.services.news_archive import TopicOption, topic_options
from partner_app.services.partnerships import PartnershipView, partnerships_by_since
from partner_app.state.admin_session import require_editor
from partner_app.state.image_upload import receive_image
from partner_app.state.live_news import announce_news_change

CITY_FIELD_PREFIX = "stadt__"
UPLOAD_ID = "news-bild"
TOPIC_FIELD_PREFIX = "thema__"
TEXT_FIELDS = (
    "title",
    "teaser",
    "body",
    "published_on",
    "published_precision",
    "status",
    "image_path",
    "image_alt",
    "image_caption",
    "image_credit",
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


class AdminNewsEditorState(rx.State):
    """What the form shows: values, messages per field, a conflict report."""

    news_id: int = 0
    form: NewsForm = NewsForm()
    # Re-creates the (uncontrolled) inputs when another record is loaded.
    form_key: int = 0
    errors: dict[str, str] = {}
    conflict: dict[str, str] = {}
    message: str = ""
    upload_error: str = ""
    preview_html: str = ""
    cities: list[PartnershipView] = []
    topics: list[TopicOption] = []
    _base: NewsForm = NewsForm()
    _base_version: int = 0

    @rx.var
    def is_new(self) -> bool:
        """Whether the form creates a new item."""
        return self.news_id == 0

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        """Load the item named in the URL (``?id=``), or an empty form."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        raw_id = self.router.url.query_parameters.get("id", "")
        if raw_id != str(self.news_id):
            # Another item: the last save's message was about the previous one.
            self.message = ""
        with rx.session() as session:
            self.cities = partnerships_by_since(session)
            self.topics = topic_options(session)
            if raw_id.isdigit():
                try:
                    form, version = news_form(session, int(raw_id))
                except RecordGoneError:
                    return rx.redirect(routes.ADMIN_NEWS)
                self.news_id = int(raw_id)
            else:
                form, version = empty_news_form(today_in_krefeld()), 0
                self.news_id = 0
        self._show(form, version)
        return None

    @rx.event
    async def save(self, form_data: dict[str, str]) -> rx.event.EventSpec | None:
        """Validate and save; on failure keep every input and say what is wrong."""
        editor = await require_editor(self)
        if editor is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        submitted = form_from_submission(form_data)
        self.form = submitted
        self.message = ""
        with rx.session() as session:
            try:
                news_id = save_news(
                    session,
                    submitted,
                    editor=editor.username,
                    today=today_in_krefeld(),
                    news_id=self.news_id or None,
                    base=self._base,
                    base_version=self._base_version or None,
                )
            except ValidationError as invalid:
                self.errors = invalid.errors
                self.conflict = {}
                self.message = "Bitte prüfen Sie die markierten Felder."
                return None
            except EditConflictError as conflict:
                self.errors = {}
                self.conflict = conflict.changes
                self.message = ""
                return None
            except RecordGoneError:
                self.message = "Diese Meldung wurde inzwischen gelöscht."
                return None
            form, version = news_form(session, news_id)
        await announce_news_change(self)
        created = self.news_id == 0
        self.news_id = news_id
        self._show(form, version)
        self.message = "Die Meldung wurde gespeichert."
        if created:
            return rx.redirect(routes.news_edit_url(news_id), replace=True)
        return None

    @rx.event
    async def reload_current(self) -> rx.event.EventSpec | None:
        """After a conflict: load the version saved by the other person."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        with rx.session() as session:
            try:
                form, version = news_form(session, self.news_id)
            except RecordGoneError:
                return rx.redirect(routes.ADMIN_NEWS)
        self._show(form, version)
        self.message = "Die aktuelle Fassung wurde geladen."
        return None

    @rx.event
    async def preview(self, body: str) -> rx.event.EventSpec | None:
        """Render the body as the public will see it (while the editor types)."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.preview_html = render_markdown(str(body)[:20_000])
        return None

    @rx.event
    async def upload_image(self, files: list[rx.UploadFile]) -> rx.event.EventSpec | None:
        """Check and store an uploaded image; the form then refers to it."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        path, self.upload_error = await receive_image(files, folder="news")
        if path:
            self.form = dataclasses.replace(self.form, image_path=path)
        return None

    @rx.event
    async def remove_image(self) -> rx.event.EventSpec | None:
        """Detach the image from the item (saved with the next save)."""
        if await require_editor(self) is None:
            return rx.redirect(routes.ADMIN_LOGIN)
        self.form = dataclasses.replace(self.form, image_path="")
        self.upload_error = ""
        return None

    def _show(self, form: NewsForm, version: int) -> None:
        self.form = form
        self._base = dataclasses.replace(form)
        self._base_version = version
        self.errors = {}
        self.conflict = {}
        self.upload_error = ""
        self.preview_html = render_markdown(form.body) if form.body else ""
        self.form_key += 1
