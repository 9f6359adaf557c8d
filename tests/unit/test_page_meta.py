import json
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlmodel import Session

from partner_app.models import DatePrecision
from partner_app.services.news_archive import CityBadge, NewsCard
from partner_app.services.news_dates import PublicationDate
from partner_app.services.news_detail import NewsDetail
from partner_app.services.page_meta import (
    PageMeta,
    head_tags_html,
    news_page_meta,
    not_found_meta,
    public_page_meta,
    script_safe_json,
    shorten,
)
from partner_app.services.search_analysis import TextPart
from partner_app.services.share_images import ShareImage

ORIGIN = "https://www.krefeld.de"
SHARE = ShareImage("/_upload/news/a-share.jpg", "image/jpeg", 1200, 630, 81234)


def _detail(
    title: str = "Besuch aus Venlo",
    teaser: str = "Gäste kamen.",
    *,
    publication: PublicationDate | None = None,
    share_image: ShareImage | None = SHARE,
) -> NewsDetail:
    card = NewsCard(
        slug="besuch",
        title=title,
        teaser=teaser,
        title_lang="de",
        teaser_lang="de",
        title_parts=[TextPart(title)],
        teaser_parts=[TextPart(teaser)],
        date_label="01.06.2024",
        date_iso="2024-06-01",
        cities=[CityBadge(slug="venlo", name="Venlo")],
        topics=["Kultur"],
        image_src="/_upload/news/a-card.webp",
        image_alt="Gäste am Rathaus",
        image_caption="",
        image_credit="Stadt Krefeld",
    )
    return NewsDetail(
        card=card,
        body_html="",
        body_lang="de",
        image_src="/_upload/news/a-detail.webp",
        image_width=1600,
        image_height=1067,
        published_on=date(2024, 6, 1),
        updated_at=datetime(2024, 6, 2, 8, 30, tzinfo=UTC),
        publication=publication,
        share_image=share_image,
    )


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "title":
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in = ""


def _parse(html_text: str) -> _HeadParser:
    parser = _HeadParser()
    parser.feed(html_text)
    return parser


def _languages(meta: PageMeta) -> dict[str, str]:
    return {link.hreflang: link.href for link in meta.languages}


def test_news_meta_has_canonical_url_og_tags_and_news_article() -> None:
    meta = news_page_meta(_detail(), ORIGIN)

    assert meta.canonical_url == "https://www.krefeld.de/nachrichten/besuch"
    assert meta.title == "Besuch aus Venlo – Städtepartnerschaften – Stadt Krefeld"
    # og:title is the item's own, without the long site suffix.
    assert meta.og_title == "Besuch aus Venlo"
    assert meta.og_type == "article"
    assert meta.image_url == "https://www.krefeld.de/_upload/news/a-share.jpg"
    assert (meta.image_type, meta.image_width, meta.image_height) == ("image/jpeg", 1200, 630)
    assert (meta.locale, meta.locale_alternate) == ("de_DE", "en_GB")
    assert _languages(meta) == {
        "de": f"{ORIGIN}/nachrichten/besuch",
        "en": f"{ORIGIN}/nachrichten/besuch?lang=en",
        "x-default": f"{ORIGIN}/nachrichten/besuch",
    }
    # The item's city feeds first, then all news.
    assert [(feed.type, feed.href) for feed in meta.feeds] == [
        ("application/rss+xml", f"{ORIGIN}/feeds/nachrichten.rss?stadt=venlo"),
        ("application/atom+xml", f"{ORIGIN}/feeds/nachrichten.atom?stadt=venlo"),
        ("application/rss+xml", f"{ORIGIN}/feeds/nachrichten.rss"),
        ("application/atom+xml", f"{ORIGIN}/feeds/nachrichten.atom"),
    ]
    assert meta.feeds[0].title == "Nachrichten zu Venlo als RSS-Feed"
    article = json.loads(meta.json_ld)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Besuch aus Venlo"
    assert article["datePublished"] == "2024-06-01"
    assert article["dateModified"] == "2024-06-02T08:30:00+00:00"
    assert article["mainEntityOfPage"] == meta.canonical_url
    assert article["image"] == [meta.image_url]
    assert article["publisher"]["name"] == "Stadt Krefeld"


@pytest.mark.parametrize(
    ("publication", "shown"),
    [
        (PublicationDate(date(2024, 3, 1), DatePrecision.month), "2024-03"),
        (PublicationDate(date(2024, 1, 1), DatePrecision.year), "2024"),
        (
            PublicationDate(
                date(2024, 6, 1), DatePrecision.day, datetime(2024, 6, 1, 12, 5, tzinfo=UTC)
            ),
            "2024-06-01T14:05:00+02:00",
        ),
    ],
)
def test_date_published_is_as_precise_as_the_date_is_known(
    publication: PublicationDate, shown: str
) -> None:
    article = json.loads(news_page_meta(_detail(publication=publication), ORIGIN).json_ld)

    assert article["datePublished"] == shown


def test_an_item_without_a_raster_image_shows_the_sites_png_in_the_page_language() -> None:
    meta = news_page_meta(_detail(share_image=None), ORIGIN, "en")

    assert meta.image_url == f"{ORIGIN}/share/staedtepartnerschaften.en.png"
    assert (meta.image_type, meta.image_width, meta.image_height) == ("image/png", 1200, 630)
    assert meta.image_alt.startswith("Graphic with the words")
    assert "image" not in json.loads(meta.json_ld)
    assert meta.canonical_url == f"{ORIGIN}/nachrichten/besuch?lang=en"
    assert (meta.locale, meta.locale_alternate) == ("en_GB", "de_DE")


