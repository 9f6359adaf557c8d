"""The public origin: required in production, checked for its form."""

import pytest

from partner_app.settings import (
    PUBLIC_ORIGIN_VARIABLE,
    PublicOriginError,
    checked_public_origin,
    public_origin,
)


def test_production_refuses_to_start_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PUBLIC_ORIGIN_VARIABLE, raising=False)
    with pytest.raises(PublicOriginError, match=f"{PUBLIC_ORIGIN_VARIABLE} ist nicht gesetzt"):
        checked_public_origin(production=True)


def test_development_runs_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PUBLIC_ORIGIN_VARIABLE, raising=False)
    assert checked_public_origin(production=False) == ""
    assert public_origin("http://localhost:3000/") == "http://localhost:3000"


@pytest.mark.parametrize("production", [True, False])
def test_a_set_origin_is_used_without_its_slash(
    monkeypatch: pytest.MonkeyPatch, production: bool
) -> None:
    monkeypatch.setenv(PUBLIC_ORIGIN_VARIABLE, " https://www.krefeld.de/ ")
    assert checked_public_origin(production=production) == "https://www.krefeld.de"
    # The request's host (which every client chooses) never wins over it.
    assert public_origin("http://evil.example") == "https://www.krefeld.de"


@pytest.mark.parametrize(
    "value", ["www.krefeld.de", "ftp://www.krefeld.de", "https://", "https://www.krefeld.de/de"]
)
def test_something_that_is_no_origin_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(PUBLIC_ORIGIN_VARIABLE, value)
    with pytest.raises(PublicOriginError, match="keine Adresse"):
        checked_public_origin(production=True)
