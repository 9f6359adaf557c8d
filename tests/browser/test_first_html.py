"""The server's first answer is the real page: what a crawler, a reader without JavaScript
and the first paint see, and hydration changes nothing of it."""

import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser
from io import BytesIO

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Browser, ConsoleMessage, Page, WebSocketRoute, expect
from sqlalchemy import Engine
from sqlmodel import Session, col, delete, select

from partner_app.models import NewsItem, NewsStatus
from partner_app.services.clock import today_in_krefeld
from partner_app.services.editor_sessions import CODE_FAILED
from partner_app.services.news_archive import NewsFilter, published_news_page
from partner_app.services.news_search import refresh_search_text
from tests.browser.conftest import BrowserProblems, open_page
from tests.browser.test_city_tabs import TAB_NAMES

# Views with their <html lang>; each is checked with and without JavaScript.
VIEWS = [
    ("/", "de"),
    ("/?stadt=venlo", "de"),
    ("/?jahr=2024&thema=kultur", "de"),
    ("/?q=fest", "de"),
    ("/?stadt=leicester&q=besuch", "de"),
    ("/?lang=en", "en"),
    ("/?stadt=venlo&lang=en", "en"),
    ("/nachrichten/spende-20000-euro-kropyvnytskyi", "de"),
    ("/nachrichten/spende-20000-euro-kropyvnytskyi?lang=en", "en"),
    ("/barrierefreiheit/", "de"),
    ("/impressum/?lang=en", "en"),
]
# Google's "good" is 0.1; the page must not move at all, so this leaves only rounding.
CLS_LIMIT = 0.02
# Sums the layout shifts not caused by input, from the first one on (buffered).
_MEASURE_CLS = """
window.__layoutShift = 0;
window.__addShifts = (entries) => {
  for (const entry of entries) {
    if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }
};
window.__shiftObserver = new PerformanceObserver((list) => __addShifts(list.getEntries()));
window.__shiftObserver.observe({type: "layout-shift", buffered: true});
"""
# After the next frame's layout: the shifts so far, including those not yet delivered.
_READ_CLS = """() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => {
  __addShifts(__shiftObserver.takeRecords());
  done(window.__layoutShift);
})))"""
UNIQUE_WORD = "Erstantwortprobe"


def _first_html(base_url: str, path: str) -> httpx.Response:
    return httpx.get(base_url + path, timeout=15)


def _text(html: str) -> str:
    """The page's text as a crawler reads it: scripts and tags removed, spaces folded."""
    html = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_first_html_of_the_start_page_is_the_whole_page(
    base_url: str, app_database: Engine | None
) -> None:
    response = _first_html(base_url, "/")
    assert response.status_code == 200
    assert '<html lang="de"' in response.text
    text = _text(response.text)
    assert "Städtepartnerschaften" in text
    for name in TAB_NAMES:
        assert name in text, f"tab {name} missing from the first HTML"
    # The overview table, the contacts and the map's markers are there too.
    assert re.search(r"<table\b", response.text)
    assert "Kontakt" in text
    assert "Keine Meldung gefunden" not in text
    if app_database is not None:
        with Session(app_database) as session:
            page = published_news_page(session, NewsFilter(), today=today_in_krefeld())
        assert f"{page.total} Meldungen gefunden" in text
        for card in page.cards:
            assert card.title in text


def test_first_html_says_no_news_only_when_there_is_none(base_url: str) -> None:
    found = _text(_first_html(base_url, "/?q=fest").text)
    assert "Meldung gefunden" in found
    assert "Keine Meldung gefunden" not in found
    nothing = _text(_first_html(base_url, "/?q=zzqxyzzy").text)
    assert "Keine Meldung gefunden" in nothing
    assert "Zu diesen Filtern gibt es keine Meldungen." in nothing


@pytest.mark.parametrize(("path", "lang"), VIEWS)
def test_first_html_has_the_language_of_the_view(base_url: str, path: str, lang: str) -> None:
    response = _first_html(base_url, path)
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.text
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "Städtepartnerschaften – Stadt Krefeld"),
        ("/?stadt=venlo", "Krefeld und Venlo – Städtepartnerschaften – Stadt Krefeld"),
        ("/?stadt=duenkirchen&lang=en", "Krefeld and Dunkirk – Partner cities – City of Krefeld"),
    ],
)
def test_first_html_titles_a_city_view_by_its_city(base_url: str, path: str, title: str) -> None:
    assert f"<title>{title}</title>" in _first_html(base_url, path).text


def test_first_html_of_a_detail_page_has_the_article_and_its_head(base_url: str) -> None:
    response = _first_html(base_url, "/nachrichten/spende-20000-euro-kropyvnytskyi")
    html = response.text
    assert response.status_code == 200
    assert re.search(r"<title>[^<]*20\.000 Euro[^<]*</title>", html)
    assert re.search(r'<meta content="[^"]+" property="og:title"', html)
    assert re.search(r"<h1[^>]*>[^<]*20\.000 Euro", html)
    assert "Kropyvnytskyi" in _text(html)
    unknown = _first_html(base_url, "/nachrichten/gibt-es-nicht")
    assert unknown.status_code == 404
    assert "Meldung nicht gefunden" in _text(unknown.text)


