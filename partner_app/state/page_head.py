"""The head of the start page, the text pages and "not found": canonical, previews, feeds.

A news item's head lives in ``NewsDetailState.meta``. Both are rendered by
``components/page_head.py`` from the state, so the server's first HTML carries them and
they follow client-side navigation (on_load runs again on every new URL, a tab or a
filter change too).
"""

import reflex as rx

from partner_app.services.page_meta import PageMeta, default_page_meta, public_page_meta
from partner_app.settings import public_origin
from partner_app.state.assign import assign_if_changed
from partner_app.state.language import language_of


class PageHeadState(rx.State):
    """What the page's head says about it (``services/page_meta``)."""

    # The build's origin: what the prerendered shell (no renderer, no on_load yet) says.
    meta: rx.Field[PageMeta] = rx.field(default_factory=lambda: default_page_meta(public_origin()))
    # What the head was last described for: a year, topic or search changes nothing in it.
    _described_for: tuple[str, ...] = ()

    @rx.event
    async def describe(self) -> None:
        """Describe the page of the URL (after LanguageState.detect in every ON_LOAD)."""
        url = self.router.url
        lang = await language_of(self)
        city = url.query_parameters.get("stadt", "") if url.path == "/" else ""
        key = (self.router.session.session_id, url.path, str(city), lang)
        if key == self._described_for:
            return
        self._described_for = key
        with rx.session() as session:
            meta = public_page_meta(
                session,
                url.path,
                str(city),
                origin=public_origin(url.origin),
                lang=lang,
                upload_dir=rx.get_upload_dir(),
            )
        assign_if_changed(self, "meta", meta)
