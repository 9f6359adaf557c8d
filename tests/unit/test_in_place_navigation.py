"""The in-place navigation script and its reading back by protocol-level clients."""

import pytest
from reflex.vars import LiteralStringVar

from partner_app.in_place_navigation import navigate_in_place, navigation_target


def _script(url: str, *, replace: bool) -> str:
    spec = navigate_in_place(url, replace=replace)
    (_, code), _callback = spec.args
    assert isinstance(code, LiteralStringVar), "the script is a literal, not computed in JS"
    return code._var_value  # the literal JavaScript the browser evaluates


@pytest.mark.parametrize("url", ["/?stadt=venlo", '/?q="fest"&lang=en', "/?q=a\\b"])
@pytest.mark.parametrize("replace", [True, False])
def test_the_script_names_the_url_it_moves_to(url: str, replace: bool) -> None:
    script = _script(url, replace=replace)
    assert navigation_target(script) == url
    assert f", {str(replace).lower()})" in script


def test_other_scripts_name_no_url() -> None:
    assert navigation_target("document.getElementById('x')?.focus()") is None
