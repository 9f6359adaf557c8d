"""The read-only JSON API of the public content (open data), mounted under ``/api/v1``.

FastAPI writes the OpenAPI description (``/api/v1/openapi.json``) from the models in
``services/open_data.py``; the footer links to it. No interactive docs page: FastAPI's
loads its scripts from a CDN, and the site makes no request to another host. Anyone may
read from any origin (CORS without credentials); nothing here writes. The endpoints are
plain functions, so FastAPI runs them in its thread pool, off the event loop.
"""

from typing import Annotated
from urllib.parse import urlencode

import reflex as rx
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from partner_app.i18n import parse_language
from partner_app.services import open_data
from partner_app.services.clock import today_in_krefeld
from partner_app.services.filter_params import (
    EARLIEST_YEAR,
    LATEST_YEAR,
)
from partner_app.services.news_archive import (
    MAX_QUERY_LENGTH,
    PAGE_SIZE,
    NewsFilter,
    partnership_slugs,
    topic_options,
)
from partner_app.settings import public_origin

DESCRIPTION = """
The partner cities of Krefeld and the press archive about them, as open data: the same
content the public site shows, never a draft or an item scheduled for later.
Filters, search and order of `/nachrichten` are those of the site's archive
(`/?stadt=venlo&jahr=2024&thema=kultur&q=fest` there is `/api/v1/nachrichten?stadt=venlo&…`
here). `lang=en` gives English texts where the site has them; content written only in
German says so (`description_language`). Licence of texts and data: see the site's Impressum.
"""

Lang = Annotated[str, Query(description="de (default) or en.", pattern="^(de|en)$")]


def _origin(request: Request) -> str:
    return public_origin(f"{request.url.scheme}://{request.url.netloc}")


def open_data_api() -> FastAPI:
    """The API's own app, mounted by ``http_endpoints``; any site's scripts may read it.

    Simple GET requests (no custom headers) from any origin get ``Access-Control-Allow-
    Origin: *``. Reflex's own CORS middleware wraps the whole backend and answers every
    preflight itself, for the site's origin only: a request that needs one (a custom
    header) is refused. The API needs no header, so that costs a reader nothing.
    """
    api = FastAPI(
        title="Städtepartnerschaften Krefeld – Open Data",
        version="1",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    api.add_middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_credentials=False
    )
    api.add_middleware(GZipMiddleware)

    @api.get("/partnerschaften", summary="All partnerships, the oldest first")
    def list_partnerships(request: Request, lang: Lang = "de") -> list[open_data.PartnershipData]:
        with rx.session() as session:
            return open_data.partnerships(session, origin=_origin(request), lang=lang)

    @api.get(
        "/partnerschaften/{slug}",
        summary="One partnership",
        responses={404: {"description": "No such partnership."}},
    )
    def get_partnership(
        request: Request, slug: str, lang: Lang = "de"
    ) -> open_data.PartnershipData:
        with rx.session() as session:
            found = open_data.partnership(session, slug, origin=_origin(request), lang=lang)
        if found is None:
            raise HTTPException(404, "Keine solche Partnerschaft.")
        return found

    @api.get("/themen", summary="The topics news are filed under")
    def list_topics() -> list[open_data.TopicData]:
        with rx.session() as session:
            return open_data.topics(session)

    @api.get(
        "/nachrichten",
        summary="Public news, filtered and searched as in the site's archive",
        responses={422: {"description": "A filter value that does not exist."}},
    )
    def list_news(
        request: Request,
        stadt: Annotated[str, Query(description="A partnership's slug.")] = "",
        jahr: Annotated[int | None, Query(ge=EARLIEST_YEAR, le=LATEST_YEAR)] = None,
        thema: Annotated[str, Query(description="A topic's slug.")] = "",
        q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH, description="Free text.")] = "",
        seite: Annotated[int, Query(ge=1, description="Page, from 1.")] = 1,
        pro_seite: Annotated[int, Query(ge=1, le=open_data.MAX_PER_PAGE)] = PAGE_SIZE,
        lang: Lang = "de",
    ) -> open_data.NewsList:
        with rx.session() as session:
            if stadt and stadt not in partnership_slugs(session):
                raise HTTPException(
                    422, open_data.unknown_value_message("API_UNKNOWN_CITY", stadt, lang)
                )
            if thema and thema not in {topic.slug for topic in topic_options(session)}:
                raise HTTPException(
                    422, open_data.unknown_value_message("API_UNKNOWN_TOPIC", thema, lang)
                )
            return open_data.news_list(
                session,
                NewsFilter(city=stadt, year=jahr, topic=thema, text=q),
                today=today_in_krefeld(),
                page=seite,
                per_page=pro_seite,
                origin=_origin(request),
                lang=parse_language(lang),
                query_string=urlencode(
                    [
                        (name, value)
                        for name, value in request.query_params.multi_items()
                        if name != "seite"
                    ]
                ),
            )

    @api.get(
        "/nachrichten/{slug}",
        summary="One public news item with its text",
        responses={404: {"description": "No such public news item."}},
    )
    def get_news(request: Request, slug: str, lang: Lang = "de") -> open_data.NewsData:
        with rx.session() as session:
            found = open_data.news_item(
                session, slug, today=today_in_krefeld(), origin=_origin(request), lang=lang
            )
        if found is None:
            raise HTTPException(404, "Keine solche Meldung.")
        return found

    return api
