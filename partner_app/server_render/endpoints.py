"""The Starlette endpoints of the public pages: rendered per request, else the shell."""

import functools
from pathlib import Path

import reflex as rx
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from partner_app import reflex_internals, texts
from partner_app.i18n import LANGUAGE_PARAM, parse_language
from partner_app.server_render.document import with_language, with_state
from partner_app.server_render.page_state import PageRequest, page_state
from partner_app.server_render.public_pages import (
    ADMIN_LOGIN,
    ADMIN_LOGIN_CODE,
    INDEX,
    NEWS_DETAIL,
    NOT_FOUND,
    STATIC_PAGES,
    PublicPage,
)
from partner_app.server_render.renderer import page_renderer
from partner_app.services.clock import today_in_krefeld
from partner_app.services.news_detail import published_news_detail
from partner_app.services.page_meta import head_tags_html, news_page_meta, not_found_meta
from partner_app.settings import public_origin, server_render_enabled

# The browser must ask again every time: the page shows the database as it is now.
_HEADERS = {"Cache-Control": "no-cache"}


async def index_page(request: Request) -> Response:
    """``/`` with every filter URL."""
    return await _rendered(request, INDEX) or _prerendered_page(INDEX)


async def static_page(request: Request) -> Response:
    """The accessibility statement, the Impressum and the privacy policy."""
    page = STATIC_PAGES[request.url.path]
    return await _rendered(request, page) or _prerendered_page(page)


async def login_page(request: Request) -> Response:
    """The editors' login with the reason it was opened (a failed login, a logout)."""
    return await _rendered(request, ADMIN_LOGIN) or _prerendered_page(ADMIN_LOGIN)


async def login_code_page(request: Request) -> Response:
    """The code step of a two-factor login, with why it was opened again (a wrong code)."""
    return await _rendered(request, ADMIN_LOGIN_CODE) or _prerendered_page(ADMIN_LOGIN_CODE)


async def news_page(request: Request) -> Response:
    """``/nachrichten/<slug>``: the item, or the page's "not found" with status 404."""
    slug = request.path_params["slug"]
    return await _rendered(request, NEWS_DETAIL, {"slug": slug}) or await _news_shell(request, slug)


async def not_found_page(request: Request) -> Response | None:
    """The "not found" page for an unknown address, rendered; None to keep Reflex's own."""
    return await _rendered(request, NOT_FOUND)


async def _rendered(
    request: Request, page: PublicPage, params: dict[str, str] | None = None
) -> Response | None:
    """The page rendered with this request's state; None when it cannot be rendered."""
    if not server_render_enabled() or page_renderer.is_resting():
        return None
    origin = str(request.base_url).rstrip("/")
    state = await page_state(
        page,
        PageRequest(
            path=request.url.path, query=request.url.query, origin=origin, params=params or {}
        ),
    )
    rendered = await page_renderer.render(str(request.url), state.json)
    if rendered is None:
        return None
    html = with_language(with_state(rendered.html, state.json), state.lang)
    status = 404 if state.missing else 200
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


def _prerendered_page(page: PublicPage) -> Response:
    html = _prerendered(page.prerendered)
    if html is None:
        return PlainTextResponse(texts.NOT_FOUND_TITLE, status_code=404)
    return HTMLResponse(html, headers=_HEADERS)


async def _news_shell(request: Request, slug: str) -> Response:
    """The shell with this item's head tags, for clients without JavaScript and crawlers."""
    origin = public_origin(str(request.base_url))
    lang = parse_language(request.query_params.get(LANGUAGE_PARAM))

    def read() -> str | None:
        with rx.session() as session:
            detail = published_news_detail(
                session, slug, today=today_in_krefeld(), lang=lang, upload_dir=rx.get_upload_dir()
            )
        return None if detail is None else head_tags_html(news_page_meta(detail, origin, lang))

    head = await run_in_threadpool(read)
    shell = _prerendered(NEWS_DETAIL.prerendered)
    if shell is None:
        # No production build (development mode): the frontend server renders the page.
        return PlainTextResponse(texts.NEWS_NOT_FOUND_TEXT, status_code=404)
    status = 200 if head is not None else 404
    head = head if head is not None else head_tags_html(not_found_meta(lang, origin))
    return HTMLResponse(shell.replace("</head>", f"{head}</head>", 1), status_code=status)


def _prerendered(name: str) -> str | None:
    path = reflex_internals.static_dir() / name
    try:
        return _read_file(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None


@functools.lru_cache(maxsize=8)
def _read_file(path: Path, _modified: int) -> str:
    # Read once per build (the modification time is part of the cache key), not per request.
    return path.read_text(encoding="utf-8")
