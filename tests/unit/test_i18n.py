import re
from datetime import date
from pathlib import Path

import pytest

from partner_app import texts, texts_en
from partner_app.i18n import format_integer, parse_language, text, with_language
from partner_app.models import DatePrecision
from partner_app.services.dates import format_date

PACKAGE = Path(texts.__file__).parent


def _public_names() -> set[str]:
    return {name for name in vars(texts_en) if name.isupper()}


def test_every_english_text_has_a_german_original_of_the_same_shape() -> None:
    for name in _public_names():
        if name.startswith("INTRO_"):
            # German intro headings are content in the database; English ones are UI texts.
            assert not hasattr(texts, name)
            continue
        german, english = getattr(texts, name), getattr(texts_en, name)
        assert type(german) is type(english), name
        if isinstance(german, (tuple, dict)):
            assert len(german) == len(english), name
        if isinstance(german, dict):
            assert german.keys() == english.keys(), name
        if isinstance(german, str):
            placeholders = set(re.findall(r"{(\w+)}", german))
            assert placeholders == set(re.findall(r"{(\w+)}", english)), name


def test_every_translated_string_in_the_code_exists_in_both_languages() -> None:
    used: set[str] = set()
    for source in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r'\btr(?:_item|_label)?\("([A-Z_]+)"', source.read_text()))
        used |= set(re.findall(r'\btext\("([A-Z_]+)"', source.read_text()))
    assert used, "the search found no translated strings"
    assert used - _public_names() == set()


@pytest.mark.parametrize(
    ("value", "expected"), [("en", "en"), ("EN ", "en"), ("de", "de"), ("fr", "de"), (None, "de")]
)
def test_unknown_languages_mean_german(value: str | None, expected: str) -> None:
    assert parse_language(value) == expected


def test_language_parameter_is_added_replaced_and_left_out_for_german() -> None:
    assert with_language("/", "en") == "/?lang=en"
    assert with_language("/?stadt=venlo&lang=en", "de") == "/?stadt=venlo"
    assert with_language("/?stadt=venlo", "en") == "/?stadt=venlo&lang=en"
    assert with_language("/nachrichten/a?lang=de", "en") == "/nachrichten/a?lang=en"


def test_dates_and_numbers_follow_the_language() -> None:
    day = date(2024, 8, 28)
    assert format_date(day, DatePrecision.day, "de") == "28.08.2024"
    assert format_date(day, DatePrecision.day, "en") == "28 August 2024"
    assert format_date(day, DatePrecision.month, "en") == "August 2024"
    assert format_date(day, DatePrecision.month, "de") == "August 2024"
    assert format_date(date(2024, 3, 1), DatePrecision.month, "de") == "März 2024"
    assert format_date(day, DatePrecision.year, "en") == "2024"
    assert format_integer(6870, "en") == "6,870"
    assert text("RESULTS_MANY", "en").format(count=3) == "3 news items found."
