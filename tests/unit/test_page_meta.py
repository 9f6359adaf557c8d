import json
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from partner_app.services.news_archive import CityBadge, NewsCard
from partner_app.services.news_detail import NewsDetail
from partner_app.services.page_meta import (
    head_tags_html,
    news_page_meta,
    not_found_meta,
    script_safe_json,
    shorten,
)

ORIGIN = "https://www.krefeld.de"


def _detail(title: str = "Besuch aus Venlo", teaser: str = "Gäste kamen.") -> NewsDetail:
    card = NewsCard(
        slug="besuch",
        title=title,
        teaser=teaser,
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
        image_src="/_upload/news/a-detail.webp",
        image_width=1600,
        image_height=1067,
        published_on=date(2024, 6, 1),
        updated_at=datetime(2024, 6, 2, 8, 30, tzinfo=UTC),
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


def test_news_meta_has_canonical_url_og_tags_and_news_article() -> None:
    meta = news_page_meta(_detail(), ORIGIN)

    assert meta.canonical_url == "https://www.krefeld.de/nachrichten/besuch"
    assert meta.title.startswith("Besuch aus Venlo – ")
    assert meta.og_type == "article"
    assert meta.image_url == "https://www.krefeld.de/_upload/news/a-detail.webp"
    article = json.loads(meta.json_ld)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Besuch aus Venlo"
    assert article["datePublished"] == "2024-06-01"
    assert article["dateModified"] == "2024-06-02T08:30:00+00:00"
    assert article["mainEntityOfPage"] == meta.canonical_url
    assert article["image"] == [meta.image_url]
    assert article["publisher"]["name"] == "Stadt Krefeld"


def test_head_tags_are_escaped_and_marked_for_removal() -> None:
    meta = news_page_meta(_detail(title='Zitat "A" & <b>B</b>'), ORIGIN)
    parsed = _parse(head_tags_html(meta))

    assert parsed.title == f'Zitat "A" & <b>B</b> – {meta.title.split(" – ", 1)[1]}'
    assert all("data-server-head" in attributes for _tag, attributes in parsed.tags)
    by_key = {
        (attributes.get("property") or attributes.get("name") or attributes.get("rel")): attributes
        for _tag, attributes in parsed.tags
    }
    assert by_key["og:title"]["content"] == meta.title
    assert by_key["canonical"]["href"] == meta.canonical_url
    assert by_key["description"]["content"] == "Gäste kamen."
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
