"""Editing partnerships, contacts, address and intro in the browser."""

from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Dialog, Page, expect
from sqlalchemy import Engine, Table, delete, inspect, select, update
from sqlmodel import Session, SQLModel

from partner_app.models import ContactPerson, NewsItem, OfficeAddress, PageIntro, Partnership
from partner_app.services import search_index
from partner_app.services.news_search import refresh_search_text
from tests.browser.conftest import log_in_as_editor, open_page


def _table_of(model: type[SQLModel]) -> Table:
    # SQLModel does not declare __table__; the mapper's local table is the same Table.
    table = inspect(model).local_table
    assert isinstance(table, Table), f"{model.__name__} is not mapped to a plain table"
    return table


EDITED_TABLES = [
    _table_of(model) for model in (Partnership, ContactPerson, OfficeAddress, PageIntro)
]


@pytest.fixture
def editor_page(app_page: Page, own_app_database: Engine) -> Iterator[Page]:
    """A signed-in page; the content tables are put back as they were afterwards."""
    snapshot = _rows(own_app_database)
    log_in_as_editor(app_page)
    yield app_page
    with own_app_database.begin() as connection:
        for table in EDITED_TABLES:
            rows = snapshot[table.name]
            ids = [row["id"] for row in rows]
            connection.execute(delete(table).where(~table.c.id.in_(ids)))
            for row in rows:
                connection.execute(update(table).where(table.c.id == row["id"]).values(**row))
        # Written past the ORM: the search index is built anew from the restored names.
        search_index.rebuild(connection)
    # News are searched by their cities' names: recompute after putting the names back.
    with Session(own_app_database) as session:
        for news in session.scalars(select(NewsItem)):
            refresh_search_text(news)
            session.add(news)
        session.commit()


def _rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as connection:
        return {
            table.name: [dict(row._mapping) for row in connection.execute(select(table))]
            for table in EDITED_TABLES
        }


