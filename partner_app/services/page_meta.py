"""What a page tells browsers, search engines, feed readers and link previews about itself.

Every public page's head carries (rendered into the first HTML, see server_render):

* ``<title>`` and the meta description;
* a canonical URL and its language versions (``hreflang`` de, en and x-default), the
  same set the sitemap lists; a filter view of the archive (year, topic, search) names
  its city view (``/?stadt=venlo``) or ``/`` as canonical, so search engines see no
  duplicates;
* OpenGraph (``og:title`` is the page's own name, without the site's; ``og:url``
  absolute; ``og:image`` an absolute JPEG or PNG with its type, size and alt text, since
  the social networks show no SVG; ``og:locale`` and its alternate) and
  ``twitter:card`` ``summary_large_image``;
* the feeds that fit the page: a city view and a news item name their cities' feeds
  before the feeds of all news;
* on a news item, a schema.org ``NewsArticle`` whose ``datePublished`` is as precise as
  the date is known (``news_dates``).

The "not found" page is not indexed and names no canonical URL and no language versions.
"""

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from partner_app import routes, texts
from partner_app.i18n import LANGUAGES, parse_language, text, with_language
from partner_app.models import Partnership
from partner_app.services.news_detail import NewsDetail
from partner_app.services.news_feeds import FEED_PATHS, LINK_TYPES, FeedFormat, feed_url
from partner_app.services.partnerships import partnership_view
from partner_app.services.share_images import ShareImage, share_image_of, site_share_image
from partner_app.services.sitemap import city_view_path, language_versions
from partner_app.services.slugs import is_slug

DESCRIPTION_LIMIT = 160
TWITTER_CARD = "summary_large_image"
# The text pages: their final address, and the texts naming and describing them.
TEXT_PAGES = {
    routes.ACCESSIBILITY_URL: ("ACCESSIBILITY_TITLE", "ACCESSIBILITY_DESCRIPTION"),
    routes.IMPRINT_URL: ("IMPRINT_TITLE", "IMPRINT_DESCRIPTION"),
    routes.PRIVACY_URL: ("PRIVACY_TITLE", "PRIVACY_DESCRIPTION"),
}


@dataclass(frozen=True)
class LanguageLink:
    """One language version of a page (``<link rel="alternate" hreflang>``)."""

    hreflang: str
    href: str


@dataclass(frozen=True)
class FeedLink:
    """A feed the page announces (``<link rel="alternate" type="application/rss+xml">``)."""

    type: str
    title: str
    href: str


@dataclass(frozen=True)
class PageMeta:
    """Title, description, canonical URL, language versions, feeds, OpenGraph, JSON-LD."""

    title: str = texts.SITE_TITLE
    # og:title: the page's own name, without the site's.
    og_title: str = texts.OG_TITLE_INDEX
    description: str = ""
    canonical_url: str = ""
    og_type: str = "website"
    # An absolute JPEG or PNG, with what og:image:* say about it.
    image_url: str = ""
    image_type: str = ""
    image_width: int = 0
    image_height: int = 0
    image_alt: str = ""
    # A JSON text, already safe to put inside a <script> element.
    json_ld: str = ""
    # Pages that must not be indexed (the "not found" page).
    no_index: bool = False
    site_name: str = texts.SITE_TITLE
    locale: str = texts.OG_LOCALE
    locale_alternate: str = ""
    languages: list[LanguageLink] = field(default_factory=list)
    feeds: list[FeedLink] = field(default_factory=list)


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–")
    return f"{cut}…"


def _other_locale(lang: str) -> str:
    return next(text("OG_LOCALE", other) for other in LANGUAGES if other != parse_language(lang))


def feed_links(origin: str, cities: list[tuple[str, str]], lang: str) -> list[FeedLink]:
    """The feeds of ``cities`` (slug, name), then the feeds of all news (RSS before Atom)."""
    links: list[FeedLink] = []
    for slug, name in cities:
        links += [
            FeedLink(
                LINK_TYPES[feed_format],
                text(f"FEED_LINK_CITY_{feed_format.name.upper()}", lang).format(name=name),
                feed_url(origin, feed_format, slug),
            )
            for feed_format in FeedFormat
        ]
    links += [
        FeedLink(
            LINK_TYPES[feed_format],
            text(f"FEED_LINK_{feed_format.name.upper()}", lang),
            f"{origin}{FEED_PATHS[feed_format]}",
        )
        for feed_format in FeedFormat
    ]
    return links


