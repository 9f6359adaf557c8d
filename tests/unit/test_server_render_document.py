"""Putting the request's state and language into the rendered HTML."""

import json

import pytest

from partner_app.server_render.context_patch import STATE_ELEMENT_ID
from partner_app.server_render.document import with_language, with_state

PAGE = '<!DOCTYPE html><html lang="de"><head><title>T</title></head><body><p>x</p></body></html>'


def test_state_goes_just_before_the_end_of_the_head() -> None:
    html = with_state(PAGE, '{"a": {"b": 1}}')
    script = f'<script id="{STATE_ELEMENT_ID}" type="application/json">{{"a": {{"b": 1}}}}</script>'
    assert html == PAGE.replace("</head>", script + "</head>")


@pytest.mark.parametrize(
    "value", ["</script><script>alert(1)</script>", "<!-- x", "a & b", "ä > ö"]
)
def test_state_text_cannot_close_its_script_and_reads_back_the_same(value: str) -> None:
    html = with_state(PAGE, json.dumps({"title": value}, ensure_ascii=False))
    start = html.index('type="application/json">') + len('type="application/json">')
    state_text = html[start : html.index("</script></head>")]
    assert "<" not in state_text
    assert ">" not in state_text
    assert json.loads(state_text) == {"title": value}


def test_a_page_without_head_is_refused() -> None:
    with pytest.raises(ValueError, match="</head>"):
        with_state("<html><body></body></html>", "{}")


def test_language_of_the_root_element_is_set() -> None:
    assert with_language(PAGE, "en").startswith('<!DOCTYPE html><html lang="en"><head>')
    # Only the root element: a lang attribute elsewhere stays.
    page = PAGE.replace("<p>x</p>", '<p lang="de">x</p>')
    assert '<p lang="de">' in with_language(page, "en")
