import pytest

from partner_app.services.markdown_text import render_markdown


def test_markdown_formatting_is_rendered() -> None:
    html = render_markdown(
        "Ein **fetter** Text mit [Link](https://www.krefeld.de).\n\nZweiter Absatz."
    )
    assert "<strong>fetter</strong>" in html
    assert '<a href="https://www.krefeld.de">Link</a>' in html
    assert html.count("<p>") == 2


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klick](javascript:alert(1))",
        "[klick](JAVASCRIPT:alert(1))",
        "[klick](vbscript:msgbox(1))",
        "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="javascript:alert(1)">x</a>',
        "![bild](javascript:alert(1))",
    ],
)
def test_raw_html_and_script_links_are_inert(body: str) -> None:
    html = render_markdown(body).lower()
    assert "<script" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert 'href="vbscript:' not in html
    assert 'href="data:' not in html
    assert 'src="javascript:' not in html
