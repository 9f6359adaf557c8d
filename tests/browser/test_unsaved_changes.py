"""An editor's unsaved changes: leaving the form asks first, a saved form leaves freely."""

import pytest
from playwright.sync_api import Dialog, Page, expect
from sqlalchemy import Engine

from partner_app import texts_admin
from tests.browser.conftest import expect_path, log_in_as_editor, open_page, wait_until_hydrated

FORM = "/admin/nachrichten/bearbeiten?id=1"


class Dialogs:
    """The questions the page asked, answered as the test says."""

    def __init__(self, page: Page) -> None:
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
    dialogs = Dialogs(app_page)
    log_in_as_editor(app_page)
    open_page(app_page, FORM)
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
    open_page(page, FORM)
    title = page.get_by_label("Titel", exact=True)
    title.fill(title.input_value() + " (geprüft)")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#formular-meldung")).to_have_text(texts_admin.NEWS_FORM_SAVED)
    page.locator(".admin-nav").get_by_role("link", name="Meldungen").click()
    expect_path(page, "/admin/nachrichten")
    assert dialogs.asked == []
