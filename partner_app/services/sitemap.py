"""``sitemap.xml`` and ``robots.txt``: what search engines may index.

The sitemap lists each public page once per language, by the address that answers it
directly (static pages with their final slash, ``routes.page_url``) and is its own
canonical URL: the start page, each city view (``/?stadt=venlo``), the text pages and
every public news item. Filter views of the archive (year, topic, search, paging) name
their city view as canonical and are not listed. Every entry names its German and English
versions and the German one as ``x-default`` (``xhtml:link``), as the pages' heads do.
"""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from sqlmodel import Session, col, func, select

from partner_app import routes
from partner_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, with_language
from partner_app.models import NewsItem, Partnership
from partner_app.services.news_archive import is_public
from partner_app.services.news_dates import midnight_in_krefeld
from partner_app.services.news_feeds import newest_change

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
X_DEFAULT = "x-default"


@dataclass(frozen=True)
class SitemapEntry:
    """One public page (its German address) and when it last changed (if known)."""

    path: str
    last_modified: date | None = None


def language_versions(url: str) -> dict[str, str]:
    """The page ``url`` in every language, and its default (``x-default``): hreflang's set."""
    versions = {lang: with_language(url, lang) for lang in LANGUAGES}
    return {**versions, X_DEFAULT: versions[DEFAULT_LANGUAGE]}


def city_view_path(city_slug: str) -> str:
    """The address of a city's view of the start page (its tab and its news)."""
    return f"{routes.PUBLIC}?{urlencode({'stadt': city_slug})}" if city_slug else routes.PUBLIC


def sitemap_entries(session: Session, *, today: date) -> list[SitemapEntry]:
    """The public page, its city views, the text pages and every public news item."""
    entries = [SitemapEntry(routes.PUBLIC)]
    for slug in session.exec(select(Partnership.slug).order_by(col(Partnership.since))).all():
        entries.append(SitemapEntry(city_view_path(slug)))
    entries.extend(SitemapEntry(path) for path in routes.PUBLIC_PAGES)
    news = session.exec(
        select(NewsItem.slug, NewsItem.updated_at)
        .where(*is_public(today))
        .order_by(col(NewsItem.published_on).desc(), col(NewsItem.id).desc())
    ).all()
    entries.extend(SitemapEntry(routes.news_url(slug), updated.date()) for slug, updated in news)
    return entries


def sitemap_xml(entries: list[SitemapEntry], origin: str) -> bytes:
    """The entries in both languages as a sitemaps.org document with absolute addresses."""
    ET.register_namespace("", SITEMAP_NAMESPACE)
    ET.register_namespace("xhtml", XHTML_NAMESPACE)
    urlset = ET.Element(f"{{{SITEMAP_NAMESPACE}}}urlset")
    for entry in entries:
        versions = language_versions(entry.path)
        for lang in LANGUAGES:
            url = ET.SubElement(urlset, f"{{{SITEMAP_NAMESPACE}}}url")
            ET.SubElement(url, f"{{{SITEMAP_NAMESPACE}}}loc").text = f"{origin}{versions[lang]}"
            if entry.last_modified is not None:
                lastmod = ET.SubElement(url, f"{{{SITEMAP_NAMESPACE}}}lastmod")
                lastmod.text = entry.last_modified.isoformat()
            for hreflang, path in versions.items():
                ET.SubElement(
                    url,
                    f"{{{XHTML_NAMESPACE}}}link",
                    {"rel": "alternate", "hreflang": hreflang, "href": f"{origin}{path}"},
                )
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def sitemap_document(session: Session, *, origin: str, today: date) -> tuple[bytes, datetime]:
    """The sitemap and the newest change it shows (HTTP ``Last-Modified``)."""
    newest_day = session.exec(
        select(func.max(col(NewsItem.published_on))).where(*is_public(today))
    ).one()
    # A scheduled item appears at midnight of its day without a change to any row.
    appeared = [midnight_in_krefeld(newest_day)] if newest_day is not None else []
    body = sitemap_xml(sitemap_entries(session, today=today), origin)
    return body, newest_change(session, appeared)


def robots_txt(origin: str) -> str:
    """Everything may be crawled except the editors' area; the sitemap is named."""
    return f"User-agent: *\nDisallow: {routes.ADMIN}\nAllow: /\n\nSitemap: {origin}/sitemap.xml\n"
