"""News detail pages: reached from the archive, with their own head, related news and 404."""

import json
import re

import httpx
from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserProblems, expect_path, open_page

SLUG = "spende-20000-euro-kropyvnytskyi"
TITLE = "20.000 Euro Spende für Kropyvnytskyi"
OTHER_KROPYVNYTSKYI_TITLE = "Ein Kanalreinigungsfahrzeug für Kropyvnytskyi"


def test_card_opens_the_detail_page_and_the_way_back_keeps_the_filter(app_page: Page) -> None:
    open_page(app_page, "/?stadt=kropyvnytskyi")
    app_page.get_by_role("link", name=TITLE).click()

    expect_path(app_page, f"/nachrichten/{SLUG}")
    expect(app_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(app_page).to_have_title(re.compile("^" + re.escape(TITLE) + " – "))
    article = app_page.locator("article.news-detail")
    expect(article.locator(".city-badge")).to_have_text(["Kropyvnytskyi"])
    expect(article.locator(".news-body p").first).to_be_visible()
    # The seeded image is a placeholder: one short caption, no credit line.
    expect(article.get_by_role("figure")).to_have_text("Symbolbild, kein Pressefoto")
    related = app_page.get_by_role("region", name="Weitere Meldungen zu diesen Partnerstädten")
    expect(related.get_by_role("link", name=OTHER_KROPYVNYTSKYI_TITLE)).to_be_visible()

    app_page.get_by_role("link", name="Zurück zur Übersicht der Meldungen").first.click()

    expect_path(app_page, "/?stadt=kropyvnytskyi")
    expect(app_page.get_by_role("tab", name="Kropyvnytskyi")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(app_page.get_by_role("link", name=TITLE)).to_be_visible()


def test_detail_page_head_describes_the_item(app_page: Page, base_url: str) -> None:
    open_page(app_page, f"/nachrichten/{SLUG}")
    head = app_page.locator("head")
    expect(head.locator("meta[name='description']")).to_have_count(1)
    expect(head.locator("meta[name='description']")).to_have_attribute(
        "content", re.compile("^Krefeld überweist 20.000 Euro")
    )
    canonical = f"{base_url}/nachrichten/{SLUG}"
    expect(head.locator("link[rel='canonical']")).to_have_attribute("href", canonical)
    expect(head.locator("meta[property='og:title']")).to_have_attribute(
        "content", re.compile(re.escape(TITLE))
    )
    expect(head.locator("meta[property='og:type']")).to_have_attribute("content", "article")
    expect(head.locator("meta[property='og:url']")).to_have_attribute("content", canonical)
    json_ld = app_page.locator("script[type='application/ld+json']")
    expect(json_ld).to_have_count(1)
    article = json.loads(json_ld.text_content() or "")
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == TITLE
    assert article["mainEntityOfPage"] == canonical


def test_navigating_away_leaves_no_stale_head(app_page: Page, base_url: str) -> None:
    open_page(app_page, f"/nachrichten/{SLUG}")
    expect(app_page.locator("head link[rel='canonical']")).to_have_count(1)
    app_page.get_by_role("link", name="Zurück zur Übersicht der Meldungen").first.click()

    expect_path(app_page, "/")
    expect(app_page).to_have_title("Städtepartnerschaften – Stadt Krefeld")
    expect(app_page.locator("head title")).to_have_count(1)
    # The start page's own head, not the item's.
    expect(app_page.locator("head link[rel='canonical']")).to_have_attribute("href", f"{base_url}/")
    expect(app_page.locator("head meta[property='og:type']")).to_have_attribute(
        "content", "website"
    )
    expect(app_page.locator("head meta[property='og:image']")).to_have_count(1)
    expect(app_page.locator("script[type='application/ld+json']")).to_have_count(0)


def test_server_answers_the_detail_head_without_javascript(base_url: str) -> None:
    response = httpx.get(f"{base_url}/nachrichten/{SLUG}")

    assert response.status_code == 200
    # The page is rendered for the request (partner_app/server_render): its head tags once,
    # the app's own, with no copies of the shell's fallback head.
    assert response.text.count(f"<title>{TITLE} – ") == 1
    assert response.text.count(f'<link href="{base_url}/nachrichten/{SLUG}" rel="canonical"/>') == 1
    assert "data-server-head" not in response.text
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text)
    assert len(scripts) == 1
    assert json.loads(scripts[0])["headline"] == TITLE


def test_unknown_slug_is_a_real_404_page(
    app_page: Page, browser_problems: BrowserProblems, base_url: str
) -> None:
    # Chromium logs the 404 status of the document itself as a console error.
    browser_problems.expect_error(r"status of 404 \(Not Found\)")
    response = app_page.goto("/nachrichten/gibt-es-nicht")

    assert response is not None
    assert response.status == 404
    expect(app_page.get_by_role("heading", level=1)).to_have_text("Meldung nicht gefunden")
    expect(app_page).to_have_title(re.compile("^Meldung nicht gefunden"))
    expect(app_page.locator("head meta[name='robots']")).to_have_attribute("content", "noindex")
    app_page.get_by_role("link", name="Zum Pressearchiv").click()
    expect(app_page).to_have_url(re.compile(r"/#pressearchiv$"))
    expect(app_page.get_by_role("heading", name="Nachrichten aus dem Pressearchiv")).to_be_visible()
    assert httpx.get(f"{base_url}/nachrichten/entwurf-gibt-es-nicht").status_code == 404