def _page_meta(
    *,
    origin: str,
    lang: str,
    path: str,
    og_title: str,
    description: str,
    image: ShareImage | None = None,
    image_alt: str = "",
    title: str = "",
    cities: list[tuple[str, str]] | None = None,
    og_type: str = "website",
    json_ld: str = "",
) -> PageMeta:
    """The head of the page at ``path`` (its German address) in ``lang``."""
    site_title = text("SITE_TITLE", lang)
    if image is None:
        image, image_alt = site_share_image(lang), text("SHARE_IMAGE_ALT", lang)
    versions = language_versions(path)
    return PageMeta(
        title=title or f"{og_title} – {site_title}",
        og_title=og_title,
        description=shorten(description),
        canonical_url=f"{origin}{versions[parse_language(lang)]}",
        image_url=f"{origin}{image.path}",
        image_type=image.media_type,
        image_width=image.width,
        image_height=image.height,
        image_alt=image_alt,
        site_name=site_title,
        locale=text("OG_LOCALE", lang),
        locale_alternate=_other_locale(lang),
        languages=[
            LanguageLink(hreflang, f"{origin}{href}") for hreflang, href in versions.items()
        ],
        feeds=feed_links(origin, cities or [], lang),
        og_type=og_type,
        json_ld=json_ld,
    )


def default_page_meta(origin: str) -> PageMeta:
    """The start page's head: what a page shows before its on_load has described it."""
    return _page_meta(
        origin=origin,
        lang="de",
        path=routes.PUBLIC,
        og_title=texts.OG_TITLE_INDEX,
        title=texts.SITE_TITLE,
        description=texts.INDEX_DESCRIPTION,
    )


def index_meta(
    session: Session, city_slug: str, *, origin: str, lang: str, upload_dir: Path | None
) -> PageMeta:
    """The start page, or the view of one city (an unknown city: the start page)."""
    partnership = (
        session.exec(select(Partnership).where(Partnership.slug == city_slug)).first()
        if is_slug(city_slug)
        else None
    )
    if partnership is None:
        return _page_meta(
            origin=origin,
            lang=lang,
            path=routes.PUBLIC,
            og_title=text("OG_TITLE_INDEX", lang),
            title=text("SITE_TITLE", lang),
            description=text("INDEX_DESCRIPTION", lang),
        )
    view = partnership_view(partnership, lang)
    image = share_image_of(partnership.image_path, upload_dir) if partnership.image_path else None
    return _page_meta(
        origin=origin,
        lang=lang,
        path=city_view_path(partnership.slug),
        og_title=text("OG_TITLE_CITY", lang).format(name=view.name),
        description=" ".join(view.description_paragraphs) or text("INDEX_DESCRIPTION", lang),
        image=image,
        image_alt=partnership.image_alt,
        cities=[(partnership.slug, view.name)],
    )


def text_page_meta(url: str, *, origin: str, lang: str) -> PageMeta:
    """The accessibility statement, the Impressum or the privacy policy (by final address)."""
    title_name, description_name = TEXT_PAGES[url]
    return _page_meta(
        origin=origin,
        lang=lang,
        path=url,
        og_title=text(title_name, lang),
        description=text(description_name, lang),
    )


def _article_language(detail: NewsDetail) -> str:
    parts = [detail.card.title_lang, detail.card.teaser_lang]
    if detail.body_html:
        parts.append(detail.body_lang)
    return "en" if set(parts) == {"en"} else texts.PAGE_LANG


def news_page_meta(detail: NewsDetail, origin: str, lang: str = "de") -> PageMeta:
    """The head of a news detail page, with a schema.org NewsArticle block.

    ``inLanguage`` is the language of the article's text: English only where the editors
    wrote the English title, teaser and body (and the page is English), else German.
    """
    card = detail.card
    url = f"{origin}{with_language(routes.news_url(card.slug), lang)}"
    image = detail.share_image
    article: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": card.title,
        "description": card.teaser,
        # As precise as known: a time only when known, "2024-03" for a month (news_dates).
        "datePublished": (
            detail.publication.iso if detail.publication else detail.published_on.isoformat()
        ),
        "dateModified": detail.updated_at.isoformat(timespec="seconds"),
        "inLanguage": _article_language(detail),
        "mainEntityOfPage": url,
        "url": url,
        "author": {"@type": "Organization", "name": texts.PUBLISHER, "url": f"{origin}/"},
        "publisher": {"@type": "Organization", "name": texts.PUBLISHER, "url": f"{origin}/"},
        "about": [{"@type": "City", "name": city.name} for city in card.cities],
    }
    if image is not None:
        article["image"] = [f"{origin}{image.path}"]
    return _page_meta(
        origin=origin,
        lang=lang,
        path=routes.news_url(card.slug),
        og_title=card.title,
        description=card.teaser,
        image=image,
        image_alt=card.image_alt,
        cities=[(city.slug, city.name) for city in card.cities],
        og_type="article",
        json_ld=script_safe_json(article),
    )


