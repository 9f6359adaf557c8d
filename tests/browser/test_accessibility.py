"""axe-core finds no WCAG 2.1 A/AA violation in any view of the public page.

Every view is checked in the light and the dark colour scheme (the page follows the
system setting). axe-core comes from the npm registry (installed into .tools/ by
`make setup`) and is injected into the page inline, so the browser makes no extra request
for it.
"""

import re
from typing import Literal

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlmodel import Session

from partner_app.models import ContactMessage, utc_now
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


ColorScheme = Literal["light", "dark"]
COLOR_SCHEMES: list[ColorScheme] = ["light", "dark"]


@pytest.fixture(params=COLOR_SCHEMES)
def scheme_page(app_page: Page, request: pytest.FixtureRequest) -> Page:
    """The test's page with the system's colour scheme set to light, then dark."""
    app_page.emulate_media(color_scheme=request.param)
    return app_page


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
def test_no_wcag_violations(scheme_page: Page, path: str) -> None:
    open_page(scheme_page, path)
    expect(scheme_page.locator("#result-count")).not_to_be_empty()
    assert axe_violations(scheme_page) == []


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
    scheme_page: Page, path: str, heading: str
) -> None:
    open_page(scheme_page, path)
    expect(scheme_page.get_by_role("heading", level=1)).to_have_text(heading)
    assert axe_violations(scheme_page) == []


@pytest.mark.parametrize(
    ("query", "heading"), [("", "Meldung nicht gefunden"), ("?lang=en", "News item not found")]
)
def test_no_wcag_violations_on_the_not_found_page(
    scheme_page: Page, browser_problems: BrowserProblems, query: str, heading: str
) -> None:
    browser_problems.expect_error(r"status of 404 \(Not Found\)")
    open_page(scheme_page, "/nachrichten/gibt-es-nicht" + query)
    expect(scheme_page.get_by_role("heading", level=1)).to_have_text(heading)
    assert axe_violations(scheme_page) == []


def test_no_wcag_violations_in_the_message_form_with_errors(scheme_page: Page) -> None:
    open_page(scheme_page)
    form = scheme_page.get_by_role("form", name="Schreiben Sie dem Partnerschaftsbüro")
    form.get_by_role("button", name="Nachricht senden").click()
    expect(form.get_by_label("Ihr Name")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(scheme_page) == []


def test_no_wcag_violations_at_320_px(scheme_page: Page) -> None:
    scheme_page.set_viewport_size({"width": 320, "height": 800})
    open_page(scheme_page)
    assert axe_violations(scheme_page) == []


def test_no_wcag_violations_with_keyboard_focus_on_a_tab(scheme_page: Page) -> None:
    open_page(scheme_page)
    scheme_page.get_by_role("tab", name="Alle Partnerstädte").focus()
    scheme_page.keyboard.press("ArrowRight")
    expect(scheme_page.get_by_role("tab", name="Venlo")).to_be_focused()
    assert axe_violations(scheme_page) == []


@pytest.mark.parametrize(
    ("path", "button"), [("/admin/anmelden", "Anmelden"), ("/admin/anmelden/code", "Bestätigen")]
)
def test_no_wcag_violations_on_the_login_pages(scheme_page: Page, path: str, button: str) -> None:
    open_page(scheme_page, path)
    expect(scheme_page.get_by_role("button", name=button).first).to_be_visible()
    assert axe_violations(scheme_page) == []


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
        "/admin/konto",
    ],
)
def test_no_wcag_violations_in_the_admin(
    scheme_page: Page, own_app_database: Engine, path: str
) -> None:
    # A new message, already answered: the navigation shows its count, the inbox its
    # "Neu", "Antworten" and "Beantwortet am …".
    with Session(own_app_database) as session:
        session.add(
            ContactMessage(
                name="Anna Beispiel",
                email="anna@example.org",
                sender_key="barrierefrei",
                text="Eine Frage.",
                answered_at=utc_now(),
                answered_by="redaktion",
            )
        )
        session.commit()
    log_in_as_editor(scheme_page)
    open_page(scheme_page, path)
    expect(scheme_page.locator("h1")).not_to_be_empty()
    assert axe_violations(scheme_page) == []


# The colour a person sees: the element's text colour and the first opaque background
# behind it (walking up the tree), both as sRGB triples.
SEEN_COLOURS = """element => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 4).map(Number);
  let node = element;
  let background = null;
  while (node) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length < 4 || colour[3] === 1) { background = colour.slice(0, 3); break; }
    node = node.parentElement;
  }
  return {text: rgb(getComputedStyle(element).color).slice(0, 3),
          background: background || [255, 255, 255]};
}"""


def relative_luminance(rgb: list[float]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (0-255 channels)."""

    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: list[float], second: list[float]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_helper_matches_known_pairs() -> None:
    assert contrast_ratio([0, 0, 0], [255, 255, 255]) == pytest.approx(21.0)
    assert contrast_ratio([255, 255, 255], [255, 255, 255]) == pytest.approx(1.0)
    # #767676 on white is the classic 4.5:1 grey.
    assert contrast_ratio([118, 118, 118], [255, 255, 255]) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_key_text_has_enough_contrast_in_both_schemes(app_page: Page, scheme: ColorScheme) -> None:
    app_page.emulate_media(color_scheme=scheme)
    open_page(app_page)
    page_background = app_page.evaluate("getComputedStyle(document.body).backgroundColor")
    # The page really follows the scheme: a dark background in dark mode, a light one else.
    shade = relative_luminance([float(n) for n in re.findall(r"[\d.]+", page_background)[:3]])
    assert shade < 0.05 if scheme == "dark" else shade > 0.8
    elements = {
        "body text": app_page.locator(".intro-paragraph").first,
        "heading": app_page.get_by_role("heading", level=1),
        "section heading": app_page.locator("h2").first,
        "link": app_page.locator("footer a").first,
        "label": app_page.locator(".filter-field label").first,
        "field": app_page.get_by_label("Jahr"),
        "hint": app_page.locator(".hint").first,
        "date": app_page.locator(".news-date").first,
        "header": app_page.locator(".site-name"),
    }
    for name, element in elements.items():
        expect(element).to_be_visible()
        colours = element.evaluate(SEEN_COLOURS)
        ratio = contrast_ratio(colours["text"], colours["background"])
        assert ratio >= 4.5, (name, colours, round(ratio, 2))
