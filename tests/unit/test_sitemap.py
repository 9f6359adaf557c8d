from xml.etree import ElementTree as ET

from sqlmodel import Session

from partner_app.services.sitemap import (
    SITEMAP_NAMESPACE,
    XHTML_NAMESPACE,
    robots_txt,
    sitemap_document,
    sitemap_entries,
    sitemap_xml,
)
from tests.unit.conftest import TODAY

ORIGIN = "https://www.krefeld.de"
PAGES = [
    "/",
    "/?stadt=venlo",
    "/?stadt=duenkirchen",
    "/barrierefreiheit/",
    "/impressum/",
    "/datenschutz/",
    *(f"/nachrichten/{slug}" for slug in ("fest", "museum", "spende", "ohne-stadt")),
]


def english(path: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang=en"


def parsed(archive: Session) -> ET.Element:
    # Our own output, not untrusted input.
    return ET.fromstring(sitemap_xml(sitemap_entries(archive, today=TODAY), ORIGIN))  # noqa: S314


def test_sitemap_lists_each_page_once_per_language(archive: Session) -> None:
    locations = [loc.text for loc in parsed(archive).iter(f"{{{SITEMAP_NAMESPACE}}}loc")]

    assert locations == [
        f"{ORIGIN}{version}" for path in PAGES for version in (path, english(path))
    ]
    # No duplicates, no filter views besides the city views, no address that redirects.
    assert len(set(locations)) == len(locations)
    assert not any(
        word in (location or "") for location in locations for word in ("jahr=", "thema=", "q=")
    )
    assert not any(
        (location or "").endswith(("/barrierefreiheit", "/impressum")) for location in locations
    )


def test_every_entry_names_its_language_versions(archive: Session) -> None:
    for url in parsed(archive).iter(f"{{{SITEMAP_NAMESPACE}}}url"):
        location = url.findtext(f"{{{SITEMAP_NAMESPACE}}}loc") or ""
        german = location.replace("?lang=en", "").replace("&lang=en", "")
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.iter(f"{{{XHTML_NAMESPACE}}}link")
            if link.get("rel") == "alternate"
        }
        assert alternates == {
            "de": german,
            "en": f"{ORIGIN}{english(german.removeprefix(ORIGIN))}",
            "x-default": german,
        }
        assert location in alternates.values()


def test_news_entries_carry_their_last_change(archive: Session) -> None:
    entries = sitemap_entries(archive, today=TODAY)
    news = [entry for entry in entries if entry.path.startswith("/nachrichten/")]

    assert all(entry.last_modified is not None for entry in news)


def test_the_document_says_when_it_last_changed(archive: Session) -> None:
    body, last_modified = sitemap_document(archive, origin=ORIGIN, today=TODAY)

    assert body == sitemap_xml(sitemap_entries(archive, today=TODAY), ORIGIN)
    assert last_modified.tzinfo is not None


def test_robots_keeps_crawlers_out_of_the_admin_and_names_the_sitemap() -> None:
    lines = robots_txt(ORIGIN).splitlines()

    assert "Disallow: /admin" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
