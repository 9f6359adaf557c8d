"""axe-core finds no WCAG 2.1 A/AA violation in any view of the public page.

axe-core comes from the npm registry (installed into .tools/ by `make setup`) and is
injected into the page inline, so the browser makes no extra request for it.
"""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from tests.browser.conftest import BrowserProblems, log_in_as_editor, open_page
from tests.database import PROJECT_DIR

AXE_SCRIPT = PROJECT_DIR / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {
    passed_rules: result.passes.length,
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
    })),
  };
}"""


def axe_violations(page: Page) -> list[dict]:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run `make setup`.")
    page.add_script_tag(path=AXE_SCRIPT)
    result = page.evaluate(RUN_AXE, WCAG_TAGS)
    # axe really checked the page (colour contrast, labels, ARIA, ...), it did not just load.
    assert result["passed_rules"] >= 10
    return result["violations"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?stadt=venlo",
        "/?stadt=charlotte",
        "/?stadt=uljanowsk",
        "/?stadt=kropyvnytskyi&thema=hilfe",
        "/?q=gibtesnicht&stadt=atlantis",
        "/?lang=en",
        "/?lang=en&stadt=charlotte",
        "/?lang=en&stadt=uljanowsk&thema=politik",
    ],
)
def test_no_wcag_violations(app_page: Page, path: str) -> None:
    open_page(app_page, path)
    expect(app_page.locator("#result-count")).not_to_be_empty()
    assert axe_violations(app_page) == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/nachrichten/spende-20000-euro-kropyvnytskyi", "20.000 Euro Spende für Kropyvnytskyi"),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
        ("/impressum/", "Impressum"),
        ("/datenschutz/", "Datenschutzerklärung"),
        ("/impressum/?lang=en", "Legal notice"),
        ("/datenschutz/?lang=en", "Privacy policy"),
        (
            "/nachrichten/spende-20000-euro-kropyvnytskyi?lang=en",
            "20.000 Euro Spende für Kropyvnytskyi",
        ),
        ("/barrierefreiheit/?lang=en", "Accessibility statement"),
    ],
)
def test_no_wcag_violations_on_the_other_public_pages(
    app_page: Page, path: str, heading: str
) -> None:
    open_page(app_page, path)
    expect(app_page.get_by_role("heading", level=1)).to_have_text(heading)
    assert axe_violations(app_page) == []


@pytest.mark.parametrize(
    ("query", "heading"), [("", "Meldung nicht gefunden"), ("?lang=en", "News item not found")]
)
def test_no_wcag_violations_on_the_not_found_page(
    app_page: Page, browser_problems: BrowserProblems, query: str, heading: str
) -> None:
    browser_problems.expect_error(r"status of 404 \(Not Found\)")
    open_page(app_page, "/nachrichten/gibt-es-nicht" + query)
    expect(app_page.get_by_role("heading", level=1)).to_have_text(heading)
    assert axe_violations(app_page) == []


def test_no_wcag_violations_in_the_message_form_with_errors(app_page: Page) -> None:
    open_page(app_page)
    form = app_page.get_by_role("form", name="Schreiben Sie dem Partnerschaftsbüro")
    form.get_by_role("button", name="Nachricht senden").click()
    expect(form.get_by_label("Ihr Name")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(app_page) == []


def test_no_wcag_violations_at_320_px(app_page: Page) -> None:
    app_page.set_viewport_size({"width": 320, "height": 800})
    open_page(app_page)
    assert axe_violations(app_page) == []


def test_no_wcag_violations_with_keyboard_focus_on_a_tab(app_page: Page) -> None:
    open_page(app_page)
    app_page.get_by_role("tab", name="Alle Partnerstädte").focus()
    app_page.keyboard.press("ArrowRight")
    expect(app_page.get_by_role("tab", name="Venlo")).to_be_focused()
    assert axe_violations(app_page) == []


def test_no_wcag_violations_on_the_login_page(app_page: Page) -> None:
    open_page(app_page, "/admin/anmelden")
    expect(app_page.get_by_role("button", name="Anmelden")).to_be_visible()
    assert axe_violations(app_page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/admin/nachrichten",
        "/admin/nachrichten/bearbeiten",
        "/admin/nachrichten/bearbeiten?id=1",
        "/admin/inhalte",
        "/admin/inhalte/bearbeiten?typ=partnerschaft&id=1",
        "/admin/inhalte/bearbeiten?typ=kontakt&id=1",
        "/admin/protokoll",
        "/admin/postfach",
    ],
)
def test_no_wcag_violations_in_the_admin(
    app_page: Page, own_app_database: Engine, path: str
) -> None:
    log_in_as_editor(app_page)
    open_page(app_page, path)
    expect(app_page.locator("h1")).not_to_be_empty()
    assert axe_violations(app_page) == []
