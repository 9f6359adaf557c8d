"""The detail page of one news item: the article, related news and its head."""

import reflex as rx

from partner_app import routes
from partner_app.services.clock import today_in_krefeld
from partner_app.services.filter_params import filter_url
from partner_app.services.image_uploads import CARD_SIZE
from partner_app.services.news_archive import NewsCard
from partner_app.services.news_detail import published_news_detail
from partner_app.services.page_meta import (
    SERVER_HEAD_ATTRIBUTE,
    PageMeta,
    default_page_meta,
    news_page_meta,
    not_found_meta,
)
from partner_app.settings import public_origin
from partner_app.state.language import language_of
from partner_app.state.live_news import current_revision, follow_live_news
from partner_app.state.news_archive import NewsArchiveState, shown_filter

# The server puts the head tags into the HTML for clients without JavaScript; once the
# app renders its own (which follow navigation), the server's copies must go.
_DROP_SERVER_HEAD = f"document.querySelectorAll('[{SERVER_HEAD_ATTRIBUTE}]').forEach(e=>e.remove())"


class NewsDetailState(rx.State):
    """The item the URL names; ``found`` is False for unknown or unpublished slugs."""

    loaded_slug: rx.Field[str] = rx.field("")
    found: rx.Field[bool] = rx.field(True)
    card: rx.Field[NewsCard | None] = rx.field(None)
    body_html: rx.Field[str] = rx.field("")
    body_lang: rx.Field[str] = rx.field("de")
    image_src: rx.Field[str] = rx.field("")
    image_width: rx.Field[int] = rx.field(CARD_SIZE[0])
    image_height: rx.Field[int] = rx.field(CARD_SIZE[1])
    related: rx.Field[list[NewsCard]] = rx.field(default_factory=list)
    meta: rx.Field[PageMeta] = rx.field(default_factory=lambda: default_page_meta(public_origin()))
    back_url: rx.Field[str] = rx.field(routes.PUBLIC)
    # The live-news revision the item was read at (see refresh_live).
    _shown_revision: int = -1

    @rx.event
    async def refresh_live(self) -> None:
        """Re-read the item after an editor changed public news (changed, withdrawn, related)."""
        revision = await current_revision(self)
        if not self.loaded_slug or revision == self._shown_revision:
            return
        self._shown_revision = revision
        self._show(self.loaded_slug, await language_of(self))

    @rx.event
    async def load(self) -> rx.event.EventSpec:
        """Read the item of the URL, and remember the archive's filters for the way back."""
        self._shown_revision = await follow_live_news(self)
        slug = routes.news_slug_from_path(self.router.url.path)
        # The archive state lives on across client-side navigation: its filters are the
        # ones the visitor came from (a direct visit gets the unfiltered archive).
        archive = await self.get_state(NewsArchiveState)
        lang = await language_of(self)
        self.back_url = filter_url(shown_filter(archive), lang=lang)
        self._show(slug, lang)
        return rx.call_script(_DROP_SERVER_HEAD)

    def _show(self, slug: str, lang: str) -> None:
        with rx.session() as session:
            detail = published_news_detail(
                session, slug, today=today_in_krefeld(), lang=lang, upload_dir=rx.get_upload_dir()
            )
        self.loaded_slug = slug
        if detail is None:
            self.found = False
            self.card = None
            self.body_html = ""
            self.image_src = ""
            self.related = []
            self.meta = not_found_meta(lang, public_origin(self.router.url.origin))
        else:
            self.found = True
            self.card = detail.card
            self.body_html = detail.body_html
            self.body_lang = detail.body_lang
            self.image_src = detail.image_src
            self.image_width = detail.image_width
            self.image_height = detail.image_height
            self.related = detail.related
            self.meta = news_page_meta(detail, public_origin(self.router.url.origin), lang)