def test_the_start_page_is_canonical_in_each_language(seeded_session: Session) -> None:
    german = public_page_meta(seeded_session, "/", "", origin=ORIGIN, lang="de", upload_dir=None)
    english = public_page_meta(seeded_session, "/", "", origin=ORIGIN, lang="en", upload_dir=None)

    assert german.canonical_url == f"{ORIGIN}/"
    assert english.canonical_url == f"{ORIGIN}/?lang=en"
    assert (
        _languages(german)
        == _languages(english)
        == {
            "de": f"{ORIGIN}/",
            "en": f"{ORIGIN}/?lang=en",
            "x-default": f"{ORIGIN}/",
        }
    )
    assert german.title == "Städtepartnerschaften – Stadt Krefeld"
    assert german.og_title == "Die Partnerstädte von Krefeld"
    assert english.og_title == "Krefeld's partner cities"
    assert german.image_url == f"{ORIGIN}/share/staedtepartnerschaften.png"
    assert [feed.href for feed in german.feeds] == [
        f"{ORIGIN}/feeds/nachrichten.rss",
        f"{ORIGIN}/feeds/nachrichten.atom",
    ]


def test_a_city_view_names_itself_and_its_feeds(seeded_session: Session) -> None:
    meta = public_page_meta(
        seeded_session, "/", "venlo", origin=ORIGIN, lang="de", upload_dir=Path("/nirgends")
    )

    assert meta.canonical_url == f"{ORIGIN}/?stadt=venlo"
    assert _languages(meta)["en"] == f"{ORIGIN}/?stadt=venlo&lang=en"
    assert meta.og_title == "Krefeld und Venlo"
    assert meta.description.startswith("Venlo an der Maas ist Krefelds älteste Partnerstadt")
    assert len(meta.description) <= 160
    assert [feed.title for feed in meta.feeds[:2]] == [
        "Nachrichten zu Venlo als RSS-Feed",
        "Nachrichten zu Venlo als Atom-Feed",
    ]
    assert meta.feeds[0].href == f"{ORIGIN}/feeds/nachrichten.rss?stadt=venlo"


def test_an_unknown_city_is_the_start_page(seeded_session: Session) -> None:
    meta = public_page_meta(
        seeded_session, "/", "atlantis", origin=ORIGIN, lang="de", upload_dir=None
    )

    assert meta.canonical_url == f"{ORIGIN}/"


@pytest.mark.parametrize("path", ["/barrierefreiheit/", "/barrierefreiheit"])
def test_a_text_page_names_its_final_address(seeded_session: Session, path: str) -> None:
    meta = public_page_meta(seeded_session, path, "", origin=ORIGIN, lang="en", upload_dir=None)

    assert meta.canonical_url == f"{ORIGIN}/barrierefreiheit/?lang=en"
    assert meta.og_title == "Accessibility statement"
    assert meta.title == "Accessibility statement – Partner cities – City of Krefeld"
    assert _languages(meta)["de"] == f"{ORIGIN}/barrierefreiheit/"


def test_an_unknown_address_is_not_indexed_and_names_no_versions(
    seeded_session: Session,
) -> None:
    meta = public_page_meta(
        seeded_session, "/gibt-es-nicht", "", origin=ORIGIN, lang="de", upload_dir=None
    )

    assert meta.no_index
    assert meta.canonical_url == ""
    assert meta.languages == []
    assert meta.og_title == "Seite nicht gefunden"
    assert meta.image_url.startswith(f"{ORIGIN}/share/")


def test_head_tags_are_escaped_and_marked_for_removal() -> None:
    meta = news_page_meta(_detail(title='Zitat "A" & <b>B</b>'), ORIGIN)
    parsed = _parse(head_tags_html(meta))

    assert parsed.title == f'Zitat "A" & <b>B</b> – {meta.title.split(" – ", 1)[1]}'
    assert all("data-server-head" in attributes for _tag, attributes in parsed.tags)
    by_key = {
        (attributes.get("property") or attributes.get("name") or attributes.get("rel")): attributes
        for _tag, attributes in parsed.tags
        if attributes.get("rel") != "alternate"
    }
    assert by_key["og:title"]["content"] == 'Zitat "A" & <b>B</b>'
    assert by_key["canonical"]["href"] == meta.canonical_url
    assert by_key["og:url"]["content"] == meta.canonical_url
    assert by_key["description"]["content"] == "Gäste kamen."
    assert by_key["og:image"]["content"] == meta.image_url
    assert by_key["og:image:width"]["content"] == "1200"
    assert by_key["twitter:card"]["content"] == "summary_large_image"
    alternates = [
        attributes for tag, attributes in parsed.tags if attributes.get("rel") == "alternate"
    ]
    assert {a.get("hreflang") for a in alternates if a.get("hreflang")} == {"de", "en", "x-default"}
    assert len([a for a in alternates if a.get("type") == "application/rss+xml"]) == 2
    assert json.loads(parsed.scripts[0])["headline"] == 'Zitat "A" & <b>B</b>'


def test_json_ld_cannot_close_its_script_element() -> None:
    text = script_safe_json({"headline": "</script><script>alert(1)</script>"})

    assert "</script>" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script>"


def test_long_descriptions_are_cut_at_a_word() -> None:
    text = "Wort " * 60
    short = shorten(text, 30)

    assert len(short) <= 30
    assert short.endswith("Wort…")
    assert shorten("  kurz\n und  gut ") == "kurz und gut"


def test_not_found_page_is_not_indexed() -> None:
    parsed = _parse(head_tags_html(not_found_meta()))

    assert ("meta", {"data-server-head": None, "name": "robots", "content": "noindex"}) in (
        parsed.tags
    )
    assert "nicht gefunden" in parsed.title
