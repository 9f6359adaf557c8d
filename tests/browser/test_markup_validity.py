"""The rendered DOM of every public view has none of the validator errors we once had.

html-validate, the Nu checker and pa11y reported these; the checks below read the live
DOM after hydration (including what only the client renders) and name each offender.
docs/validators.md says how to run the validators themselves.

Reflex compiles a keyword it does not know as a prop (``hreflang=``, ``lang=`` on a
Radix part, ``focusable=`` on an svg) into an emotion CSS rule instead of an attribute:
the browser drops the declaration and the attribute is lost. The checks read every
emotion rule the page has, both the server's (``<style>`` elements) and those emotion
inserts with ``insertRule`` in the production build, which leave no text behind.
"""

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserProblems, open_page
from tests.browser.test_city_tabs import TAB_NAMES

PUBLIC_VIEWS = [
    "/",
    "/?lang=en",
    "/?stadt=venlo",
    "/?q=fest",
    "/nachrichten/spende-20000-euro-kropyvnytskyi",
    "/nachrichten/spende-20000-euro-kropyvnytskyi?lang=en",
    "/barrierefreiheit/",
    "/barrierefreiheit/?lang=en",
    "/impressum/",
    "/impressum/?lang=en",
    "/datenschutz/",
    "/datenschutz/?lang=en",
]
# Any unknown address: the site's 404 page.
NOT_FOUND_VIEW = "/gibt-es-nicht/"

# Before any page script: keep the text of every rule emotion inserts.
RECORD_INSERTED_CSS = """(() => {
  window.__insertedCssRules = [];
  const insertRule = CSSStyleSheet.prototype.insertRule;
  CSSStyleSheet.prototype.insertRule = function (rule, ...rest) {
    window.__insertedCssRules.push(String(rule));
    return insertRule.call(this, rule, ...rest);
  };
})();"""

FIND_PROBLEMS = """() => {
  const problems = [];
  const describe = (node) => node.outerHTML.slice(0, 120);
  for (const style of document.body.querySelectorAll("style")) {
    problems.push(`style element in body: ${describe(style)}`);
  }
  // An emotion class's declaration whose name is no CSS property is an HTML attribute
  // that Reflex compiled into CSS (vendor prefixes start with "-", custom properties "--").
  const cssTexts = [...document.querySelectorAll("style")].map((style) => style.textContent)
    .concat(window.__insertedCssRules || ["(rules not recorded)"]);
  if (!window.__insertedCssRules) problems.push("emotion's inserted rules were not recorded");
  for (const text of cssTexts) {
    for (const [, className, body] of text.matchAll(/\\.(css-[\\w-]+)\\s*\\{([^{}]*)\\}/g)) {
      for (const declaration of body.split(";")) {
        const property = declaration.split(":")[0].trim();
        if (property && !property.startsWith("-") && !CSS.supports(property, "initial")) {
          problems.push(`attribute compiled into CSS: .${className}{${declaration.trim()}}`);
        }
      }
    }
  }
  for (const attribute of ["aria-describedby", "aria-labelledby"]) {
    for (const node of document.querySelectorAll(`[${attribute}]`)) {
      const ids = node.getAttribute(attribute).trim();
      if (!ids) { problems.push(`empty ${attribute}: ${describe(node)}`); continue; }
      for (const id of ids.split(/\\s+/)) {
        if (!document.getElementById(id)) {
          problems.push(`${attribute} names missing #${id}: ${describe(node)}`);
        }
      }
    }
  }
  const switchLink = document.querySelector("a.language-switch");
  if (!switchLink || !switchLink.getAttribute("hreflang")) {
    problems.push("language link without hreflang");
  }
  for (const link of document.querySelectorAll('a[href^="tel:"]')) {
    if (/\\s/.test(link.getAttribute("href"))) problems.push(`tel: with space: ${describe(link)}`);
  }
  for (const input of document.querySelectorAll("input:not([type])")) {
    problems.push(`input without type: ${describe(input)}`);
  }
  for (const section of document.querySelectorAll("section")) {
    const label = (section.getAttribute("aria-label") || "").trim();
    const labelledBy = (section.getAttribute("aria-labelledby") || "").trim().split(/\\s+/)
      .map((id) => document.getElementById(id)).filter((node) => node && node.textContent.trim());
    if (!label && labelledBy.length === 0) problems.push(`unnamed section: ${describe(section)}`);
  }
  for (const region of document.querySelectorAll('[role="region"]:not(section)')) {
    problems.push(`role=region instead of a named section: ${describe(region)}`);
  }
  for (const list of document.querySelectorAll("ul[aria-label], ol[aria-label]")) {
    if (!list.hasAttribute("role")) problems.push(`aria-label on a plain list: ${describe(list)}`);
  }
  return problems;
}"""


