"""What a page tells browsers, search engines and link previews about itself."""

import html
import json
from dataclasses import dataclass

from partner_app import routes, texts
from partner_app.i18n import text, with_language
from partner_app.services.news_detail import NewsDetail

DESCRIPTION_LIMIT = 160


@dataclass(frozen=True)
class PageMeta:
    """Title, description, canonical URL, OpenGraph and JSON-LD of one page."""

    title: str = texts.SITE_TITLE
    description: str = ""
    canonical_url: str = ""
    og_type: str = "website"
    image_url: str = ""
    image_alt: str = ""
    # A JSON text, already safe to put inside a <script> element.
    json_ld: str = ""
    # Pages that must not be indexed (the "not found" page).
    no_index: bool = False
    site_name: str = texts.SITE_TITLE
    locale: str = texts.OG_LOCALE


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–")
    return f"{cut}…"


def news_page_meta(detail: NewsDetail, origin: str, lang: str = "de") -> PageMeta:
    """The head of a news detail page, with a schema.org NewsArticle block.

    The article itself is German whatever the page's language (``inLanguage``).
    """
    card = detail.card
    url = f"{origin}{with_language(routes.news_url(card.slug), lang)}"
    site_title = text("SITE_TITLE", lang)
    image_url = f"{origin}{detail.image_src}" if detail.image_src else ""
    article: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": card.title,
        "description": card.teaser,
        "datePublished": detail.published_on.isoformat(),
        "dateModified": detail.updated_at.isoformat(timespec="seconds"),
        "inLanguage": texts.PAGE_LANG,
        "mainEntityOfPage": url,
        "url": url,
        "author": {"@type": "Organization", "name": texts.PUBLISHER, "url": f"{origin}/"},
        "publisher": {"@type": "Organization", "name": texts.PUBLISHER, "url": f"{origin}/"},
        "about": [{"@type": "City", "name": city.name} for city in card.cities],
    }
    if image_url:
        article["image"] = [image_url]
    return PageMeta(
        title=f"{card.title} – {site_title}",
        description=shorten(card.teaser),
        canonical_url=url,
        og_type="article",
        image_url=image_url,
        image_alt=card.image_alt,
        json_ld=script_safe_json(article),
        site_name=site_title,
        locale=text("OG_LOCALE", lang),
    )


def not_found_meta(lang: str = "de") -> PageMeta:
    """The head of the page for an unknown news address."""
    site_title = text("SITE_TITLE", lang)
    return PageMeta(
        title=f"{text('NEWS_NOT_FOUND_TITLE', lang)} – {site_title}",
        description=text("NEWS_NOT_FOUND_TEXT", lang),
        no_index=True,
        site_name=site_title,
        locale=text("OG_LOCALE", lang),
    )


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
    renders its own (which follow client-side navigation).
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
    if meta.no_index:
        tags.append(tag("meta", name="robots", content="noindex"))
    if meta.canonical_url:
        tags.append(tag("link", rel="canonical", href=meta.canonical_url))
        tags.append(tag("meta", property="og:url", content=meta.canonical_url))
    tags.append(tag("meta", property="og:title", content=meta.title))
    tags.append(tag("meta", property="og:type", content=meta.og_type))
    tags.append(tag("meta", property="og:site_name", content=meta.site_name))
    tags.append(tag("meta", property="og:locale", content=meta.locale))
    if meta.description:
        tags.append(tag("meta", property="og:description", content=meta.description))
    if meta.image_url:
        tags.append(tag("meta", property="og:image", content=meta.image_url))
        tags.append(tag("meta", property="og:image:alt", content=meta.image_alt))
    if meta.json_ld:
        tags.append(f'<script {mark} type="application/ld+json">{meta.json_ld}</script>')
    return "".join(tags)