class _Head(HTMLParser):
    """The <meta> and <link> elements of a page's <head>, as a crawler reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self._in_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "body":
            self._in_head = False
        if not self._in_head:
            return
        if tag == "meta" and (key := attributes.get("property") or attributes.get("name")):
            self.meta.setdefault(key, []).append(attributes.get("content", ""))
        elif tag == "link":
            self.links.append(attributes)

    def one(self, key: str) -> str:
        assert len(self.meta.get(key, [])) == 1, f"{key}: {self.meta.get(key)}"
        return self.meta[key][0]


def _head(base_url: str, path: str) -> _Head:
    head = _Head()
    head.feed(_first_html(base_url, path).text)
    return head


# Public pages a link preview shows: their canonical address and whose feeds they name.
PREVIEWED = [
    ("/", "/", ""),
    ("/?stadt=venlo&jahr=2024", "/?stadt=venlo", "venlo"),
    ("/?lang=en", "/?lang=en", ""),
    ("/barrierefreiheit/", "/barrierefreiheit/", ""),
    (
        "/nachrichten/spende-20000-euro-kropyvnytskyi",
        "/nachrichten/spende-20000-euro-kropyvnytskyi",
        "kropyvnytskyi",
    ),
]


@pytest.mark.parametrize(("path", "canonical", "city"), PREVIEWED)
def test_first_html_has_link_previews_language_versions_and_feeds(
    base_url: str, path: str, canonical: str, city: str
) -> None:
    head = _head(base_url, path)

    canonical_url = f"{base_url}{canonical}"
    assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [
        canonical_url
    ]
    assert head.one("og:url") == canonical_url
    # og:title is the page's own name, without the long site suffix.
    assert head.one("og:title")
    assert "Stadt Krefeld" not in head.one("og:title")
    assert head.one("og:description")
    assert head.one("twitter:card") == "summary_large_image"
    english = "lang=en" in path
    assert head.one("og:locale") == ("en_GB" if english else "de_DE")
    assert head.one("og:locale:alternate") == ("de_DE" if english else "en_GB")
    # One og:image, absolute and raster (Reflex's relative "favicon.ico" is gone).
    image = head.one("og:image")
    assert image.startswith(f"{base_url}/")
    assert re.search(r"\.(png|jpg)$", image)
    assert head.one("og:image:type") in ("image/png", "image/jpeg")
    assert head.one("og:image:alt")
    versions = {
        link["hreflang"]: link["href"]
        for link in head.links
        if link.get("rel") == "alternate" and link.get("hreflang")
    }
    german = f"{base_url}{canonical.replace('?lang=en', '')}"
    assert versions == {
        "de": german,
        "en": german + ("&" if "?" in german else "?") + "lang=en",
        "x-default": german,
    }
    feeds = [
        link["href"]
        for link in head.links
        if link.get("rel") == "alternate"
        and link.get("type") in ("application/rss+xml", "application/atom+xml")
    ]
    city_feeds = [f"{base_url}/feeds/nachrichten.{kind}?stadt={city}" for kind in ("rss", "atom")]
    all_feeds = [f"{base_url}/feeds/nachrichten.{kind}" for kind in ("rss", "atom")]
    assert feeds == (city_feeds if city else []) + all_feeds


@pytest.mark.parametrize("path", ["/", "/nachrichten/spende-20000-euro-kropyvnytskyi?lang=en"])
def test_the_preview_image_is_the_raster_image_the_head_describes(base_url: str, path: str) -> None:
    head = _head(base_url, path)

    image = httpx.get(head.one("og:image"))

    assert image.status_code == 200
    assert image.headers["content-type"] == head.one("og:image:type")
    picture = Image.open(BytesIO(image.content))
    assert picture.format in ("PNG", "JPEG")
    assert picture.size == (int(head.one("og:image:width")), int(head.one("og:image:height")))
    assert picture.size == (1200, 630)


def test_the_not_found_page_names_no_canonical_address(base_url: str) -> None:
    head = _Head()
    head.feed(httpx.get(f"{base_url}/gibt-es-nicht", headers={"Accept": "text/html"}).text)

    assert head.one("robots") == "noindex"
    assert not [link for link in head.links if link.get("rel") == "canonical"]
    assert head.one("og:image").endswith(".png")


@pytest.fixture
def reader_without_javascript(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("path", "lang"), VIEWS)
def test_without_javascript_the_view_is_what_hydration_shows(
    reader_without_javascript: Page, app_page: Page, path: str, lang: str
) -> None:
    reader_without_javascript.goto(path)
    main = reader_without_javascript.locator("main")
    expect(main).to_be_visible()
    without_script = main.inner_text()
    cards = reader_without_javascript.locator("article").count()
    warnings: list[str] = []

    def record_warning(message: ConsoleMessage) -> None:
        if message.type == "warning":
            warnings.append(message.text)

    app_page.on("console", record_warning)
    open_page(app_page, path)
    expect(app_page.locator("html")).to_have_attribute("lang", lang)
    # Hydration and the websocket's values change nothing a reader sees.
    expect(app_page.locator("main")).to_have_text(without_script, use_inner_text=True)
    expect(app_page.locator("article")).to_have_count(cards)
    # Hydration matched: React warns (and re-renders) on any difference.
    assert warnings == []


@pytest.mark.parametrize("width", [412, 1350])
@pytest.mark.parametrize(("path", "lang"), [view for view in VIEWS if "impressum" not in view[0]])
def test_nothing_moves_while_the_page_loads(
    app_page: Page, browser_problems: BrowserProblems, width: int, path: str, lang: str
) -> None:
    if "gibt-es-nicht" in path:
        browser_problems.expect_error("404")
    app_page.set_viewport_size({"width": width, "height": 900})
    app_page.add_init_script(_MEASURE_CLS)
    open_page(app_page, path)
    # Hydrated means the on_load deltas have been applied; the frame after them is laid out.
    shift = app_page.evaluate(_READ_CLS)
    assert shift <= CLS_LIMIT, f"layout shift {shift:.3f} at {width} px on {path}"


@pytest.fixture
def fresh_item(own_app_database: Engine) -> Iterator[NewsItem]:
    """A published item only a search for UNIQUE_WORD finds; removed after the test."""
    with Session(own_app_database) as session:
        item = NewsItem(
            slug="erstantwort-probe",
            title=f"{UNIQUE_WORD}: eine Meldung für den Test",
            teaser="Nur für den Test der ersten Antwort.",
            published_on=today_in_krefeld() - timedelta(days=400),
            status=NewsStatus.published,
        )
        refresh_search_text(item)
        session.add(item)
        session.commit()
        session.refresh(item)
    yield item
    with Session(own_app_database) as session:
        session.exec(delete(NewsItem).where(col(NewsItem.slug) == "erstantwort-probe"))
        session.commit()


def _withdraw(engine: Engine, slug: str) -> None:
    with Session(engine) as session:
        item = session.exec(select(NewsItem).where(NewsItem.slug == slug)).one()
        item.status = NewsStatus.draft
        session.add(item)
        session.commit()


def test_a_withdrawn_item_is_in_no_html_after_the_change(
    base_url: str, fresh_item: NewsItem, own_app_database: Engine
) -> None:
    search = f"/?q={UNIQUE_WORD}"
    detail = f"/nachrichten/{fresh_item.slug}"
    # The title and the teaser, not the searched word: the search field holds that.
    shown = (fresh_item.title, fresh_item.teaser)
    before = _first_html(base_url, search).text
    assert all(text in before for text in shown)
    assert _first_html(base_url, detail).status_code == 200
    _withdraw(own_app_database, fresh_item.slug)
    after = _first_html(base_url, search).text
    assert not any(text in after for text in shown)
    assert "Keine Meldung gefunden" in _text(after)
    withdrawn = _first_html(base_url, detail)
    assert withdrawn.status_code == 404
    assert not any(text in withdrawn.text for text in shown)


def test_a_page_served_before_a_withdrawal_shows_it_gone_once_connected(
    app_page: Page, base_url: str, fresh_item: NewsItem, own_app_database: Engine
) -> None:
    # The page arrives while the item is public, but its websocket only gets through after
    # the withdrawal (as on a slow line): it must then show the state of now, even where
    # that equals the defaults (no cards), not keep the server-rendered card.
    line_open = threading.Event()

    def websocket(socket: WebSocketRoute) -> None:
        if line_open.is_set():
            socket.connect_to_server()
        else:
            socket.close()

    app_page.route_web_socket(re.compile(r"/_event/"), websocket)
    app_page.goto(f"/?q={UNIQUE_WORD}")
    expect(app_page.locator("article")).to_have_count(1)
    expect(app_page.locator("article")).to_contain_text(fresh_item.title)
    _withdraw(own_app_database, fresh_item.slug)
    # Socket.IO tries again (after at most a few seconds), now reaching the server.
    line_open.set()
    expect(app_page.locator("main[data-hydrated='true']")).to_be_attached(timeout=30_000)
    expect(app_page.locator("article")).to_have_count(0)
    expect(app_page.get_by_text("Keine Meldung gefunden.")).to_be_visible()


def test_first_html_of_the_login_says_why_it_was_opened(base_url: str) -> None:
    # Without JavaScript the login still works (a plain form post): its answers must show too.
    failed = _first_html(base_url, "/admin/anmelden/?fehler=falsch&benutzer=redaktion")
    assert failed.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in _text(failed.text)
    assert re.search(r'<input[^>]*name="username"[^>]*value="redaktion"', failed.text)
    assert re.search(r'<input[^>]*autofocus=""[^>]*name="password"', failed.text)
    logged_out = _first_html(base_url, "/admin/anmelden/?abgemeldet=1")
    assert "Sie sind abgemeldet." in _text(logged_out.text)
    wrong_code = _first_html(base_url, "/admin/anmelden/code/?fehler=falsch")
    assert wrong_code.status_code == 200
    assert CODE_FAILED in _text(wrong_code.text)