def open_recording_css(page: Page, path: str) -> None:
    """Open ``path`` with emotion's inserted rules recorded for FIND_PROBLEMS."""
    page.add_init_script(RECORD_INSERTED_CSS)
    open_page(page, path)


@pytest.mark.parametrize("path", PUBLIC_VIEWS)
def test_no_validator_errors_in_the_rendered_dom(app_page: Page, path: str) -> None:
    open_recording_css(app_page, path)
    expect(app_page.locator("footer a").first).to_be_visible()
    if app_page.locator(".city-tabs").count():
        # What only the client renders is there too: the city tabs (and the map).
        expect(app_page.get_by_role("tab")).to_have_count(len(TAB_NAMES))
    assert app_page.evaluate(FIND_PROBLEMS) == []


def test_no_validator_errors_in_the_404_page(
    app_page: Page, browser_problems: BrowserProblems
) -> None:
    browser_problems.expect_error(r"status of 404 \(Not Found\)")
    open_recording_css(app_page, NOT_FOUND_VIEW)
    expect(app_page.locator("footer a").first).to_be_visible()
    assert app_page.evaluate(FIND_PROBLEMS) == []


def test_city_names_are_marked_with_their_language_on_the_english_page(app_page: Page) -> None:
    open_recording_css(app_page, "/?lang=en")
    tabs = app_page.get_by_role("tab")
    expect(tabs).to_have_count(len(TAB_NAMES))
    expect(tabs.first).not_to_have_attribute("lang", re.compile("."))
    # The English names the default content gives; every other tab keeps the German name.
    english = {"Dünkirchen": "Dunkirk", "Landkreis Oder-Spree": "Oder-Spree District"}
    english["Uljanowsk"] = "Ulyanovsk"
    for index, name in enumerate(TAB_NAMES[1:], start=1):
        expect(tabs.nth(index)).to_have_text(english.get(name, name))
        expect(tabs.nth(index)).to_have_attribute("lang", "en" if name in english else "de")
    assert app_page.evaluate(FIND_PROBLEMS) == []


def test_the_maps_drawing_is_not_focusable_and_krefeld_has_no_css_class(app_page: Page) -> None:
    open_recording_css(app_page, "/")
    expect(app_page.locator(".map-link").first).to_be_visible()
    expect(app_page.locator("svg.map-leaders")).to_have_attribute("focusable", "false")
    # Positions are style attributes with custom properties only (valid, not flagged as
    # inline styling), not emotion classes whose rules the server writes into <body>.
    positioned = app_page.locator(".map-home, .map-marker")
    expect(positioned).to_have_count(len(TAB_NAMES))
    for style in positioned.evaluate_all(
        "nodes => nodes.map(node => [node.className, node.getAttribute('style') || ''])"
    ):
        assert "css-" not in style[0], style
        properties = [part.split(":")[0].strip() for part in style[1].split(";") if part.strip()]
        assert properties, style
        assert all(name.startswith("--") for name in properties), style


def test_no_empty_or_dangling_descriptions_once_fields_show_errors(app_page: Page) -> None:
    open_recording_css(app_page, "/")
    form = app_page.locator("form.message-form")
    form.get_by_role("button", name="Nachricht senden").click()
    expect(form.locator(".field-error").first).to_be_visible()
    name_field = form.get_by_label("Ihr Name")
    expect(name_field).to_have_attribute("aria-describedby", "name-fehler")
    expect(form.get_by_label("Ihre E-Mail-Adresse")).to_have_attribute(
        "aria-describedby", "nachricht-email-hinweis email-fehler"
    )
    assert app_page.evaluate(FIND_PROBLEMS) == []


def test_the_login_page_has_typed_inputs_only(app_page: Page) -> None:
    open_page(app_page, "/admin/anmelden")
    expect(app_page.get_by_label("Benutzername")).to_have_attribute("type", "text")
    assert app_page.locator("input:not([type])").count() == 0


@pytest.mark.parametrize("path", [*PUBLIC_VIEWS, NOT_FOUND_VIEW])
def test_the_first_html_has_no_empty_aria_references_nor_body_styles(
    base_url: str, path: str
) -> None:
    # What validators read: the server's first answer, before any script runs.
    html = httpx.get(base_url + path).text
    assert 'aria-describedby=""' not in html
    assert 'aria-labelledby=""' not in html
    # A <style> is allowed in <head> only; the server writes emotion's rule for an
    # element's style= prop right before the element.
    body = html.partition("<body")[2]
    assert body, html[:200]
    assert re.findall(r"<style[^>]*>[^<]{0,80}", body) == []
    # The detail page's first HTML has no body yet (issue 10, item 1); where the header is
    # there, its language link carries hreflang.
    for link in re.findall(r"<a [^>]*language-switch[^>]*>", html):
        assert re.search(r'hreflang="(de|en)"', link), link
