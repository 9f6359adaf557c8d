"""Open public pages follow editors' changes to the news without a reload."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine
from sqlmodel import Session

from partner_app.services.clock import today_in_krefeld
from partner_app.services.news_admin import NewsForm, save_news
from tests.browser.conftest import EDITOR, log_in_as_editor, open_page

TITLE = "Live-Meldung aus Venlo"
# The promise: every open page shows the change within two seconds.
LIVE_DEADLINE_MS = 2_000


@pytest.fixture
def editor(browser: Browser, base_url: str) -> Iterator[Page]:
    """An editor signed in, in a browser context of their own."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    log_in_as_editor(page)
    yield page
    context.close()


def test_publishing_and_withdrawing_shows_on_open_pages_without_reload(
    app_page: Page, own_app_database: Engine, editor: Page
) -> None:
    with Session(own_app_database) as session:
        save_news(
            session,
            NewsForm(
                title=TITLE,
                teaser="Erscheint ohne Neuladen.",
                published_on=today_in_krefeld().isoformat(),
                status="draft",
                cities=["venlo"],
            ),
            editor=EDITOR,
            today=today_in_krefeld(),
        )
    open_page(app_page, "/?stadt=venlo")
    cards = app_page.locator(".news-card", has_text=TITLE)
    expect(cards).to_have_count(0)
    # Marks the document: a reload would lose it.
    app_page.evaluate("window.__not_reloaded = true")

    open_page(editor, "/admin/nachrichten")
    editor.get_by_role("button", name=f"Veröffentlichen: {TITLE}").click()
    expect(editor.get_by_role("status")).to_contain_text("veröffentlicht")

    expect(cards).to_have_count(1, timeout=LIVE_DEADLINE_MS)
    expect(app_page.locator("#result-count")).to_contain_text("2 Meldungen gefunden")
    detail = app_page.context.new_page()
    open_page(detail, "/nachrichten/live-meldung-aus-venlo")
    expect(detail.get_by_role("heading", level=1)).to_have_text(TITLE)

    editor.get_by_role("button", name=f"Zurückziehen: {TITLE}").click()

    expect(cards).to_have_count(0, timeout=LIVE_DEADLINE_MS)
    expect(detail.get_by_role("heading", level=1)).to_have_text(
        "Meldung nicht gefunden", timeout=LIVE_DEADLINE_MS
    )
    assert app_page.evaluate("window.__not_reloaded") is True


def test_a_card_arriving_above_does_not_move_what_the_reader_is_looking_at(
    app_page: Page, own_app_database: Engine, editor: Page
) -> None:
    title = "Live-Meldung über dem Leser"
    with Session(own_app_database) as session:
        save_news(
            session,
            NewsForm(
                title=title,
                teaser="Erscheint oberhalb der Stelle, an der gelesen wird.",
                published_on=today_in_krefeld().isoformat(),
                status="draft",
            ),
            editor=EDITOR,
            today=today_in_krefeld(),
        )
    open_page(app_page, "/")
    # The reader has scrolled past the archive to the contacts.
    reading = app_page.locator("#kontakt")
    app_page.evaluate("document.getElementById('kontakt').scrollIntoView({block: 'start'})")
    top_before = reading.evaluate("heading => heading.getBoundingClientRect().top")

    open_page(editor, "/admin/nachrichten")
    editor.get_by_role("button", name=f"Veröffentlichen: {title}").click()
    expect(app_page.locator(".news-card", has_text=title)).to_have_count(
        1, timeout=LIVE_DEADLINE_MS
    )

    # The archive grew above the reader; the browser's scroll anchoring keeps the place.
    top_after = reading.evaluate("heading => heading.getBoundingClientRect().top")
    assert abs(top_after - top_before) <= 1
    editor.get_by_role("button", name=f"Zurückziehen: {title}").click()
    expect(editor.get_by_role("status")).to_contain_text("zurückgezogen")
