"""An editor's unsaved changes: leaving the form asks first, a saved form leaves freely."""

import time

import pytest
from playwright.sync_api import Dialog, Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from partner_app import routes, texts_admin
from partner_app.models import FormDraft
from partner_app.services.clock import today_in_krefeld
from partner_app.services.news_admin import NewsForm, save_news
from tests.browser.conftest import (
    EDITOR,
    expect_path,
    log_in_as_editor,
    open_page,
    wait_until_hydrated,
)


class Dialogs:
    """The questions the page asked, answered as the test says."""

    def __init__(self, page: Page) -> None:
        # The name the open form's kept copies go by.
        self.form = ""
        self.asked: list[tuple[str, str]] = []
        self.accept = False
        page.on("dialog", self._answer)

    def _answer(self, dialog: Dialog) -> None:
        self.asked.append((dialog.type, dialog.message))
        if self.accept:
            dialog.accept()
        else:
            dialog.dismiss()


@pytest.fixture
def form_page(app_page: Page, own_app_database: Engine) -> tuple[Page, Dialogs]:
    with Session(own_app_database) as session:
        news_id = save_news(
            session,
            NewsForm(
                title="Meldung zum Bearbeiten",
                teaser="Kurztext.",
                published_on=today_in_krefeld().isoformat(),
                status="draft",
            ),
            editor=EDITOR,
            today=today_in_krefeld(),
        )
    dialogs = Dialogs(app_page)
    dialogs.form = f"news:{news_id}"
    log_in_as_editor(app_page)
    open_page(app_page, routes.news_edit_url(news_id))
    expect(app_page.get_by_label("Titel", exact=True)).not_to_have_value("")
    return app_page, dialogs


def test_an_in_app_link_asks_and_staying_keeps_the_typing(
    form_page: tuple[Page, Dialogs],
) -> None:
    page, dialogs = form_page
    title = page.get_by_label("Titel", exact=True)
    title.fill("Ein Titel, noch nicht gespeichert")
    with page.expect_event("dialog"):
        page.locator(".admin-nav").get_by_role("link", name="Postfach").click()
    expect(title).to_have_value("Ein Titel, noch nicht gespeichert")
    expect_path(page, "/admin/nachrichten/bearbeiten")
    assert dialogs.asked == [("confirm", texts_admin.UNSAVED_CHANGES_QUESTION)]
    # Leaving after all: the list opens.
    dialogs.accept = True
    page.locator(".admin-nav").get_by_role("link", name="Postfach").click()
    expect_path(page, "/admin/postfach")


def test_the_back_button_asks_too(app_page: Page, own_app_database: Engine) -> None:
    dialogs = Dialogs(app_page)
    log_in_as_editor(app_page)
    # Into the form by an in-app link, so "back" stays in the app (React Router asks).
    app_page.get_by_role("link", name="Bearbeiten").first.click()
    expect_path(app_page, "/admin/nachrichten/bearbeiten")
    title = app_page.get_by_label("Titel", exact=True)
    expect(title).not_to_have_value("")
    title.fill("Zurück ohne Speichern?")
    with app_page.expect_event("dialog"):
        # The browser's back button (go_back would wait for a navigation that is held).
        app_page.evaluate("history.back()")
    expect(title).to_have_value("Zurück ohne Speichern?")
    expect_path(app_page, "/admin/nachrichten/bearbeiten")
    assert dialogs.asked == [("confirm", texts_admin.UNSAVED_CHANGES_QUESTION)]


def test_a_reload_asks_the_browsers_own_question(form_page: tuple[Page, Dialogs]) -> None:
    page, dialogs = form_page
    page.get_by_label("Titel", exact=True).fill("Neu laden?")
    dialogs.accept = True  # reloading after all
    page.reload()
    wait_until_hydrated(page)
    assert [kind for kind, _ in dialogs.asked] == ["beforeunload"]
    expect(page.get_by_label("Titel", exact=True)).not_to_have_value("Neu laden?")


def test_a_saved_form_and_an_untouched_one_leave_without_a_question(
    form_page: tuple[Page, Dialogs],
) -> None:
    page, dialogs = form_page
    page.locator(".admin-nav").get_by_role("link", name="Meldungen").click()
    expect_path(page, "/admin/nachrichten")
    open_page(page, routes.news_edit_url(int(dialogs.form.removeprefix("news:"))))
    title = page.get_by_label("Titel", exact=True)
    title.fill(title.input_value() + " (geprüft)")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text(texts_admin.NEWS_FORM_SAVED)
    page.locator(".admin-nav").get_by_role("link", name="Meldungen").click()
    expect_path(page, "/admin/nachrichten")
    assert dialogs.asked == []


def _kept_copy(engine: Engine, form: str, title: str) -> FormDraft | None:
    """Wait (up to 10 s) until the server kept a copy of the form with ``title``."""
    deadline = time.monotonic() + 10
    while True:
        with Session(engine) as session:
            draft = session.exec(select(FormDraft).where(col(FormDraft.form) == form)).first()
        if draft is not None and draft.fields.get("title") == title:
            return draft
        if time.monotonic() > deadline:
            return None
        time.sleep(0.1)  # polling the database, bounded by the deadline


def _copies(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(FormDraft)).all())


def test_typing_survives_a_lost_tab_and_is_offered_again(
    form_page: tuple[Page, Dialogs], own_app_database: Engine
) -> None:
    page, dialogs = form_page
    title = page.get_by_label("Titel", exact=True)
    title.fill("Getippt, dann Tab verloren")
    assert _kept_copy(own_app_database, dialogs.form, "Getippt, dann Tab verloren") is not None
    dialogs.accept = True  # the tab is reloaded, as after a crash
    page.reload()
    wait_until_hydrated(page)
    offer = page.get_by_role("region", name="Ungespeicherte Änderungen")
    expect(offer).to_contain_text("Zu diesem Formular gibt es ungespeicherte Änderungen vom")
    expect(title).not_to_have_value("Getippt, dann Tab verloren")
    offer.get_by_role("button", name="Wiederherstellen").click()
    expect(title).to_have_value("Getippt, dann Tab verloren")
    expect(offer).to_have_count(0)
    expect(page.get_by_label("Titel", exact=True)).to_be_focused()
    # Restored but not saved: leaving asks.
    dialogs.accept = False
    with page.expect_event("dialog"):
        page.locator(".admin-nav").get_by_role("link", name="Postfach").click()
    expect_path(page, "/admin/nachrichten/bearbeiten")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text(texts_admin.NEWS_FORM_SAVED)
    assert _copies(own_app_database) == 0


def test_a_copy_can_be_discarded(form_page: tuple[Page, Dialogs], own_app_database: Engine) -> None:
    page, dialogs = form_page
    title = page.get_by_label("Titel", exact=True)
    saved = title.input_value()
    title.fill("Lieber doch nicht")
    assert _kept_copy(own_app_database, dialogs.form, "Lieber doch nicht") is not None
    dialogs.accept = True
    page.reload()
    wait_until_hydrated(page)
    offer = page.get_by_role("region", name="Ungespeicherte Änderungen")
    offer.get_by_role("button", name="Verwerfen").click()
    expect(offer).to_have_count(0)
    expect(title).to_have_value(saved)
    assert _copies(own_app_database) == 0
