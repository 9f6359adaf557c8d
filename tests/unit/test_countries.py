"""Countries by ISO code, named by Babel in the page's language."""

from partner_app.services.content_loader import default_content
from partner_app.services.countries import (
    all_country_names,
    country_choices,
    country_name,
    is_country_code,
)


def test_a_code_is_named_in_each_language_and_an_unknown_one_stays_a_code() -> None:
    assert country_name("NL") == "Niederlande"
    assert country_name("NL", "en") == "Netherlands"
    assert country_name("tr", "en") == "Türkiye"
    assert country_name("XY", "en") == "XY"


def test_the_search_finds_a_country_by_its_german_and_english_names() -> None:
    assert all_country_names("UA") == ["Ukraine"]
    assert all_country_names("GB") == ["Vereinigtes Königreich", "United Kingdom"]


def test_the_admins_list_is_in_german_order_with_umlauts_in_place_and_no_unions() -> None:
    names = [name for _, name in country_choices()]
    assert names.index("Oman") < names.index("Österreich") < names.index("Pakistan")
    codes = [code for code, _ in country_choices()]
    assert "EU" not in codes
    assert "UN" not in codes
    assert len(codes) == len(set(codes)) > 200
    assert is_country_code("FR")
    assert not is_country_code("EU")


def test_every_default_partnership_lies_in_a_country_the_admin_offers() -> None:
    codes = [entry["country_code"] for entry in default_content()["partnerships"]]
    assert len(codes) == 9
    assert all(is_country_code(code) for code in codes), codes