def test_search_terms_an_editor_adds_find_the_partnerships_news(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/?q=maasstadt")
    expect(page.locator("#result-count")).to_have_text("Keine Meldung gefunden.")
    open_page(page, "/admin/inhalte/bearbeiten?typ=partnerschaft&id=1")
    terms = page.get_by_label("Suchbegriffe (einer pro Zeile)")
    expect(terms).to_have_value("Nederland\nNetherlands")
    terms.fill("Nederland\nNetherlands\nMaasstadt")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Gespeichert.")
    open_page(page, "/?q=maasstadt")
    expect(page.locator("#result-count")).to_have_text("1 Meldung gefunden.")
    expect(page.locator(".news-card h3")).to_have_text(
        ["„Kultur findet Stadt“ feiert die Freundschaft mit Venlo"]
    )


def test_partnership_status_and_note_change_the_public_page(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/admin/inhalte")
    page.get_by_role("link", name="Bearbeiten: Leiden").click()
    expect(page.get_by_label("Name (deutsch)")).to_have_value("Leiden")
    page.get_by_label("Status", exact=True).select_option("suspended")
    page.get_by_label("Anmerkung zum Status").fill("Zum Test ausgesetzt.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Gespeichert.")

    open_page(page, "/?stadt=leiden")
    note = page.get_by_role("tabpanel").locator(".status-note")
    expect(note).to_contain_text("ausgesetzt")
    expect(note).to_contain_text("Zum Test ausgesetzt.")


def test_bad_partnership_input_is_explained_and_kept(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/admin/inhalte")
    page.get_by_role("link", name="Bearbeiten: Venlo").click()
    expect(page.get_by_label("Name (deutsch)")).to_have_value("Venlo")
    page.get_by_label("Breitengrad").fill("123,4")
    page.get_by_label("Sprachcode der Landessprache").fill("Niederländisch")
    page.get_by_label("Region").fill("Limburg (geändert)")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#latitude-fehler")).to_have_text(
        "Die Zahl muss zwischen -90 und 90 liegen."
    )
    expect(page.locator("#native_lang-fehler")).to_contain_text("Sprachcode")
    # The first of the two fields in the form's order has the focus.
    expect(page.get_by_label("Sprachcode der Landessprache")).to_be_focused()
    expect(page.get_by_label("Region")).to_have_value("Limburg (geändert)")
    expect(page.get_by_label("Breitengrad")).to_have_attribute("aria-invalid", "true")


def test_contacts_can_be_added_checked_and_deleted(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/admin/inhalte")
    page.get_by_role("link", name="Neuer Kontakt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neu: Kontakt")
    page.get_by_label("Name").fill("Erika Beispiel")
    page.get_by_label("Telefon").fill("bitte anrufen")
    page.get_by_label("E-Mail").fill("erika@")
    page.get_by_label("Reihenfolge").fill("5")
    page.get_by_label("Aufgabe").select_option(label="Presse")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#phone-fehler")).to_contain_text("Telefonnummer")
    expect(page.locator("#email-fehler")).to_contain_text("E-Mail-Adresse")
    page.get_by_label("Telefon").fill("0 21 51 / 86-1000")
    page.get_by_label("E-Mail").fill("erika.beispiel@krefeld.de")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Gespeichert.")

    open_page(page, "/")
    expect(
        page.locator("#kontakt").locator("..").get_by_role("link", name="0 21 51 / 86-1000")
    ).to_have_attribute("href", "tel:+492151861000")
    # A journalist sees whom to ask: the new contact is the press contact.
    card = page.locator(".contact-card", has_text="Erika Beispiel")
    expect(card.locator(".contact-role")).to_have_text("Presse")
    open_page(page, "/?lang=en")
    expect(card.locator(".contact-role")).to_have_text("Press office")

    open_page(page, "/admin/inhalte")
    page.get_by_role("button", name="Löschen: Erika Beispiel").click()
    page.get_by_role("button", name="Ja, löschen").click()
    expect(page.get_by_role("status")).to_have_text("„Erika Beispiel“ wurde gelöscht.")
    expect(page.get_by_role("button", name="Löschen: Erika Beispiel")).to_have_count(0)


def test_intro_and_address_are_editable(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/admin/inhalte")
    page.get_by_role("link", name="Anschrift bearbeiten").click()
    expect(page.get_by_label("Straße und Hausnummer")).to_have_value("Von-der-Leyen-Platz 1")
    page.get_by_label("Straße und Hausnummer").fill("Von-der-Leyen-Platz 2")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Gespeichert.")
    open_page(page, "/admin/inhalte")
    page.get_by_role("link", name="Einleitung bearbeiten").click()
    expect(page.get_by_label("Seitentitel", exact=True)).to_have_value("Städtepartnerschaften")
    page.get_by_label("Seitentitel", exact=True).fill("Unsere Partnerstädte")
    expect(page.get_by_label("Seitentitel (englisch)")).to_have_value("Partner cities")
    page.get_by_label("Seitentitel (englisch)").fill("Our partner cities")
    # Without an English text the English page shows the German one, marked.
    page.get_by_label("Einleitungstext (englisch)").fill("")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Gespeichert.")

    open_page(page, "/")
    expect(page.locator("h1")).to_have_text("Unsere Partnerstädte")
    expect(page.locator("address")).to_contain_text("Von-der-Leyen-Platz 2")
    expect(page.locator(".only-in-german")).to_have_count(0)
    open_page(page, "/?lang=en")
    expect(page.locator("h1")).to_have_text("Our partner cities")
    expect(page.locator(".intro-paragraph").first).to_have_attribute("lang", "de")
    # Right after the intro (the German news cards carry their own notes).
    expect(page.locator(".intro-paragraph + .only-in-german")).to_have_text("(only in German)")


def test_partnership_image_upload_shows_in_the_city_tab(editor_page: Page) -> None:
    page = editor_page
    open_page(page, "/admin/inhalte")
    page.get_by_role("link", name="Bearbeiten: Kayseri").click()
    expect(page.get_by_label("Name (deutsch)")).to_have_value("Kayseri")
    buffer = BytesIO()
    Image.new("RGB", (1000, 700), (10, 90, 60)).save(buffer, format="JPEG")
    page.locator("#eintrag-bild input[type=file]").set_input_files(
        files=[{"name": "kayseri.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}]
    )
    expect(page.locator(".image-preview")).to_be_visible()
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#image_alt-fehler")).to_have_text("Bitte füllen Sie dieses Feld aus.")
    page.get_by_label("Alternativtext des Bildes").fill("Grüne Testfläche für Kayseri")
    page.get_by_label("Bildnachweis").fill("Foto: Stadt Krefeld")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Gespeichert.")

    open_page(page, "/?stadt=kayseri")
    image = page.get_by_role("tabpanel").get_by_role("img")
    expect(image).to_have_attribute("alt", "Grüne Testfläche für Kayseri")
    expect(page.get_by_role("tabpanel").locator("figcaption")).to_contain_text(
        "Foto: Stadt Krefeld"
    )


XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


ENGLISH_DESCRIPTION = "Beschreibung auf Englisch (ohne sie zeigt die englische Seite die deutsche)"


def test_xss_payloads_in_partnership_and_contact_fields_render_inert(editor_page: Page) -> None:
    page = editor_page
    dialogs: list[str] = []

    def note_and_dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", note_and_dismiss)
    open_page(page, "/admin/inhalte/bearbeiten?typ=partnerschaft&id=1")
    expect(page.get_by_label("Name (deutsch)")).to_have_value("Venlo")
    for label in (
        "Name in Landessprache",
        "Region",
        "Anmerkung zum Datum",
        "Anmerkung zum Status",
        "Beschreibung",
        ENGLISH_DESCRIPTION,
        "Wissenswertes (eine Angabe pro Zeile)",
    ):
        page.get_by_label(label, exact=True).fill(f"{label} {XSS}")
    page.get_by_label("Status", exact=True).select_option("dormant")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Gespeichert.")
    open_page(page, "/admin/inhalte/bearbeiten?typ=kontakt&id=1")
    expect(page.get_by_label("Name")).to_have_value("Ricarda-Marie Fries")
    page.get_by_label("Name").fill("Kontakt " + XSS)
    page.get_by_label("Zimmer").fill("<script>window.__xss=1</script>")  # at most 60 characters
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text("Gespeichert.")

    open_page(page, "/?stadt=venlo")
    panel = page.get_by_role("tabpanel")
    expect(panel).to_contain_text("Beschreibung " + XSS)
    expect(panel.locator(".status-note")).to_contain_text("Anmerkung zum Status " + XSS)
    expect(panel.locator("li")).to_contain_text(["Wissenswertes (eine Angabe pro Zeile) " + XSS])
    expect(page.locator(".contact-card h3").first).to_have_text("Kontakt " + XSS)
    expect(page.locator(".contact-card").first).to_contain_text("<script>window.__xss=1</script>")
    expect(page.locator("main script, main img[src='x']")).to_have_count(0)
    open_page(page, "/?stadt=venlo&lang=en")
    expect(page.get_by_role("tabpanel")).to_contain_text(f"{ENGLISH_DESCRIPTION} {XSS}")
    expect(page.locator("main script, main img[src='x']")).to_have_count(0)
    open_page(page, "/admin/inhalte")
    expect(page.get_by_role("link", name="Bearbeiten: Kontakt " + XSS)).to_be_visible()
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
