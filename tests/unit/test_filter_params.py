from urllib.parse import parse_qsl, urlsplit

import pytest

from partner_app.services.filter_params import filter_url, parse_filter_params, parse_year
from partner_app.services.news_archive import MAX_QUERY_LENGTH, NewsFilter

CITIES = {"venlo", "leicester"}
TOPICS = {"kultur", "hilfe"}


def parse(params: dict[str, str]):
    return parse_filter_params(params, city_slugs=CITIES, topic_slugs=TOPICS)


def test_valid_parameters_become_the_filter_without_notices() -> None:
    parsed = parse({"stadt": "venlo", "jahr": "2024", "thema": "kultur", "q": "fest"})
    assert parsed.news_filter == NewsFilter(city="venlo", year=2024, topic="kultur", text="fest")
    assert parsed.notices == []


def test_no_parameters_is_the_empty_filter() -> None:
    parsed = parse({})
    assert parsed.news_filter.is_empty
    assert parsed.notices == []


def test_values_are_trimmed_and_case_insensitive() -> None:
    parsed = parse({"stadt": " VENLO ", "thema": "Kultur", "q": "  fest "})
    assert parsed.news_filter == NewsFilter(city="venlo", topic="kultur", text="fest")


@pytest.mark.parametrize(
    ("params", "expected_notice_part"),
    [
        ({"stadt": "paris"}, "„paris“ ist keine Partnerstadt"),
        ({"jahr": "abc"}, "„abc“ ist kein gültiges Jahr"),
        ({"jahr": "20245"}, "„20245“ ist kein gültiges Jahr"),
        ({"jahr": "1200"}, "„1200“ ist kein gültiges Jahr"),
        ({"thema": "mode"}, "Das Thema „mode“ gibt es nicht"),
        ({"seite": "2"}, "Adressparameter „seite“ ist unbekannt"),
    ],
)
def test_bad_parameters_are_dropped_with_a_notice(
    params: dict[str, str], expected_notice_part: str
) -> None:
    parsed = parse(params)
    assert parsed.news_filter.is_empty
    assert len(parsed.notices) == 1
    assert expected_notice_part in parsed.notices[0]


def test_good_parameters_survive_next_to_bad_ones() -> None:
    parsed = parse({"stadt": "venlo", "jahr": "nope", "x": "1"})
    assert parsed.news_filter == NewsFilter(city="venlo")
    assert len(parsed.notices) == 2


def test_over_long_query_is_cut_with_a_notice() -> None:
    parsed = parse({"q": "a" * (MAX_QUERY_LENGTH + 50)})
    assert parsed.news_filter.text == "a" * MAX_QUERY_LENGTH
    assert parsed.notices == [
        f"Der Suchbegriff war zu lang und wurde auf {MAX_QUERY_LENGTH} Zeichen gekürzt."
    ]


def test_huge_bad_value_is_shortened_in_the_notice() -> None:
    parsed = parse({"stadt": "x" * 5000})
    assert len(parsed.notices[0]) < 200


@pytest.mark.parametrize("text", ["", "24", "２０２４", "2024.0", "-2024"])
def test_parse_year_rejects_non_years(text: str) -> None:
    assert parse_year(text) is None


def test_filter_url_round_trips_and_encodes() -> None:
    news_filter = NewsFilter(city="venlo", year=2024, topic="kultur", text="Fest & Spiele")
    url = filter_url(news_filter)
    assert url == "/?stadt=venlo&jahr=2024&thema=kultur&q=Fest+%26+Spiele"
    assert parse(dict(parse_qsl(urlsplit(url).query))).news_filter == news_filter


def test_filter_url_of_empty_filter_is_the_bare_path() -> None:
    assert filter_url(NewsFilter()) == "/"
