"""Impressum, privacy policy and accessibility statement, and the footer that links them."""

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import expect_path, open_page

TEXT_PAGES = [
    ("/impressum/", "Impressum", "/impressum/?lang=en", "Legal notice"),
    ("/datenschutz/", "Datenschutzerklärung", "/datenschutz/?lang=en", "Privacy policy"),
    (
        "/barrierefreiheit/",
        "Erklärung zur Barrierefreiheit",
        "/barrierefreiheit/?lang=en",
        "Accessibility statement",
    ),
]


def _footer_hrefs(page: Page) -> list[str]:
    links = page.locator("footer a")
    return [links.nth(index).get_attribute("href") or "" for index in range(links.count())]


@pytest.mark.parametrize("query", ["", "?lang=en"])
def test_every_footer_link_answers_200_without_a_redirect(
    app_page: Page, base_url: str, query: str
) -> None:
    open_page(app_page, "/" + query)
    footer = app_page.locator("footer")
    names = (
        ("Legal notice", "Privacy policy", "Open data (JSON API, OpenAPI)")
        if query
        else ("Impressum", "Datenschutzerklärung", "Offene Daten (JSON-API, OpenAPI)")
    )
    for name in names:
        expect(footer.get_by_role("link", name=name)).to_be_visible()
    hrefs = _footer_hrefs(app_page)
    # Three text pages, two feeds and the open data API's description.
    assert len(hrefs) == 6
    assert "/api/v1/openapi.json" in hrefs
    for href in hrefs:
        response = httpx.get(base_url + href, follow_redirects=False)
        assert response.status_code == 200, href


def test_the_footer_rss_link_loads_the_feed_not_the_apps_404(app_page: Page) -> None:
    open_page(app_page)
    with app_page.expect_response(lambda r: r.url.endswith("/feeds/nachrichten.rss")) as answer:
        app_page.locator("footer").get_by_role("link", name="Nachrichten als RSS-Feed").click()
    response = answer.value
    assert response.status == 200
    assert "xml" in response.headers["content-type"]
    # The browser shows the feed itself (its XML, with the channel's title), not a page of
    # the app saying 404. (A text search for "404" also matched the feed's own links
    # whenever the test's port held "404".)
    expect(
        app_page.get_by_text("Städtepartnerschaften Krefeld – Nachrichten").first
    ).to_be_visible()
    expect(app_page.locator("main")).to_have_count(0)


def back_link(page: Page) -> Locator:
    """The text page's link back to where the visitor came from."""
    return page.locator("main .back-link a").first


@pytest.mark.parametrize(("path", "heading", "english_path", "english_heading"), TEXT_PAGES)
def test_text_pages_have_a_large_h1_a_way_back_and_a_canonical_url(
    app_page: Page, path: str, heading: str, english_path: str, english_heading: str
) -> None:
    for address, title, start in (
        (path, heading, "/"),
        (english_path, english_heading, "/?lang=en"),
    ):
        open_page(app_page, address)
        h1 = app_page.get_by_role("heading", level=1)
        expect(h1).to_have_text(title)
        h1_size = float(h1.evaluate("node => getComputedStyle(node).fontSize").removesuffix("px"))
        h2_sizes = app_page.locator("main h2").evaluate_all(
            "nodes => nodes.map(node => parseFloat(getComputedStyle(node).fontSize))"
        )
        assert h2_sizes
        assert h1_size > max(h2_sizes)
        canonical = app_page.locator("link[rel=canonical]")
        expect(canonical).to_have_count(1)
        canonical_href = canonical.get_attribute("href", timeout=1000)
        assert canonical_href is not None
        assert canonical_href.endswith(address)
        expect(back_link(app_page)).to_have_attribute("href", start)
    back_link(app_page).click()
    expect_path(app_page, "/")
    expect(app_page.get_by_role("heading", level=1)).not_to_have_text(english_heading)


@pytest.mark.parametrize(
    ("path", "facts"),
    [
        (
            "/impressum/",
            ["Stadt Krefeld", "Der Oberbürgermeister", "Von-der-Leyen-Platz 1", "47798 Krefeld"],
        ),
        (
            "/datenschutz/",
            [
                "Von-der-Leyen-Platz 1",
                "Datenschutzbeauftragte",
                "90 Tage",
                "keine Cookies",
                "Kavalleriestraße 2–4, 40213 Düsseldorf",
            ],
        ),
        (
            "/barrierefreiheit/",
            ["am 26. November 2026 erstellt", "zuletzt am 1. Dezember 2026 überprüft"],
        ),
        ("/barrierefreiheit/?lang=en", ["prepared on 26 November 2026", "1 December 2026"]),
        ("/datenschutz/?lang=en", ["90 days", "no cookies", "Art. 15 to 21 GDPR"]),
    ],
)
def test_text_pages_state_their_facts(app_page: Page, path: str, facts: list[str]) -> None:
    open_page(app_page, path)
    main = app_page.locator("main")
    for fact in facts:
        expect(main).to_contain_text(fact)


@pytest.mark.parametrize(
    ("path", "name", "href"),
    [
        ("/", "Datenschutzerklärung", "/datenschutz/"),
        ("/?lang=en", "privacy policy", "/datenschutz/?lang=en"),
        ("/barrierefreiheit/", "Datenschutzerklärung", "/datenschutz/"),
    ],
)
def test_the_consent_links_the_privacy_policy(
    app_page: Page, path: str, name: str, href: str
) -> None:
    open_page(app_page, path)
    consent = app_page.locator(".check-field label")
    link = consent.get_by_role("link", name=name)
    expect(link).to_have_attribute("href", href)
    link.click()
    expect_path(app_page, "/datenschutz/")
    expect(app_page.get_by_role("heading", level=1)).to_have_text(
        "Privacy policy" if "lang=en" in href else "Datenschutzerklärung"
    )


def test_lists_in_the_text_pages_show_their_bullets(app_page: Page) -> None:
    open_page(app_page, "/datenschutz/")
    item = app_page.locator(".statement li").first
    expect(item).to_contain_text("Ihren Namen")
    expect(item).to_have_css("display", "list-item")
    assert item.evaluate("node => getComputedStyle(node.parentElement).listStyleType") == "disc"
