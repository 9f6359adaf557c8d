"""Phones (320-390 px): nothing is cut off or scrolls sideways, every target is 24 x 24 px."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in_as_editor, open_page

PHONE_WIDTHS = [320, 390]

# Every cell of the overview that hides part of its text (clipped, scrolled or cut off by
# an ellipsis) or reaches past the screen's right edge.
CUT_OFF_CELLS = """() => [...document.querySelectorAll(
    ".partnership-table tbody th, .partnership-table td")]
  .filter((cell) => {
    const style = getComputedStyle(cell);
    return cell.scrollWidth > cell.clientWidth
      || style.textOverflow === "ellipsis"
      || cell.getBoundingClientRect().right > window.innerWidth
      || cell.getBoundingClientRect().left < 0;
  })
  .map((cell) => cell.textContent)"""

# Scrolling boxes (the tables' wrappers) whose content is wider than the box.
HIDDEN_SIDEWAYS = """() => [...document.querySelectorAll(".table-scroll")]
  .filter((box) => box.scrollWidth > box.clientWidth)
  .map((box) => `${box.scrollWidth} > ${box.clientWidth}`)"""

# Targets (WCAG 2.2 2.5.8) smaller than 24 x 24 CSS px. Links inside running text (a
# sentence in a paragraph or list item with more text than the link) are exempt.
SMALL_TARGETS = """() => {
  const inRunningText = (element) => {
    if (element.tagName !== "A") return false;
    const block = element.closest("p, li, dd, td, figcaption, label");
    return block !== null
      && block.textContent.trim().length > element.textContent.trim().length + 3;
  };
  return [...document.querySelectorAll(
      "a[href], button, select, input:not([type=hidden]), textarea, [role=tab]")]
    .filter((element) => element.getClientRects().length > 0)
    .filter((element) => getComputedStyle(element).visibility !== "hidden")
    .filter((element) => !element.closest("[aria-hidden=true]"))
    .filter((element) => !inRunningText(element))
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width < 24 || box.height < 24;
    })
    .map((element) => {
      const box = element.getBoundingClientRect();
      const name = (element.textContent || element.name || element.id).trim().slice(0, 40);
      return `${element.tagName} "${name}" ${box.width.toFixed(1)} x ${box.height.toFixed(1)}`;
    });
}"""


@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("path", ["/", "/?lang=en"])
def test_overview_is_readable_without_cut_off_or_sideways_scrolling(
    app_page: Page, width: int, path: str
) -> None:
    app_page.set_viewport_size({"width": width, "height": 800})
    open_page(app_page, path)
    table = app_page.locator(".partnership-table")
    expect(table.locator("tbody tr")).to_have_count(9)
    assert app_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert app_page.evaluate(CUT_OFF_CELLS) == []
    # The first row as a citizen reads it: every value with its column's name before it.
    first = table.locator("tbody tr").first
    expect(first.locator("th")).to_have_text("Venlo")
    labels = first.locator("td").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)"
    )
    if path == "/":
        assert labels[0].startswith('"Land: "')
        expect(first.locator("td").nth(1)).to_have_text("21.11.1964")
    else:
        assert labels[0].startswith('"Country: "')
        expect(first.locator("td").nth(1)).to_have_text("21 November 1964")
    # Still a table: the column headers stay in the page for screen readers.
    expect(table.get_by_role("columnheader")).to_have_count(4)
    expect(table.get_by_role("rowheader")).to_have_count(9)


def test_overview_keeps_its_columns_on_wide_screens(app_page: Page) -> None:
    app_page.set_viewport_size({"width": 1366, "height": 900})
    open_page(app_page)
    header = app_page.locator(".partnership-table thead th").first
    expect(header).to_be_visible()
    assert header.evaluate("cell => getComputedStyle(cell).display") == "table-cell"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?lang=en",
        "/?stadt=uljanowsk",
        "/nachrichten/spende-20000-euro-kropyvnytskyi",
        "/barrierefreiheit",
    ],
)
def test_every_target_is_at_least_24_px_at_390_px(app_page: Page, path: str) -> None:
    app_page.set_viewport_size({"width": 390, "height": 800})
    open_page(app_page, path)
    expect(app_page.locator("footer a").first).to_be_visible()
    assert app_page.evaluate(SMALL_TARGETS) == []


@pytest.mark.parametrize(
    ("path", "loaded"),
    [
        ("/admin/nachrichten", "tbody tr"),
        ("/admin/nachrichten/bearbeiten?id=1", "#title"),
        ("/admin/inhalte/bearbeiten?typ=partnerschaft&id=1", "#name"),
        ("/admin/postfach", "h1"),
        ("/admin/inhalte", "tbody tr"),
        ("/admin/protokoll", "h1"),
        ("/admin/konto", "h1"),
    ],
)
def test_admin_pages_fit_a_phone_without_sideways_scrolling(
    app_page: Page, path: str, loaded: str
) -> None:
    # An editor on the go: the navigation's six links wrap instead of widening the page.
    app_page.set_viewport_size({"width": 390, "height": 800})
    log_in_as_editor(app_page)
    open_page(app_page, path)
    expect(app_page.locator(loaded).first).to_be_visible()
    assert app_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # No column hidden behind a sideways scroll: the lists' rows stack on a phone.
    assert app_page.evaluate(HIDDEN_SIDEWAYS) == []
    nav_links = app_page.locator(".admin-nav a")
    for index in range(nav_links.count()):
        box = nav_links.nth(index).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= 390, nav_links.nth(index).text_content()


def test_an_admin_list_on_a_phone_names_each_value(app_page: Page) -> None:
    app_page.set_viewport_size({"width": 390, "height": 800})
    log_in_as_editor(app_page)
    open_page(app_page, "/admin/nachrichten")
    first = app_page.locator(".admin-table tbody tr").first
    expect(first.get_by_role("button", name="Löschen")).to_be_visible()
    labels = first.locator("td").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)"
    )
    assert labels[0].startswith('"Datum: "')
    assert labels[1].startswith('"Status: "')
    assert labels[2] == "none"  # the buttons say what they do
    box = first.get_by_role("button", name="Löschen").bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 390
