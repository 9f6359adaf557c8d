import pytest

from partner_app.services.text_folding import fold, search_terms, searchable_text


@pytest.mark.parametrize("query", ["dunkirchen", "DÜNKIRCHEN", "Dünkirchen", "duenkirchen"])
def test_every_spelling_of_an_umlaut_is_found(query: str) -> None:
    stored = searchable_text("Kunstmuseen zeigen Werke aus Dünkirchen")
    assert all(term in stored for term in search_terms(query))


def test_fold_lowercases_strips_accents_and_collapses_space() -> None:
    assert fold("  Café   ÉTÉ\tÖl ") == "cafe ete ol"


def test_sharp_s_matches_ss() -> None:
    stored = searchable_text("Straße")
    assert "strasse" in stored
    assert search_terms("STRASSE") == ["strasse"]


def test_search_terms_splits_on_whitespace_and_drops_empty() -> None:
    assert search_terms("  Kultur   Venlo ") == ["kultur", "venlo"]
    assert search_terms("   ") == []


def test_cyrillic_is_kept_and_lowercased() -> None:
    # й decomposes into и + breve; the breve goes, on both the stored and the typed side.
    assert fold("Кропивницький") == "кропивницькии"
    assert search_terms("КРОПИВНИЦЬКИЙ") == [fold("Кропивницький")]
