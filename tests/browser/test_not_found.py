"""Unknown addresses: HTTP 404 with the site's frame, a German or English message, ways on."""

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserProblems, wait_until_hydrated


def test_an_unknown_address_answers_404_at_once(base_url: str) -> None:
    response = httpx.get(f"{base_url}/gibt-es-nicht", follow_redirects=False)
    assert response.status_code == 404
    assert "404: Page not found" not in response.text


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/gibt-es-nicht", "de", "Seite nicht gefunden"), ("/a/b?lang=en", "en", "Page not found")],
)
def test_the_first_html_of_an_unknown_address_is_the_whole_page(
    base_url: str, path: str, lang: str, heading: str
) -> None:
    # As a browser asks: the page is rendered for the request (partner_app/server_render).
    response = httpx.get(base_url + path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert f'<html lang="{lang}"' in response.text
    assert f"<title>{heading} – " in response.text
    assert re.search(rf"<h1[^>]*>{heading}</h1>", response.text)


@pytest.mark.parametrize(
    ("path", "heading", "home", "archive", "lang"),
    [
        ("/gibt-es-nicht", "Seite nicht gefunden", "Zur Startseite", "Zum Pressearchiv", "de"),
        ("/partner/x?lang=en", "Page not found", "To the start page", "To the press archive", "en"),
    ],
    ids=["german", "english"],
)
def test_the_404_page_has_the_site_frame_and_ways_on(
    page: Page,
    browser_problems: BrowserProblems,
    path: str,
    heading: str,
    home: str,
    archive: str,
    lang: str,
) -> None:
    # The browser reports the page's own 404 status as a console error.
    browser_problems.expect_error("status of 404")
    page.goto(path)
    wait_until_hydrated(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    site_name = "City of Krefeld" if lang == "en" else "Stadt Krefeld"
    expect(page.get_by_role("banner")).to_contain_text(site_name)
    expect(page.get_by_role("contentinfo")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    start = "/?lang=en" if lang == "en" else "/"
    expect(page.get_by_role("link", name=home)).to_have_attribute("href", start)
    page.get_by_role("link", name=archive).click()
    expect(page.locator("#result-count")).to_contain_text("5")
