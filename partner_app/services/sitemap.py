"""``sitemap.xml`` and ``robots.txt``: what search engines may index."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from sqlmodel import Session, col, select

from partner_app import routes
from partner_app.models import NewsItem, Partnership
from partner_app.services.news_archive import is_public

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    """One public address and when it last changed (if known)."""

    path: str
    last_modified: date | None = None


def sitemap_entries(session: Session, *, today: date) -> list[SitemapEntry]:
    """The public page, its city tabs, the text pages and every public news item."""
    entries = [SitemapEntry(routes.PUBLIC)]
    for slug in session.exec(select(Partnership.slug).order_by(col(Partnership.since))).all():
        entries.append(SitemapEntry(f"{routes.PUBLIC}?{urlencode({'stadt': slug})}"))
    entries.extend(SitemapEntry(path) for path in routes.PUBLIC_PAGES)
    news = session.exec(
        select(NewsItem.slug, NewsItem.updated_at)
        .where(*is_public(today))
        .order_by(col(NewsItem.published_on).desc(), col(NewsItem.id).desc())
    ).all()
    entries.extend(SitemapEntry(routes.news_url(slug), updated.date()) for slug, updated in news)
    return entries


def sitemap_xml(entries: list[SitemapEntry], origin: str) -> bytes:
    """The entries as a sitemaps.org document with absolute addresses."""
    ET.register_namespace("", SITEMAP_NAMESPACE)
    urlset = ET.Element(f"{{{SITEMAP_NAMESPACE}}}urlset")
    for entry in entries:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NAMESPACE}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NAMESPACE}}}loc").text = f"{origin}{entry.path}"
        if entry.last_modified is not None:
            lastmod = ET.SubElement(url, f"{{{SITEMAP_NAMESPACE}}}lastmod")
            lastmod.text = entry.last_modified.isoformat()
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def robots_txt(origin: str) -> str:
    """Everything may be crawled except the editors' area; the sitemap is named."""
    return f"User-agent: *\nDisallow: {routes.ADMIN}\nAllow: /\n\nSitemap: {origin}/sitemap.xml\n"
