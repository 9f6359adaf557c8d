"""One login per browser, one logout for all its tabs, and nothing left behind.

Two pages of one browser context are two tabs of one browser: they share the session
cookie, but each has its own Reflex client token (sessionStorage).
"""

import asyncio
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import socketio
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, update

from partner_app.models import EditorSession, utc_now
from partner_app.reflex_internals import (
    CONNECT_AUTH_EVENT,
    EVENT_ENDPOINT,
    HYDRATE_EVENT,
    SOCKET_EVENT,
    websocket_event,
)
from partner_app.services.clock import today_in_krefeld
from partner_app.services.contact_messages import MessageInput, submit_message
from partner_app.services.editor_accounts import disable_editor, enable_editor, set_password
from partner_app.services.news_admin import NewsForm, save_news
from partner_app.session_cookie import COOKIE_NAME
from tests.browser.conftest import (
    BrowserProblems,
    expect_path,
    log_in_as_editor,
    open_page,
    wait_until_hydrated,
    watch_for_problems,
)
from tests.support.own_app import EDITOR, EDITOR_PASSWORD
from tests.support.own_loop import run_in_own_loop


@pytest.fixture
def second_tab(context: BrowserContext, base_url: str) -> Iterator[Page]:
    """Another tab of the same browser, failing the test on its own console errors."""
    tab = context.new_page()
    problems: BrowserProblems = watch_for_problems(tab, base_url)
    yield tab
    problems.assert_none()
    tab.close()


def test_one_login_serves_every_tab_and_one_logout_ends_them_all(
    app_page: Page, second_tab: Page, own_app_database: Engine
) -> None:
    log_in_as_editor(app_page)
    open_page(second_tab, "/admin/postfach")
    expect(second_tab.get_by_role("heading", level=1)).to_have_text(
        "Nachrichten an das Partnerschaftsbüro"
    )

    second_tab.get_by_role("button", name="Abmelden").click()
    expect_path(second_tab, "/admin/anmelden")
    expect(second_tab.get_by_role("status")).to_have_text("Sie sind abgemeldet.")

    # The first tab, still showing the news list, is sent to the login at its next step.
    app_page.get_by_role("link", name="Postfach").click()
    expect_path(app_page, "/admin/anmelden")
    expect(app_page.get_by_label("Benutzername")).to_be_visible()
    expect(app_page.get_by_text("Nachrichten an das Partnerschaftsbüro")).to_have_count(0)
    app_page.reload()
    wait_until_hydrated(app_page)
    expect(app_page.get_by_label("Passwort")).to_be_visible()


def test_the_session_cookie_is_out_of_reach_of_scripts(
    app_page: Page, context: BrowserContext, own_app_database: Engine
) -> None:
    log_in_as_editor(app_page)
    [cookie] = [cookie for cookie in context.cookies() if cookie.get("name") == COOKIE_NAME]
    assert cookie.get("httpOnly") is True
    assert cookie.get("sameSite") == "Strict"
    assert cookie.get("path") == "/"
    assert COOKIE_NAME not in app_page.evaluate("document.cookie")


def test_after_the_login_the_editor_is_back_where_they_wanted_to_go(
    app_page: Page, own_app_database: Engine
) -> None:
    open_page(app_page, "/admin/postfach")
    expect_path(app_page, "/admin/anmelden")
    expect(app_page.get_by_role("status")).to_have_text(
        "Bitte melden Sie sich an. Danach öffnet sich die gewünschte Seite."
    )
    app_page.get_by_label("Benutzername").fill(EDITOR)
    app_page.get_by_label("Passwort").fill("falsch-falsch-falsch")
    app_page.get_by_role("button", name="Anmelden").click()
    expect(app_page.get_by_role("alert")).to_have_text("Benutzername oder Passwort ist falsch.")
    # The name stays; the password field has the focus for the second try.
    expect(app_page.get_by_label("Benutzername")).to_have_value(EDITOR)
    expect(app_page.get_by_label("Passwort")).to_be_focused()
    app_page.get_by_label("Passwort").fill(EDITOR_PASSWORD)
    app_page.get_by_role("button", name="Anmelden").click()
    expect_path(app_page, "/admin/postfach")


def test_after_logout_the_tabs_client_token_gets_no_admin_data(
    app_page: Page, base_url: str, own_app_database: Engine
) -> None:
    secrets = ("vertraulich@example.org", "Vertrauliche Nachricht", "Geheimer Entwurf")
    with Session(own_app_database) as session:
        submit_message(
            session,
            MessageInput(name="Vertrauliche Nachricht", email=secrets[0], text="x", consent=True),
            client_address="192.0.2.99",
            now=utc_now(),
        )
        draft_id = save_news(
            session,
            NewsForm(
                title=secrets[2],
                teaser="Noch nicht öffentlich.",
                published_on=today_in_krefeld().isoformat(),
                status="draft",
            ),
            editor=EDITOR,
            today=today_in_krefeld(),
        )
    log_in_as_editor(app_page)
    for path, shown in (
        ("/admin/postfach", secrets[0]),
        ("/admin/nachrichten", secrets[2]),
        (f"/admin/nachrichten/bearbeiten?id={draft_id}", "Noch nicht öffentlich."),
    ):
        open_page(app_page, path)
        expect(app_page.locator("main")).to_contain_text(shown)
    client_token = app_page.evaluate("window.sessionStorage.getItem('token')")
    assert client_token
    app_page.get_by_role("button", name="Abmelden").click()
    expect_path(app_page, "/admin/anmelden")

    # Somebody holding the tab's client token connects (without the browser's cookie).
    updates = run_in_own_loop(hydrate_until_sent_to_login(base_url, client_token))
    sent = json.dumps(updates, ensure_ascii=False)
    assert [secret for secret in (*secrets, "Noch nicht öffentlich.") if secret in sent] == []
    assert f'"{EDITOR}"' not in sent


