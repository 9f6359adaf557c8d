"""Answers the server gives without the app's JavaScript: feeds, sitemap, robots.txt,
and the HTML of news detail pages with their head filled in and the right status.

Mounted in front of Reflex (``rx.App(api_transformer=...)``), so in production (one
port) these paths are answered here; everything else goes on to Reflex.
"""

import functools
from pathlib import Path

import reflex as rx
from reflex import constants
from reflex.utils import prerequisites
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from partner_app import routes, texts
from partner_app.http_hardening import SecurityHeaders, UploadSizeLimit
from partner_app.i18n import LANGUAGE_PARAM, parse_language
from partner_app.services.clock import today_in_krefeld
from partner_app.services.news_detail import published_news_detail
from partner_app.services.news_feeds import (
    FEED_PATHS,
    MEDIA_TYPES,
    FeedFormat,
    UnknownCityError,
    feed_city,
    news_feed,
)
from partner_app.services.page_meta import head_tags_html, news_page_meta, not_found_meta
from partner_app.services.sitemap import robots_txt, sitemap_entries, sitemap_xml
from partner_app.settings import public_origin

# The shell the frontend build writes for routes without a prerendered page.
SPA_SHELL = "__spa-fallback.html"


def _origin(request: Request) -> str:
    return public_origin(str(request.base_url))


def _spa_shell() -> str | None:
    path = Path(prerequisites.get_web_dir()) / constants.Dirs.STATIC / SPA_SHELL
    try:
        return _read_shell(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None


@functools.lru_cache(maxsize=1)
def _read_shell(path: Path, _modified: int) -> str:
    # Read once per build (the modification time is part of the cache key), not per request.
    return path.read_text(encoding="utf-8")


async def news_page(request: Request) -> Response:
    """The app's HTML for ``/nachrichten/<slug>``, with this item's head; 404 when unknown."""
    slug = request.path_params["slug"]
    origin = _origin(request)
    lang = parse_language(request.query_params.get(LANGUAGE_PARAM))

    def read() -> str | None:
        with rx.session() as session:
            detail = published_news_detail(session, slug, today=today_in_krefeld(), lang=lang)
        return None if detail is None else head_tags_html(news_page_meta(detail, origin, lang))

    head = await run_in_threadpool(read)
    shell = _spa_shell()
    if shell is None:
        # No production build (development mode): the frontend server renders the page.
        return PlainTextResponse(texts.NEWS_NOT_FOUND_TEXT, status_code=404)
    status = 200 if head is not None else 404
    head = head if head is not None else head_tags_html(not_found_meta(lang))
    return HTMLResponse(shell.replace("</head>", f"{head}</head>", 1), status_code=status)


def _feed_endpoint(feed_format: FeedFormat):  # noqa: ANN202 (a Starlette endpoint)
    async def feed(request: Request) -> Response:
        origin = _origin(request)
        city_slug = request.query_params.get("stadt", "")

        def build() -> bytes | None:
            with rx.session() as session:
                try:
                    city = feed_city(session, city_slug)
                except UnknownCityError:
                    return None
                return news_feed(
                    session, feed_format, origin=origin, today=today_in_krefeld(), city=city
                )

        body = await run_in_threadpool(build)
        if body is None:
            message = texts.FEED_UNKNOWN_CITY.format(value=city_slug[:80])
            return PlainTextResponse(message, status_code=404)
        return Response(body, media_type=MEDIA_TYPES[feed_format])

    return feed


async def sitemap(request: Request) -> Response:
    """All public addresses for search engines."""
    origin = _origin(request)

    def build() -> bytes:
        with rx.session() as session:
            return sitemap_xml(sitemap_entries(session, today=today_in_krefeld()), origin)

    return Response(await run_in_threadpool(build), media_type="application/xml")


async def robots(request: Request) -> Response:
    """Crawling rules: the public site yes, the editors' area no."""
    return PlainTextResponse(robots_txt(_origin(request)))


def http_endpoints() -> Starlette:
    """The Starlette app Reflex mounts itself under (its middleware wraps every answer)."""
    news_path = routes.NEWS_PREFIX + "{slug}"
    return Starlette(
        middleware=[Middleware(SecurityHeaders), Middleware(UploadSizeLimit)],
        routes=[
            Route(news_path, news_page, methods=["GET", "HEAD"]),
            Route(news_path + "/", news_page, methods=["GET", "HEAD"]),
            *(
                Route(FEED_PATHS[feed_format], _feed_endpoint(feed_format), methods=["GET"])
                for feed_format in FeedFormat
            ),
            Route("/sitemap.xml", sitemap, methods=["GET"]),
            Route("/robots.txt", robots, methods=["GET"]),
        ],
    )
