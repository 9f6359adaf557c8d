"""The archive search as a reader meets it: names, word forms, typos, marks and counts."""

from datetime import date

from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, select

from partner_app.models import NewsItem, NewsStatus, Partnership
from tests.browser.conftest import open_page

COUNT = "#result-count"
SUGGESTION = "#suchvorschlag"


def test_ukraine_finds_every_item_about_the_ukrainian_partnership(
    app_page: Page, own_app_database: Engine
) -> None:
    # A third item that names neither the country nor the city in its text: found by its
    # partnership's country.
    with Session(own_app_database) as session:
        kropyvnytskyi = session.exec(
            select(Partnership).where(Partnership.slug == "kropyvnytskyi")
        ).one()
        session.add(
            NewsItem(
                slug="laptops-fuer-ein-gymnasium",
                title="Laptops für ein Gymnasium",
                teaser="Schülerinnen und Schüler lernen jetzt an neuen Geräten.",
                published_on=date(2023, 10, 15),
                status=NewsStatus.published,
                partnerships=[kropyvnytskyi],
            )
        )
        session.commit()
    open_page(app_page)
    app_page.get_by_label("Suche").fill("ukraine")
    expect(app_page.locator(COUNT)).to_have_text("3 Meldungen gefunden.")
    expect(app_page.locator(".news-card h3")).to_have_text(
        [
            "Ein Kanalreinigungsfahrzeug für Kropyvnytskyi",
            "20.000 Euro Spende für Kropyvnytskyi",
            "Laptops für ein Gymnasium",
        ]
    )
    # The word the teasers share with the search is marked, and only as a mark: the
    # teaser reads as before.
    teaser = app_page.locator("#news-spende-20000-euro-kropyvnytskyi .news-teaser")
    expect(teaser.locator("mark")).to_have_text(["ukrainische"])
    expect(teaser).to_have_text(
        "Krefeld überweist 20.000 Euro an die ukrainische Partnerstadt. Der größte Teil des "
        "Geldes stammt aus einer Spendengala der Industrie- und Handelskammer Mittlerer "
        "Niederrhein."
    )


def test_the_press_spelling_and_former_names_find_the_city(app_page: Page) -> None:
    for query in ("Kropywnyzkyj", "Kirowohrad"):
        open_page(app_page, f"/?q={query}")
        expect(app_page.locator(COUNT)).to_have_text("2 Meldungen gefunden.")
        expect(app_page.locator(SUGGESTION)).to_have_count(0)


def test_a_typo_still_finds_and_meinten_sie_runs_the_corrected_search(app_page: Page) -> None:
    open_page(app_page)
    search = app_page.get_by_label("Suche")
    search.fill("dünkirchn")
    expect(app_page.locator(COUNT)).to_have_text("1 Meldung gefunden.")
    suggestion = app_page.locator(SUGGESTION)
    expect(suggestion).to_have_text(
        "Zu „dünkirchn“ gibt es keine genauen Treffer; gezeigt wird, was ähnlich ist. "
        "Meinten Sie „dünkirchen“?"
    )
    link = suggestion.get_by_role("link", name="„dünkirchen“")
    expect(link).to_have_attribute("href", "/?q=d%C3%BCnkirchen")
    link.click()
    expect(app_page).to_have_url("/?q=d%C3%BCnkirchen")
    expect(search).to_have_value("dünkirchen")
    expect(suggestion).to_have_count(0)
    expect(search).to_be_focused()
    expect(app_page.locator(".news-card h3 mark")).to_have_text(["Dünkirchen"])


def test_options_count_their_items_and_an_empty_one_stays_selectable(app_page: Page) -> None:
    open_page(app_page, "/?thema=kultur")
    city = app_page.get_by_label("Partnerstadt")
    expect(city.locator("option[value='venlo']")).to_have_text("Venlo (1)")
    empty = city.locator("option[value='kropyvnytskyi']")
    expect(empty).to_have_text("Kropyvnytskyi (0)")
    expect(empty).to_have_class("option-empty")
    expect(app_page.get_by_label("Thema").locator("option[value='hilfe']")).to_have_text(
        "Hilfe (2)"
    )
    expect(app_page.get_by_label("Jahr").locator("option[value='2024']")).to_have_text("2024 (2)")
    city.select_option("kropyvnytskyi")
    expect(app_page.locator(COUNT)).to_have_text("Keine Meldung gefunden.")
    # The other filters' counts follow the city: Hilfe would give both of its items.
    expect(app_page.get_by_label("Thema").locator("option[value='hilfe']")).to_have_text(
        "Hilfe (2)"
    )
    expect(app_page.get_by_label("Thema").locator("option[value='kultur']")).to_have_text(
        "Kultur (0)"
    )


def test_the_english_page_offers_the_correction_in_english(app_page: Page) -> None:
    open_page(app_page, "/?lang=en&q=leicaster")
    expect(app_page.locator(COUNT)).to_have_text("1 news item found.")
    expect(app_page.locator(SUGGESTION)).to_have_text(
        "There are no exact matches for “leicaster”; similar ones are shown. "
        "Did you mean “leicester”?"
    )
    expect(app_page.locator(f"{SUGGESTION} a")).to_have_attribute("href", "/?q=leicester&lang=en")


def test_the_first_html_already_holds_the_ranked_and_marked_results(
    page: Page, base_url: str
) -> None:
    # Without JavaScript: what a crawler or a slow phone gets first.
    context = page.context.browser.new_context(java_script_enabled=False)  # type: ignore[union-attr]
    first = context.new_page()
    first.goto(base_url + "/?q=ausstellung")
    expect(first.locator(".news-card h3")).to_have_text(
        ["Kunstmuseen Krefeld zeigen Werke aus Dünkirchen"]
    )
    expect(first.locator(".news-card .news-teaser mark")).to_have_text(["Ausstellung"])
    context.close()