async def hydrate_until_sent_to_login(base_url: str, client_token: str) -> list[dict[str, Any]]:
    """Connect as ``client_token`` to the inbox; every update until the login redirect."""
    received: list[dict[str, Any]] = []
    sent_to_login = asyncio.Event()
    client = socketio.AsyncClient(reconnection=False)

    def on_update(update: dict[str, Any]) -> None:
        received.append(update)
        if "/admin/anmelden" in json.dumps(update):
            sent_to_login.set()

    client.on(SOCKET_EVENT, on_update, namespace=EVENT_ENDPOINT)
    await client.connect(
        f"{base_url}?token={client_token}",
        headers={"Origin": base_url},
        auth={CONNECT_AUTH_EVENT: websocket_event(HYDRATE_EVENT, {}, "/admin/postfach")},
        transports=["websocket"],
        namespaces=[EVENT_ENDPOINT],
        socketio_path=EVENT_ENDPOINT,
        wait_timeout=10,
    )
    try:
        await asyncio.wait_for(sent_to_login.wait(), 10)
    finally:
        await client.disconnect()
    return received


def _tab_to(page: Page, text: str, *, presses: int = 30) -> None:
    """Press Tab until the focused element's text starts with ``text``; it must show focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                const outlined =
                    style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
                const visible = outlined || style.boxShadow !== "none";
                return {text: (el.textContent || "").trim(), visible};
            }"""
        )
        if focused["text"].startswith(text):
            assert focused["visible"], f"{text!r} has the focus but shows no focus indicator"
            return
    pytest.fail(f"{text!r} was not reached with {presses} presses of Tab")


def test_an_editor_logs_in_works_and_logs_out_with_the_keyboard_alone(
    app_page: Page, own_app_database: Engine
) -> None:
    open_page(app_page, "/admin/anmelden")
    # The login starts in the name field: type, Tab, type, Enter.
    expect(app_page.get_by_label("Benutzername")).to_be_focused()
    app_page.keyboard.type(EDITOR)
    app_page.keyboard.press("Tab")
    expect(app_page.get_by_label("Passwort")).to_be_focused()
    app_page.keyboard.type(EDITOR_PASSWORD)
    app_page.keyboard.press("Enter")
    expect_path(app_page, "/admin/nachrichten")
    wait_until_hydrated(app_page)

    _tab_to(app_page, "Postfach")
    app_page.keyboard.press("Enter")
    expect(app_page.get_by_role("heading", level=1)).to_have_text(
        "Nachrichten an das Partnerschaftsbüro"
    )

    _tab_to(app_page, "Abmelden")
    app_page.keyboard.press("Enter")
    expect_path(app_page, "/admin/anmelden")
    expect(app_page.get_by_role("status")).to_have_text("Sie sind abgemeldet.")


def _end_the_session(engine: Engine, how: str) -> None:
    with Session(engine) as session:
        if how == "disabled":
            disable_editor(session, EDITOR)
        elif how == "new password":
            set_password(session, EDITOR, "ein-ganz-neues-passwort")
        else:  # expired: the seven days of a session are over
            session.exec(update(EditorSession).values(expires_at=utc_now() - timedelta(minutes=1)))
            session.commit()


@pytest.mark.parametrize("how", ["disabled", "new password", "expired"])
def test_a_session_ended_outside_the_tabs_ends_in_every_tab(
    app_page: Page, second_tab: Page, own_app_database: Engine, how: str
) -> None:
    log_in_as_editor(app_page)
    open_page(second_tab, "/admin/postfach")
    expect(second_tab.get_by_role("heading", level=1)).to_have_text(
        "Nachrichten an das Partnerschaftsbüro"
    )
    _end_the_session(own_app_database, how)
    try:
        # The next step in either tab leads to the login, and nothing of the admin stays.
        for tab in (app_page, second_tab):
            tab.get_by_role("link", name="Protokoll").click()
            expect_path(tab, "/admin/anmelden")
            expect(tab.get_by_label("Passwort")).to_be_visible()
            expect(tab.get_by_role("link", name="Protokoll")).to_have_count(0)
        second_tab.reload()
        wait_until_hydrated(second_tab)
        expect(second_tab.get_by_label("Benutzername")).to_be_visible()
    finally:
        with Session(own_app_database) as session:
            enable_editor(session, EDITOR)
            set_password(session, EDITOR, EDITOR_PASSWORD)
