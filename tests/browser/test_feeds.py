"""Feeds, sitemap and robots.txt as a feed reader and a search engine get them."""

import re
from io import BytesIO
from xml.etree import ElementTree as ET

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_page
from tests.support.feeds import feed_problems, parse_feed

FEEDS = [
    ("/feeds/nachrichten.rss", "rss20"),
    ("/feeds/nachrichten.atom", "atom10"),
    ("/feeds/nachrichten.rss?stadt=venlo", "rss20"),
    ("/feeds/nachrichten.atom?stadt=kropyvnytskyi", "atom10"),
]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize(("path", "version"), FEEDS)
def test_feeds_keep_their_formats_rules_and_list_public_news(
    base_url: str, path: str, version: str
) -> None:
    response = httpx.get(base_url + path)

    assert response.status_code == 200
    assert feed_problems(response.content) == []
    parsed = parse_feed(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    assert parsed.entries
    assert all(entry.link.startswith(f"{base_url}/nachrichten/") for entry in parsed.entries)
    if "?stadt=" not in path:
        assert len(parsed.entries) >= 5


@pytest.mark.parametrize(("path", "version"), FEEDS[:2])
def test_every_enclosure_is_the_raster_image_it_says(
    base_url: str, path: str, version: str
) -> None:
    parsed = parse_feed(httpx.get(base_url + path).content)
    enclosures = [enclosure for entry in parsed.entries for enclosure in entry.enclosures]

    assert enclosures, "the default news have placeholder images"
    for enclosure in enclosures:
        image = httpx.get(enclosure.href)
        assert image.status_code == 200, enclosure.href
        assert image.headers["content-type"] == enclosure.type
        assert enclosure.type in ("image/jpeg", "image/png")
        assert int(enclosure.length) == len(image.content)
        assert Image.open(BytesIO(image.content)).size == (1200, 630)


def test_a_month_known_item_has_no_invented_day(base_url: str) -> None:
    # "Spende für Kropyvnytskyi" is known only to the month (März 2024).
    parsed = parse_feed(httpx.get(f"{base_url}/feeds/nachrichten.atom").content)
    entry = next(entry for entry in parsed.entries if "spende-20000" in entry.link)

    assert entry.get("published") is None
    assert entry.summary.startswith("März 2024 – ")


def test_city_feed_has_only_that_citys_news(base_url: str) -> None:
    parsed = parse_feed(httpx.get(f"{base_url}/feeds/nachrichten.rss?stadt=venlo").content)

    assert "Venlo" in parsed.feed.title
    assert parsed.entries
    assert all("Venlo" in {tag.term for tag in entry.tags} for entry in parsed.entries)


def test_unknown_city_feed_is_404_with_a_german_message(base_url: str) -> None:
    response = httpx.get(f"{base_url}/feeds/nachrichten.atom?stadt=atlantis")

    assert response.status_code == 404
    assert "keine Partnerstadt" in response.text


@pytest.mark.parametrize("path", ["/feeds/nachrichten.rss", "/sitemap.xml"])
def test_a_repeated_request_through_the_server_gets_304(base_url: str, path: str) -> None:
    first = httpx.get(base_url + path, headers={"Accept-Encoding": "gzip"})
    etag = first.headers["etag"]

    again = httpx.get(base_url + path, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert httpx.get(base_url + path, headers={"If-None-Match": '"alt"'}).status_code == 200


def test_page_head_links_the_feeds(app_page: Page, base_url: str) -> None:
    open_page(app_page)
    head = app_page.locator("head")
    expect(head.locator("link[rel='alternate'][type='application/rss+xml']")).to_have_attribute(
        "href", f"{base_url}/feeds/nachrichten.rss"
    )
    expect(head.locator("link[rel='alternate'][type='application/atom+xml']")).to_have_attribute(
        "href", f"{base_url}/feeds/nachrichten.atom"
    )


def test_a_city_tab_offers_its_feed_and_the_head_follows_the_tab(
    app_page: Page, base_url: str
) -> None:
    open_page(app_page)
    app_page.get_by_role("tab", name="Venlo").click()
    link = app_page.get_by_role("tabpanel").get_by_role(
        "link", name="Nachrichten zu Venlo als RSS-Feed abonnieren"
    )
    expect(link).to_have_attribute("href", "/feeds/nachrichten.rss?stadt=venlo")
    # The head names the city's feeds first once the tab is chosen (no reload).
    city_feeds = app_page.locator("head link[rel='alternate'][type][href*='stadt=venlo']")
    expect(city_feeds).to_have_count(2)
    expect(app_page.locator("head link[rel='canonical']")).to_have_attribute(
        "href", f"{base_url}/?stadt=venlo"
    )

    # A plain link: the browser loads the feed itself (the client router would show a 404).
    with app_page.expect_response(re.compile(r"/feeds/nachrichten\.rss\?stadt=venlo$")) as answer:
        link.click()
    assert answer.value.status == 200
    parsed = parse_feed(answer.value.body())
    assert "Venlo" in parsed.feed.title


def test_the_english_tab_offers_the_feed_in_english(app_page: Page) -> None:
    open_page(app_page, "/?stadt=leicester&lang=en")
    link = app_page.get_by_role("tabpanel").get_by_role(
        "link", name="Subscribe to news about Leicester (RSS feed)"
    )
    expect(link).to_have_attribute("href", "/feeds/nachrichten.rss?stadt=leicester")


def test_sitemap_lists_final_addresses_in_both_languages(base_url: str) -> None:
    sitemap = httpx.get(f"{base_url}/sitemap.xml")
    assert sitemap.status_code == 200
    document = ET.fromstring(sitemap.content)  # noqa: S314 (our own server's answer)
    urls = [element.text or "" for element in document.iter(f"{SITEMAP}loc")]
    assert f"{base_url}/" in urls
    assert f"{base_url}/?lang=en" in urls
    assert f"{base_url}/?stadt=venlo" in urls
    assert any(re.fullmatch(re.escape(base_url) + r"/nachrichten/[a-z0-9-]+", u) for u in urls)
    assert len(set(urls)) == len(urls)
    # Every address answers itself: no redirect (/barrierefreiheit answers 307), no 404.
    with httpx.Client(timeout=15) as client:
        for url in urls:
            assert client.get(url, follow_redirects=False).status_code == 200, url
    for entry in document.iter(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang") for link in entry.iter(f"{XHTML}link") if link.get("rel")
        }
        assert alternates == {"de", "en", "x-default"}

    robots = httpx.get(f"{base_url}/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin" in robots.text
    assert f"Sitemap: {base_url}/sitemap.xml" in robots.text