def not_found_meta(lang: str = "de", origin: str = "", *, news: bool = True) -> PageMeta:
    """The head of the page for an unknown address (``news``: an unknown news item)."""
    site_title = text("SITE_TITLE", lang)
    title = text("NEWS_NOT_FOUND_TITLE" if news else "NOT_FOUND_TITLE", lang)
    image = site_share_image(lang)
    return PageMeta(
        title=f"{title} – {site_title}",
        og_title=title,
        description=text("NEWS_NOT_FOUND_TEXT" if news else "NOT_FOUND_TEXT", lang),
        image_url=f"{origin}{image.path}",
        image_type=image.media_type,
        image_width=image.width,
        image_height=image.height,
        image_alt=text("SHARE_IMAGE_ALT", lang),
        no_index=True,
        site_name=site_title,
        locale=text("OG_LOCALE", lang),
        locale_alternate=_other_locale(lang),
        feeds=feed_links(origin, [], lang),
    )


def public_page_meta(
    session: Session,
    path: str,
    city_slug: str,
    *,
    origin: str,
    lang: str,
    upload_dir: Path | None,
) -> PageMeta:
    """The head of the public page at ``path``: the start page, a text page or "not found".

    (A news item's comes from ``news_page_meta``.)
    """
    if path == routes.PUBLIC:
        return index_meta(session, city_slug, origin=origin, lang=lang, upload_dir=upload_dir)
    final = routes.page_url(path)
    if final in TEXT_PAGES:
        return text_page_meta(final, origin=origin, lang=lang)
    return not_found_meta(lang, origin, news=False)


def script_safe_json(value: object) -> str:
    """JSON that cannot end its <script> element early (``<``, ``>``, ``&`` escaped)."""
    return script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def script_safe(json_text: str) -> str:
    """JSON text with ``<``, ``>`` and ``&`` escaped: it reads back the same, in a script."""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


SERVER_HEAD_ATTRIBUTE = "data-server-head"


def head_tags_html(meta: PageMeta) -> str:
    """The tags of ``meta`` as HTML, for pages the server answers before any script runs.

    Each tag carries ``data-server-head`` so the page can drop them once the app
    renders its own (which follow client-side navigation). The same tags as
    ``components/page_head.py`` renders, in the same order.
    """
    mark = SERVER_HEAD_ATTRIBUTE

    def tag(element: str, **attributes: str) -> str:
        rendered = " ".join(
            f'{key.replace("_", "-")}="{html.escape(value, quote=True)}"'
            for key, value in attributes.items()
        )
        return f"<{element} {mark} {rendered}/>"

    tags = [f"<title {mark}>{html.escape(meta.title)}</title>"]
    if meta.description:
        tags.append(tag("meta", name="description", content=meta.description))
    if meta.image_url:
        tags.append(tag("meta", property="og:image", content=meta.image_url))
        tags.append(tag("meta", property="og:image:type", content=meta.image_type))
        tags.append(tag("meta", property="og:image:width", content=str(meta.image_width)))
        tags.append(tag("meta", property="og:image:height", content=str(meta.image_height)))
        tags.append(tag("meta", property="og:image:alt", content=meta.image_alt))
    tags.append(tag("meta", property="og:title", content=meta.og_title))
    tags.append(tag("meta", property="og:type", content=meta.og_type))
    tags.append(tag("meta", property="og:site_name", content=meta.site_name))
    tags.append(tag("meta", property="og:locale", content=meta.locale))
    if meta.locale_alternate:
        tags.append(tag("meta", property="og:locale:alternate", content=meta.locale_alternate))
    if meta.description:
        tags.append(tag("meta", property="og:description", content=meta.description))
    tags.append(tag("meta", name="twitter:card", content=TWITTER_CARD))
    if meta.no_index:
        tags.append(tag("meta", name="robots", content="noindex"))
    if meta.canonical_url:
        tags.append(tag("link", rel="canonical", href=meta.canonical_url))
        tags.append(tag("meta", property="og:url", content=meta.canonical_url))
    for language in meta.languages:
        tags.append(tag("link", rel="alternate", hreflang=language.hreflang, href=language.href))
    for feed in meta.feeds:
        tags.append(tag("link", rel="alternate", type=feed.type, title=feed.title, href=feed.href))
    if meta.json_ld:
        tags.append(f'<script {mark} type="application/ld+json">{meta.json_ld}</script>')
    return "".join(tags)
