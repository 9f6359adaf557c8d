"""Feeds, sitemap and robots.txt as a feed reader and a search engine get them."""

import re
from xml.etree import ElementTree as ET

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_page
from tests.support.feeds import parse_feed


@pytest.mark.parametrize(
    ("path", "version"),
    [("/feeds/nachrichten.rss", "rss20"), ("/feeds/nachrichten.atom", "atom10")],
)
def test_feeds_are_valid_and_list_public_news(base_url: str, path: str, version: str) -> None:
    response = httpx.get(base_url + path)

    assert response.status_code == 200
    parsed = parse_feed(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    assert len(parsed.entries) >= 5
    assert all(entry.link.startswith(f"{base_url}/nachrichten/") for entry in parsed.entries)


def test_city_feed_has_only_that_citys_news(base_url: str) -> None:
    parsed = parse_feed(httpx.get(f"{base_url}/feeds/nachrichten.rss?stadt=venlo").content)

    assert "Venlo" in parsed.feed.title
    assert parsed.entries
    assert all("Venlo" in {tag.term for tag in entry.tags} for entry in parsed.entries)


def test_unknown_city_feed_is_404_with_a_german_message(base_url: str) -> None:
    response = httpx.get(f"{base_url}/feeds/nachrichten.atom?stadt=atlantis")

    assert response.status_code == 404
    assert "keine Partnerstadt" in response.text


def test_page_head_links_the_feeds(app_page: Page) -> None:
    open_page(app_page)
    head = app_page.locator("head")
    expect(head.locator("link[rel='alternate'][type='application/rss+xml']")).to_have_attribute(
        "href", "/feeds/nachrichten.rss"
    )
    expect(head.locator("link[rel='alternate'][type='application/atom+xml']")).to_have_attribute(
        "href", "/feeds/nachrichten.atom"
    )


def test_sitemap_and_robots(base_url: str) -> None:
    sitemap = httpx.get(f"{base_url}/sitemap.xml")
    assert sitemap.status_code == 200
    document = ET.fromstring(sitemap.content)  # noqa: S314 (our own server's answer)
    urls = [element.text for element in document.iter() if element.tag.endswith("loc")]
    assert f"{base_url}/" in urls
    assert f"{base_url}/?stadt=venlo" in urls
    assert any(
        re.fullmatch(re.escape(base_url) + r"/nachrichten/[a-z0-9-]+", u or "") for u in urls
    )
    # The text pages are listed in the form that answers without a redirect.
    for path in ("/barrierefreiheit/", "/impressum/", "/datenschutz/"):
        assert f"{base_url}{path}" in urls
        assert httpx.get(base_url + path, follow_redirects=False).status_code == 200

    robots = httpx.get(f"{base_url}/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin" in robots.text
    assert f"Sitemap: {base_url}/sitemap.xml" in robots.text
