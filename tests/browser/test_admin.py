"""The editors' admin in the browser: login, news editing, conflicts, inert XSS."""

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Browser, Dialog, Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, select

from partner_app.models import NewsItem
from partner_app.services.clock import today_in_krefeld
from partner_app.services.news_admin import NewsForm, save_news
from tests.browser.conftest import (
    EDITOR,
    BrowserProblems,
    expect_path,
    log_in_as_editor,
    open_page,
)
from tests.support.feeds import parse_feed


def png_bytes() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (1200, 800), (30, 60, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(page: Page, name: str, data: bytes, mime: str) -> None:
    page.locator("#news-bild input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )


XSS = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=1</script>'


@pytest.fixture
def editor_page(
    app_page: Page, own_app_database: Engine, browser_problems: BrowserProblems
) -> Iterator[Page]:
    """A signed-in admin page that fails the test on any script's dialog.

    Leaving a form with unsaved input asks the browser's own question first
    (tests/browser/test_unsaved_changes.py); these tests leave such forms on purpose.
    """
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        if dialog.type == "beforeunload":
            dialog.accept()
            return
        dialogs.append(dialog.message)
        dialog.dismiss()

    app_page.on("dialog", on_dialog)
    log_in_as_editor(app_page)
    yield app_page
    assert dialogs == [], "a script ran"


def fill_news_form(
    page: Page, *, title: str, teaser: str = "Kurztext der Meldung.", **extra: str
) -> None:
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Kurztext", exact=True).fill(teaser)
    for label, value in extra.items():
        page.get_by_label(label, exact=True).fill(value)


def test_admin_is_unreachable_without_login(app_page: Page) -> None:
    for path in ("/admin/nachrichten", "/admin/nachrichten/bearbeiten", "/admin/protokoll"):
        app_page.goto(path)
        expect_path(app_page, "/admin/anmelden")
        expect(app_page.get_by_role("heading", level=1)).to_have_text("Anmeldung für die Redaktion")
    expect(app_page.locator("html")).to_have_attribute("lang", "de")


def test_failed_then_successful_login_and_logout(app_page: Page, own_app_database: Engine) -> None:
    open_page(app_page, "/admin/anmelden")
    app_page.get_by_label("Benutzername").fill(EDITOR)
    app_page.get_by_label("Passwort").fill("das-ist-falsch!")
    app_page.get_by_role("button", name="Anmelden").click()
    expect(app_page.get_by_role("alert")).to_have_text("Benutzername oder Passwort ist falsch.")
    expect_path(app_page, "/admin/anmelden")

    log_in_as_editor(app_page)
    expect(app_page.get_by_role("navigation", name="Redaktion")).to_contain_text("Angemeldet als")
    expect(app_page.locator("tbody tr")).to_have_count(5)

    app_page.get_by_role("button", name="Abmelden").click()
    expect_path(app_page, "/admin/anmelden")
    app_page.goto("/admin/nachrichten")
    expect_path(app_page, "/admin/anmelden")


def test_created_news_appears_on_the_public_page(
    editor_page: Page, own_app_database: Engine
) -> None:
    page = editor_page
    page.get_by_role("link", name="Neue Meldung").click()
    # The form is ready once the server has filled in today's date.
    expect(page.get_by_label("Veröffentlichungsdatum")).to_have_value(
        today_in_krefeld().isoformat()
    )
    fill_news_form(page, title="Jugendaustausch mit Kayseri", teaser="Zwölf Jugendliche reisen.")
    page.get_by_label("Kayseri").check()
    page.get_by_label("Jugend").check()
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Die Meldung wurde gespeichert.")
    # The form now edits the stored item: its address names the item's id.
    with Session(own_app_database) as session:
        created = session.exec(
            select(NewsItem).where(NewsItem.title == "Jugendaustausch mit Kayseri")
        ).one()
    expect(page).to_have_url(re.compile(rf"/admin/nachrichten/bearbeiten/?\?id={created.id}$"))

    open_page(page, "/?stadt=kayseri")
    expect(page.locator("#result-count")).to_have_text("1 Meldung gefunden.")
    card = page.locator(".news-card")
    expect(card.locator("h3")).to_have_text("Jugendaustausch mit Kayseri")
    expect(card.locator(".city-badge")).to_have_text(["Kayseri"])

    open_page(page, "/admin/protokoll")
    expect(page.locator("tbody tr").first).to_contain_text("angelegt")
    expect(page.locator("tbody tr").first).to_contain_text("Jugendaustausch mit Kayseri")


def test_an_english_version_from_the_form_shows_on_the_english_page(
    editor_page: Page, base_url: str
) -> None:
    page = editor_page
    open_page(page, "/admin/nachrichten/bearbeiten")
    fill_news_form(
        page,
        title="Jugendaustausch mit Leiden",
        teaser="Zwölf Jugendliche reisen.",
        **{"Titel (englisch)": "Youth exchange with Leiden"},
    )
    expect(page.get_by_label("Titel (englisch)")).to_have_attribute("lang", "en")
    expect(page.get_by_label("Titel (englisch)")).to_have_accessible_description(
        re.compile("Leer gelassen zeigt die englische Seite den deutschen Text")
    )
    page.get_by_label("Leiden").check()
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Die Meldung wurde gespeichert.")

    open_page(page, "/?stadt=leiden&lang=en")
    card = page.locator(".news-card", has_text="Youth exchange")
    expect(card.locator("h3")).to_have_text("Youth exchange with Leiden")
    expect(card.locator("h3")).to_have_attribute("lang", "en")
    # No English teaser: the German one, marked, and the card says so.
    expect(card.locator(".news-teaser")).to_have_text("Zwölf Jugendliche reisen.")
    expect(card.locator(".news-teaser")).to_have_attribute("lang", "de")
    expect(card.locator(".only-in-german")).to_have_text("(only in German)")
    card.get_by_role("link", name="Youth exchange with Leiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Youth exchange with Leiden")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    expect(page.locator(".news-lead")).to_have_attribute("lang", "de")
    expect(page.locator(".news-detail .only-in-german")).to_have_text("(only in German)")
    # The first HTML, before any script: the English title, marked English.
    html = httpx.get(page.url).text
    assert re.search(r'<h1 [^>]*lang="en"[^>]*>Youth exchange with Leiden</h1>', html)
    assert "(only in German)" in html
    # The German page keeps the German text and has no note.
    open_page(page, "/?stadt=leiden")
    german = page.locator(".news-card", has_text="Jugendaustausch mit Leiden")
    expect(german.locator("h3")).to_have_attribute("lang", "de")
    expect(german.locator(".only-in-german")).to_have_count(0)


def test_scheduled_news_stays_hidden_until_its_day(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/admin/nachrichten/bearbeiten")
    tomorrow = (today_in_krefeld() + timedelta(days=1)).isoformat()
    fill_news_form(page, title="Geplante Meldung für morgen")
    page.get_by_label("Veröffentlichungsdatum").fill(tomorrow)
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Die Meldung wurde gespeichert.")

    open_page(page, "/admin/nachrichten")
    row = page.locator("tbody tr", has_text="Geplante Meldung für morgen")
    expect(row).to_contain_text("veröffentlicht (geplant)")
    open_page(page, "/?q=geplante")
    expect(page.locator("#result-count")).to_have_text("Keine Meldung gefunden.")


def test_validation_errors_keep_the_input(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/admin/nachrichten/bearbeiten")
    fill_news_form(page, title="   ", teaser="Mein sorgfältig getippter Kurztext.")
    page.get_by_label("Text", exact=True).fill("Ein langer **Text**.")
    page.get_by_label("Veröffentlichungsdatum").fill("1850-01-01")
    page.get_by_label("Dünkirchen").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#title-fehler")).to_have_text("Bitte füllen Sie dieses Feld aus.")
    # The button sits at the form's end: the editor is taken to the first field to fix.
    expect(page.get_by_label("Titel", exact=True)).to_be_focused()
    assert page.evaluate("document.getElementById('title').getBoundingClientRect().top >= 0")
    expect(page.get_by_label("Titel", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Titel", exact=True)).to_have_attribute(
        "aria-describedby", "title-fehler"
    )
    expect(page.locator("#published_on-fehler")).to_contain_text("zwischen")
    expect(page.get_by_label("Kurztext", exact=True)).to_have_value(
        "Mein sorgfältig getippter Kurztext."
    )
    expect(page.get_by_label("Text", exact=True)).to_have_value("Ein langer **Text**.")
    expect(page.get_by_label("Dünkirchen")).to_be_checked()
    open_page(page, "/admin/nachrichten")
    expect(page.locator("tbody tr")).to_have_count(5)


def test_edit_conflict_between_two_browsers(
    editor_page: Page, own_app_database: Engine, browser: Browser, base_url: str
) -> None:
    with Session(own_app_database) as session:
        news_id = save_news(
            session,
            NewsForm(
                title="Konfliktmeldung",
                teaser="Ursprünglicher Kurztext.",
                published_on=today_in_krefeld().isoformat(),
                status="published",
            ),
            editor=EDITOR,
            today=today_in_krefeld(),
        )
    edit_path = f"/admin/nachrichten/bearbeiten?id={news_id}"
    anna = editor_page
    open_page(anna, edit_path)
    expect(anna.get_by_label("Titel", exact=True)).to_have_value("Konfliktmeldung")

    other = browser.new_context(base_url=base_url)
    ben = other.new_page()
    try:
        log_in_as_editor(ben)
        open_page(ben, edit_path)
        expect(ben.get_by_label("Titel", exact=True)).to_have_value("Konfliktmeldung")
        ben.get_by_label("Kurztext", exact=True).fill("Von Ben geänderter Kurztext.")
        ben.get_by_role("button", name="Speichern").click()
        expect(ben.locator("#formular-meldung")).to_have_text("Die Meldung wurde gespeichert.")
    finally:
        other.close()

    anna.get_by_label("Titel", exact=True).fill("Von Anna geänderter Titel")
    anna.get_by_role("button", name="Speichern").click()
    conflict = anna.locator("#konflikt")
    expect(conflict).to_contain_text("Kurztext: Von Ben geänderter Kurztext.")
    expect(anna.get_by_label("Titel", exact=True)).to_have_value("Von Anna geänderter Titel")

    open_page(anna, "/?q=konfliktmeldung")
    expect(anna.locator(".news-card h3")).to_have_text(["Konfliktmeldung"])
    expect(anna.locator(".news-card .news-teaser")).to_have_text("Von Ben geänderter Kurztext.")


def test_xss_payloads_in_every_text_field_render_inert(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/admin/nachrichten/bearbeiten")
    fill_news_form(page, title="XSS " + XSS, teaser="Kurz " + XSS)
    page.get_by_label("Text", exact=True).fill(XSS + "\n\n[klick](javascript:window.__xss=1)")
    upload(page, "bild.png", png_bytes(), "image/png")
    expect(page.locator(".image-preview")).to_be_visible()
    page.get_by_label("Alternativtext des Bildes").fill("Alt " + XSS)
    page.get_by_label("Bildunterschrift").fill("Unterschrift " + XSS)
    page.get_by_label("Bildnachweis").fill("Nachweis " + XSS)
    page.get_by_label("Venlo").check()
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Die Meldung wurde gespeichert.")
    preview = page.locator(".markdown-preview")
    expect(preview).to_contain_text("<script>")
    expect(preview.locator("script, img, a[href^='javascript']")).to_have_count(0)

    open_page(page, "/?q=xss")
    card = page.locator(".news-card")
    expect(card.locator("h3")).to_have_text("XSS " + XSS)
    expect(card.locator("figcaption")).to_contain_text("Unterschrift " + XSS)
    expect(card.locator("img")).to_have_attribute("alt", "Alt " + XSS)
    expect(card.locator("script, img[src='x']")).to_have_count(0)
    open_page(page, "/admin/nachrichten?q=xss")
    assert page.evaluate("window.__xss") is None


def test_valid_upload_shows_on_the_public_card(
    editor_page: Page, app_upload_dir: Path, base_url: str
) -> None:
    page = editor_page
    open_page(page, "/admin/nachrichten/bearbeiten")
    fill_news_form(page, title="Meldung mit Bild")
    upload(page, "foto.png", png_bytes(), "image/png")
    expect(page.locator(".image-preview")).to_be_visible()
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#image_alt-fehler")).to_have_text("Bitte füllen Sie dieses Feld aus.")
    expect(page.locator("#image_credit-fehler")).to_have_text("Bitte füllen Sie dieses Feld aus.")
    page.get_by_label("Alternativtext des Bildes").fill("Blaue Testfläche")
    page.get_by_label("Bildnachweis").fill("Foto: Stadt Krefeld")
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Die Meldung wurde gespeichert.")

    open_page(page, "/?q=meldung+mit+bild")
    image = page.locator(".news-card img")
    expect(image).to_have_attribute("alt", "Blaue Testfläche")
    expect(image).to_have_attribute("src", re.compile(r"^/_upload/news/[0-9a-f]{24}-card\.webp$"))
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("node => node.naturalWidth") == 800
    assert len(list((app_upload_dir / "news").glob("*.webp"))) >= 2

    # Link previews and feed readers get the 1200 x 630 JPEG stored beside the WebP sizes.
    href = page.locator(".news-card h3 a").first.get_attribute("href") or ""
    detail = httpx.get(base_url + href).text
    og_image = re.search(r'<meta content="([^"]+)" property="og:image"', detail)
    assert og_image is not None
    assert re.fullmatch(re.escape(base_url) + r"/_upload/news/[0-9a-f]{24}-share\.jpg", og_image[1])
    jpeg = httpx.get(og_image[1])
    assert jpeg.headers["content-type"] == "image/jpeg"
    assert Image.open(BytesIO(jpeg.content)).size == (1200, 630)
    feed = parse_feed(httpx.get(f"{base_url}/feeds/nachrichten.atom").content)
    entry = next(entry for entry in feed.entries if entry.link == base_url + href)
    assert [(enclosure.href, enclosure.type) for enclosure in entry.enclosures] == [
        (og_image[1], "image/jpeg")
    ]
    # Published through the admin today: the feed names the moment, not midnight.
    published = datetime.fromisoformat(str(entry.get("published")))
    assert abs(published - datetime.now(UTC)) < timedelta(minutes=10)


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("bild.jpg", b"<script>alert(1)</script>", "image/jpeg"),
        ("animation.gif", b"GIF89a" + bytes(64), "image/gif"),
    ],
)
def test_invalid_uploads_are_refused_without_a_trace(
    editor_page: Page, app_upload_dir: Path, name: str, data: bytes, mime: str
) -> None:
    page = editor_page
    before = (
        set((app_upload_dir / "news").glob("*")) if (app_upload_dir / "news").exists() else set()
    )
    open_page(page, "/admin/nachrichten/bearbeiten")
    fill_news_form(page, title="Ungültiges Bild")
    upload(page, name, data, mime)
    expect(page.locator("#bild-fehler")).to_contain_text("kein gültiges Bild")
    expect(page.locator(".image-preview")).to_have_count(0)
    expect(page.get_by_label("Titel", exact=True)).to_have_value("Ungültiges Bild")
    after = (
        set((app_upload_dir / "news").glob("*")) if (app_upload_dir / "news").exists() else set()
    )
    assert after == before


def noisy_jpeg(path: Path, *, at_least: int) -> None:
    """A JPEG of at least ``at_least`` bytes, as detailed as a photo straight from a phone."""
    pixels = Image.frombytes("RGB", (4000, 3000), os.urandom(4000 * 3000 * 3))
    for quality in (90, 95, 97, 99):
        pixels.save(path, format="JPEG", quality=quality)
        if path.stat().st_size >= at_least:
            return
    raise AssertionError("no JPEG that large")


def test_a_13_mb_phone_photo_is_uploaded(editor_page: Page, tmp_path: Path) -> None:
    page = editor_page
    photo = tmp_path / "IMG_2025.jpg"
    noisy_jpeg(photo, at_least=int(13.6 * 1024 * 1024))
    open_page(page, "/admin/nachrichten/bearbeiten")
    fill_news_form(page, title="Meldung mit Handyfoto")

    page.locator("#news-bild input[type=file]").set_input_files(photo)

    expect(page.locator(".image-preview")).to_be_visible(timeout=30_000)
    expect(page.locator("#bild-fehler")).to_have_count(0)
    expect(page.get_by_label("Titel", exact=True)).to_have_value("Meldung mit Handyfoto")


def test_a_photo_over_20_mb_is_refused_before_it_is_sent(editor_page: Page, tmp_path: Path) -> None:
    page = editor_page
    upload_requests: list[str] = []
    page.on(
        "request",
        lambda request: upload_requests.append(request.url) if "/_upload" in request.url else None,
    )
    photo = tmp_path / "IMG_2026.jpg"
    with photo.open("wb") as file:
        file.write(b"\xff\xd8\xff\xe0")
        file.truncate(21 * 1024 * 1024)
    open_page(page, "/admin/nachrichten/bearbeiten")
    fill_news_form(page, title="Meldung mit zu großem Foto")
    expect(page.locator("#news-bild")).to_contain_text("höchstens 20 MB")

    page.locator("#news-bild input[type=file]").set_input_files(photo)

    error = page.locator("#bild-fehler")
    expect(error).to_have_text("Das Bild ist zu groß (21,0 MB). Erlaubt sind höchstens 20 MB.")
    expect(error).to_have_attribute("role", "alert")
    expect(page.locator(".image-preview")).to_have_count(0)
    expect(page.get_by_label("Titel", exact=True)).to_have_value("Meldung mit zu großem Foto")
    expect(page.get_by_label("Kurztext", exact=True)).to_have_value("Kurztext der Meldung.")
    assert upload_requests == []


def test_delete_asks_first_and_then_removes_the_item(
    editor_page: Page, own_app_database: Engine
) -> None:
    with Session(own_app_database) as session:
        save_news(
            session,
            NewsForm(
                title="Zu löschende Meldung",
                teaser="Gleich weg.",
                published_on=today_in_krefeld().isoformat(),
                status="published",
            ),
            editor=EDITOR,
            today=today_in_krefeld(),
        )
    page = editor_page
    open_page(page, "/admin/nachrichten")
    page.get_by_role("button", name="Löschen: Zu löschende Meldung").click()
    question = page.get_by_role("alertdialog")
    expect(question).to_contain_text("Meldung „Zu löschende Meldung“ endgültig löschen?")
    page.get_by_role("button", name="Abbrechen").click()
    expect(question).to_have_count(0)
    expect(page.locator("tbody tr", has_text="Zu löschende Meldung")).to_have_count(1)

    page.get_by_role("button", name="Löschen: Zu löschende Meldung").click()
    expect(page.get_by_role("button", name="Ja, löschen")).to_be_focused()
    page.get_by_role("button", name="Ja, löschen").click()
    expect(page.get_by_role("status")).to_have_text("„Zu löschende Meldung“ wurde gelöscht.")
    expect(page.locator("tbody tr", has_text="Zu löschende Meldung")).to_have_count(0)
    open_page(page, "/?q=loschende")
    expect(page.locator("#result-count")).to_have_text("Keine Meldung gefunden.")
