"""Reading text for the archive search: words, folding, stems, typos and highlighting."""

import itertools

import pytest

from partner_app.services.search_analysis import (
    TextPart,
    corrects_typos,
    fold,
    folded_words,
    highlighted,
    one_typo_apart,
    query_words,
    stem,
    stems,
    typo_keys,
    vocabulary,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Partnerschaften", "partnerschaft"),
        ("Partnerschaft", "partnerschaft"),
        ("Ausstellungen", "ausstell"),
        ("Ausstellung", "ausstell"),
        ("ukrainische", "ukrain"),
        ("Ukraine", "ukrain"),
    ],
)
def test_word_forms_share_a_stem(word: str, expected: str) -> None:
    (only,) = stems(word)
    assert only == expected


@pytest.mark.parametrize("spelling", ["dunkirchen", "Duenkirchen", "DÜNKIRCHEN", "Dünkirchen"])
def test_every_spelling_of_duenkirchen_meets_the_indexed_forms(spelling: str) -> None:
    indexed = set(stems("Dünkirchen"))
    (typed,) = query_words(spelling)
    assert stem(typed.folded) in indexed


def test_umlaut_words_are_indexed_twice_and_punctuation_separates() -> None:
    assert folded_words("Grüße aus Dünkirchen-Krefeld") == [
        "grusse",
        "gruesse",
        "aus",
        "dunkirchen",
        "duenkirchen",
        "krefeld",
    ]
    assert fold("Ульяновск") == "ульяновск"


def test_query_drops_stop_words_unless_it_has_nothing_else() -> None:
    assert [word.folded for word in query_words("die Spende für Venlo")] == ["spende", "venlo"]
    assert [word.folded for word in query_words("die")] == ["die"]
    assert query_words("% ?") == []


def test_vocabulary_keeps_long_words_with_their_spelling() -> None:
    assert vocabulary("Grüße aus Dünkirchen, 2024") == {
        "grusse": "grüße",
        "dunkirchen": "dünkirchen",
    }


@pytest.mark.parametrize(
    ("typed", "word", "expected"),
    [
        ("dunkirchn", "dunkirchen", True),  # missing
        ("dunkirchenn", "dunkirchen", True),  # extra
        ("dunkarchen", "dunkirchen", True),  # wrong
        ("dunkirchen", "dunkirchen", False),  # the same word is no typo
        ("dnukirchen", "dunkirchen", False),  # two letters swapped: two changes
        ("dunkirch", "dunkirchen", False),
    ],
)
def test_one_typo_apart(typed: str, word: str, expected: bool) -> None:
    assert one_typo_apart(typed, word) is expected
    assert one_typo_apart(word, typed) is expected


def test_typo_keys_meet_exactly_for_one_typo() -> None:
    # Every one-letter change of a five-letter word shares a key with it, and is one apart.
    word = "kunst"
    letters = "abkn"
    variants = {word[:i] + word[i + 1 :] for i in range(5)}
    variants |= {word[:i] + c + word[i:] for i in range(6) for c in letters}
    variants |= {word[:i] + c + word[i + 1 :] for i in range(5) for c in letters}
    variants.discard(word)
    for variant in variants:
        assert typo_keys(variant) & typo_keys(word), variant
        assert one_typo_apart(variant, word), variant
    for first, second in itertools.combinations(["kunst", "kursk", "gunst"], 2):
        assert one_typo_apart(first, second) == ((first, second) == ("kunst", "gunst"))


def test_only_words_long_enough_are_corrected() -> None:
    assert corrects_typos("kunt")  # a missing letter of "kunst"
    assert not corrects_typos("kun")
    assert not corrects_typos("2024x")


def test_highlighting_marks_matched_words_as_plain_text() -> None:
    parts = highlighted("<b>Spenden</b> für Kropyvnytskyi", [stem("spende")])
    assert parts == [
        TextPart("<b>"),
        TextPart("Spenden", marked=True),
        TextPart("</b> für Kropyvnytskyi"),
    ]
    assert highlighted("Grüße", []) == [TextPart("Grüße")]
    assert highlighted("", [stem("x")]) == []


def test_highlighting_finds_umlaut_words_and_prefixes() -> None:
    parts = highlighted("Gäste aus Dünkirchen", [stem("duenkirchen"), "gast"])
    assert [part.text for part in parts if part.marked] == ["Gäste", "Dünkirchen"]
