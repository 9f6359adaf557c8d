from xml.etree import ElementTree as ET

from sqlmodel import Session

from partner_app.services.sitemap import (
    SITEMAP_NAMESPACE,
    robots_txt,
    sitemap_entries,
    sitemap_xml,
)
from tests.unit.conftest import TODAY

ORIGIN = "https://www.krefeld.de"


def test_sitemap_lists_page_city_tabs_text_pages_and_public_news(archive: Session) -> None:
    # Our own output, not untrusted input.
    document = ET.fromstring(sitemap_xml(sitemap_entries(archive, today=TODAY), ORIGIN))  # noqa: S314
    locations = [loc.text for loc in document.iter(f"{{{SITEMAP_NAMESPACE}}}loc")]

    assert locations == [
        f"{ORIGIN}/",
        f"{ORIGIN}/?stadt=venlo",
        f"{ORIGIN}/?stadt=duenkirchen",
        f"{ORIGIN}/barrierefreiheit/",
        f"{ORIGIN}/impressum/",
        f"{ORIGIN}/datenschutz/",
        *(f"{ORIGIN}/nachrichten/{slug}" for slug in ("fest", "museum", "spende", "ohne-stadt")),
    ]


def test_news_entries_carry_their_last_change(archive: Session) -> None:
    entries = sitemap_entries(archive, today=TODAY)
    news = [entry for entry in entries if entry.path.startswith("/nachrichten/")]

    assert all(entry.last_modified is not None for entry in news)


def test_robots_keeps_crawlers_out_of_the_admin_and_names_the_sitemap() -> None:
    lines = robots_txt(ORIGIN).splitlines()

    assert "Disallow: /admin" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
