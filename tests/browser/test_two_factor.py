"""The two-factor login as an editor meets it: set up on the account page, then logging in.

The test computes the codes with pyotp from the secret the page shows for typing, as an
authenticator app would.
"""

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from pyotp.totp import TOTP
from sqlalchemy import Engine
from sqlmodel import Session

from partner_app.services.two_factor import reset_two_factor
from tests.browser.conftest import expect_path, log_in_as_editor, open_page, wait_until_hydrated
from tests.support.own_app import EDITOR, EDITOR_PASSWORD


@pytest.fixture
def two_factor_editor(own_app_database: Engine) -> Iterator[Engine]:
    """The suite's editor, left without the second factor for the tests after this one."""
    yield own_app_database
    with Session(own_app_database) as session:
        reset_two_factor(session, EDITOR)


def test_an_editor_sets_up_the_second_factor_and_logs_in_with_a_code(
    app_page: Page, two_factor_editor: Engine
) -> None:
    log_in_as_editor(app_page)
    app_page.get_by_role("link", name="Konto").click()
    expect_path(app_page, "/admin/konto")
    wait_until_hydrated(app_page)
    expect(
        app_page.get_by_text("Die Zwei-Faktor-Anmeldung ist nicht eingerichtet.")
    ).to_be_visible()

    app_page.get_by_role("button", name="Zwei-Faktor-Anmeldung einrichten").click()
    qr_code = app_page.get_by_role("img", name="QR-Code zum Einrichten der Authenticator-App")
    expect(qr_code).to_be_visible()
    assert (qr_code.get_attribute("src") or "").startswith("data:image/svg+xml")
    secret = app_page.locator("#zwei-faktor-schluessel").inner_text().replace(" ", "")
    assert len(secret) == 32

    app_page.get_by_label("Code aus der App").fill("000000")
    app_page.get_by_role("button", name="Einrichtung bestätigen").click()
    expect(app_page.get_by_role("alert")).to_contain_text("Der Code stimmt nicht.")
    app_page.get_by_label("Code aus der App").fill(TOTP(secret).now())
    app_page.get_by_role("button", name="Einrichtung bestätigen").click()
    expect(app_page.get_by_role("status")).to_have_text(
        "Die Zwei-Faktor-Anmeldung ist jetzt eingerichtet."
    )
    expect(app_page.locator("#wiederherstellungscodes li")).to_have_count(10)
    expect(qr_code).to_have_count(0)
    app_page.get_by_role("button", name="Ich habe die Codes gesichert").click()
    expect(app_page.locator("#wiederherstellungscodes")).to_have_count(0)
    expect(app_page.get_by_text("Unbenutzte Wiederherstellungscodes: 10")).to_be_visible()

    app_page.get_by_role("button", name="Abmelden").click()
    expect_path(app_page, "/admin/anmelden")
    wait_until_hydrated(app_page)
    app_page.get_by_label("Benutzername").fill(EDITOR)
    app_page.get_by_label("Passwort").fill(EDITOR_PASSWORD)
    app_page.get_by_role("button", name="Anmelden").click()
    # The password alone is not enough: the code comes next, and the admin stays shut.
    expect_path(app_page, "/admin/anmelden/code")
    wait_until_hydrated(app_page)
    code_field = app_page.get_by_label("Code aus der App")
    expect(code_field).to_be_focused()
    expect(code_field).to_have_attribute("autocomplete", "one-time-code")
    expect(code_field).to_have_attribute("inputmode", "numeric")
    open_page(app_page, "/admin/postfach")
    expect_path(app_page, "/admin/anmelden")
    app_page.go_back()
    expect_path(app_page, "/admin/anmelden/code")
    wait_until_hydrated(app_page)

    # The code of the set-up's step is used up; the app's next one is accepted.
    app_page.get_by_label("Code aus der App").fill(TOTP(secret).at(time.time() + 30))
    app_page.get_by_role("button", name="Bestätigen").click()
    expect_path(app_page, "/admin/nachrichten")
    wait_until_hydrated(app_page)
    expect(app_page.get_by_role("heading", level=1)).to_have_text("Meldungen")
