"""Answers the server gives without the app's JavaScript: the public pages rendered per
request (partner_app.server_render), feeds, sitemap and robots.txt, the open data API
(partner_app.open_data_api), and the editors' login and logout (partner_app.admin_endpoints).

Mounted in front of Reflex (``rx.App(api_transformer=...)``), so in production (one
port) these paths are answered here; everything else goes on to Reflex.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime

import reflex as rx
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route

from partner_app import routes, texts
from partner_app.admin_endpoints import log_in_code_endpoint, log_in_endpoint, log_out_endpoint
from partner_app.http_caching import conditional_response
from partner_app.http_hardening import SecurityHeaders, UploadSizeLimit
from partner_app.models import utc_now
from partner_app.open_data_api import open_data_api
from partner_app.server_render.endpoints import (
    index_page,
    login_code_page,
    login_page,
    news_page,
    static_page,
)
from partner_app.server_render.public_pages import STATIC_PAGES
from partner_app.services.clock import today_in_krefeld
from partner_app.services.news_feeds import (
    FEED_PATHS,
    MEDIA_TYPES,
    FeedDocument,
    FeedFormat,
    UnknownCityError,
    feed_city,
    news_feed,
)
from partner_app.services.sitemap import robots_txt, sitemap_document
from partner_app.settings import public_origin


def _origin(request: Request) -> str:
    return public_origin(str(request.base_url))


def _feed_endpoint(feed_format: FeedFormat):  # noqa: ANN202 (a Starlette endpoint)
    async def feed(request: Request) -> Response:
        origin = _origin(request)
        city_slug = request.query_params.get("stadt", "")

        # Before the database is read: a change after it is never older than this.
        now = utc_now()

        def build() -> FeedDocument | None:
            with rx.session() as session:
                try:
                    city = feed_city(session, city_slug)
                except UnknownCityError:
                    return None
                return news_feed(
                    session,
                    feed_format,
                    origin=origin,
                    today=today_in_krefeld(),
                    city=city,
                    upload_dir=rx.get_upload_dir(),
                )

        document = await run_in_threadpool(build)
        if document is None:
            message = texts.FEED_UNKNOWN_CITY.format(value=city_slug[:80])
            return PlainTextResponse(message, status_code=404)
        return conditional_response(
            request, document.body, document.last_modified, MEDIA_TYPES[feed_format], now
        )

    return feed


async def sitemap(request: Request) -> Response:
    """All public addresses for search engines."""
    origin = _origin(request)
    now = utc_now()

    def build() -> tuple[bytes, datetime]:
        with rx.session() as session:
            return sitemap_document(session, origin=origin, today=today_in_krefeld())

    body, last_modified = await run_in_threadpool(build)
    return conditional_response(request, body, last_modified, "application/xml", now)


async def robots(request: Request) -> Response:
    """Crawling rules: the public site yes, the editors' area no."""
    return PlainTextResponse(robots_txt(_origin(request)))


def _compressed(path: str, endpoint: Callable[[Request], Awaitable[Response]]) -> Route:
    """A GET route whose answer is gzip-compressed for clients that accept it.

    Only these generated texts: the static build is precompressed, images are compressed.
    """
    return Route(path, endpoint, methods=["GET", "HEAD"], middleware=[Middleware(GZipMiddleware)])


def http_endpoints() -> Starlette:
    """The Starlette app Reflex mounts itself under (its middleware wraps every answer)."""
    news_path = routes.NEWS_PREFIX + "{slug}"
    return Starlette(
        middleware=[Middleware(SecurityHeaders), Middleware(UploadSizeLimit)],
        routes=[
            _compressed(routes.PUBLIC, index_page),
            *(_compressed(path, static_page) for path in STATIC_PAGES),
            _compressed(news_path, news_page),
            _compressed(news_path + "/", news_page),
            *(
                _compressed(FEED_PATHS[feed_format], _feed_endpoint(feed_format))
                for feed_format in FeedFormat
            ),
            _compressed("/sitemap.xml", sitemap),
            Route("/robots.txt", robots, methods=["GET"]),
            _compressed(routes.page_url(routes.ADMIN_LOGIN), login_page),
            Route(routes.ADMIN_LOGIN, log_in_endpoint, methods=["POST"]),
            Route(routes.ADMIN_LOGIN + "/", log_in_endpoint, methods=["POST"]),
            _compressed(routes.page_url(routes.ADMIN_LOGIN_CODE), login_code_page),
            Route(routes.ADMIN_LOGIN_CODE, log_in_code_endpoint, methods=["POST"]),
            Route(routes.ADMIN_LOGIN_CODE + "/", log_in_code_endpoint, methods=["POST"]),
            Route(routes.ADMIN_LOGOUT, log_out_endpoint, methods=["POST"]),
            # The open data API (FastAPI, its own OpenAPI description).
            Mount(routes.API, app=open_data_api()),
        ],
    )
