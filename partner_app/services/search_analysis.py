"""How the archive search reads text: words, folding, stems, typos and highlighting.

Plain Python without the database or the app, so the search index, its migration and
the highlighting all read text the same way:

- A word is a run of letters and digits (``[^\\W_]+``): "Dünkirchen-Krefeld" is two.
- Folding lower-cases and strips accents ("Dünkirchen" -> "dunkirchen", "ß" -> "ss"),
  as the public search always did.
- A word with an umlaut or ß is indexed a second time transliterated ("duenkirchen"),
  so people who type "ue" for "ü" find it on every database (PostgreSQL's German stemmer
  keeps "ue"; Snowball's newer one, used on SQLite, folds it itself).
- Stems come from Snowball's German stemmer: on SQLite from PyStemmer here, on PostgreSQL
  from the database's own ``german`` Snowball dictionary, which is the same algorithm.
  "Partnerschaften" and "Partnerschaft" share the stem "partnerschaft".
- A query word matches every indexed word whose stem starts with the query word's stem,
  so results follow the typing ("kropy") and compounds are found by their first part
  ("Kanal" finds "Kanalreinigungsfahrzeug").
"""

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import Stemmer

_WORD = re.compile(r"[^\W_]+")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Typo tolerance (one wrong, missing or extra letter) for words of this length or more.
TYPO_MIN_LENGTH = 5
# Words that say nothing about an item; a query drops them (unless it has nothing else).
# Snowball's German stop list (folded, as query words are compared folded).
_STOP_LIST = """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den
    des dem die das dass daß derselbe derselben denselben desselben demselben dieselbe
    dieselben dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich
    dir du dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen
    einer eines einig einige einigem einigen einiger einiges einmal er ihn ihm es etwas
    euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte hatten
    hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist
    jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem
    keinen keiner keines können könnte machen man manche manchem manchen mancher manches
    mein meine meinem meinen meiner meines mit muss musste nach nicht nichts noch nun nur
    ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so
    solche solchem solchen solcher solches soll sollte sondern sonst über um und uns unse
    unsem unsen unser unses unter viel vom von vor während war waren warst was weg weil
    weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir
    wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen
    """


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents ("Dünkirchen" -> "dunkirchen")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


STOP_WORDS = frozenset(fold(word) for word in _STOP_LIST.split())


def words(text: str) -> list[str]:
    """The words of ``text`` as written (letters and digits; punctuation separates)."""
    return _WORD.findall(text)


def folded_words(text: str) -> list[str]:
    """The folded words of ``text``, with the transliterated copy of umlaut words.

    "Grüße aus Dünkirchen" -> grusse, gruesse, aus, dunkirchen, duenkirchen.
    """
    result: list[str] = []
    for word in words(text):
        result.extend(_word_forms(word))
    return result


# Texts repeat their words: each word is folded once (indexing 100,000 items spent most of
# its time folding the same words again).
@functools.lru_cache(maxsize=100_000)
def _word_forms(word: str) -> tuple[str, ...]:
    forms = _WORD.findall(fold(word))
    lowered = word.casefold()
    transliterated = lowered.translate(_TRANSLITERATION)
    if transliterated != lowered:
        forms += _WORD.findall(fold(transliterated))
    return tuple(forms)


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


@functools.lru_cache(maxsize=50_000)
def stem(folded_word: str) -> str:
    """The Snowball German stem of a folded word ("partnerschaften" -> "partnerschaft")."""
    return _stemmer().stemWord(folded_word)


def stems(text: str) -> list[str]:
    """The stems of every folded word of ``text`` (what SQLite's index holds)."""
    return [stem(word) for word in folded_words(text)]


def vocabulary(text: str) -> dict[str, str]:
    """Words of ``text`` that typos are corrected towards: folded word -> its spelling.

    Only words of ``TYPO_MIN_LENGTH`` letters or more; the spelling is the word lower-cased
    with its umlauts, as "Meinten Sie …?" offers it.
    """
    found: dict[str, str] = {}
    for word in words(text):
        entry = _vocabulary_entry(word)
        if entry is not None:
            found.setdefault(*entry)
    return found


@functools.lru_cache(maxsize=100_000)
def _vocabulary_entry(word: str) -> tuple[str, str] | None:
    folded = fold(word)
    if len(folded) >= TYPO_MIN_LENGTH and folded.isalpha():
        return folded, word.lower()
    return None


@dataclass(frozen=True)
class QueryWord:
    """One word of a search: as typed, folded, and the folded words it may stand for.

    ``alternatives`` holds the folded word and, for a word found nowhere, the indexed
    words one typo away from it; an item matches the word when it matches any of them.
    """

    spelling: str
    folded: str
    alternatives: tuple[str, ...]


def query_words(query: str) -> list[QueryWord]:
    """The words of a search, stop words dropped (unless they are all it has)."""
    found: dict[str, QueryWord] = {}
    for word in words(query):
        for folded in _WORD.findall(fold(word)):
            found.setdefault(folded, QueryWord(word, folded, (folded,)))
    meaningful = [word for word in found.values() if word.folded not in STOP_WORDS]
    return meaningful or list(found.values())


def typo_keys(folded_word: str) -> set[str]:
    """The word and every form of it with one letter left out (its typo neighbourhood).

    Two words are one wrong, missing or extra letter apart only if their key sets meet:
    a missing letter leaves the shorter word among the longer one's keys, a wrong one
    makes both words share the key without that letter.
    """
    return {folded_word} | {
        folded_word[:index] + folded_word[index + 1 :] for index in range(len(folded_word))
    }


def one_typo_apart(first: str, second: str) -> bool:
    """Whether ``first`` and ``second`` differ by one wrong, missing or extra letter."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    for index, (left, right) in enumerate(zip(first, second, strict=False)):
        if left != right:
            rest = index if len(first) < len(second) else index + 1
            return first[rest:] == second[index + 1 :]
    return True


def corrects_typos(folded_word: str) -> bool:
    """Whether a query word is long enough to be corrected (a missing letter included)."""
    return len(folded_word) >= TYPO_MIN_LENGTH - 1 and folded_word.isalpha()


@dataclass(frozen=True)
class TextPart:
    """A piece of a displayed text, marked when it is a word the search matched."""

    text: str
    marked: bool = False


def highlighted(text: str, matched_stems: Iterable[str]) -> list[TextPart]:
    """``text`` cut into parts, the words whose stem starts with a matched stem marked.

    Plain text parts only: the view renders each as text (never as HTML), so editors'
    text can never inject markup.
    """
    prefixes = tuple(sorted(set(matched_stems)))
    if not prefixes or not text:
        return [TextPart(text)] if text else []
    parts: list[TextPart] = []
    position = 0
    for match in _WORD.finditer(text):
        if not _word_matches(match.group(), prefixes):
            continue
        if match.start() > position:
            parts.append(TextPart(text[position : match.start()]))
        parts.append(TextPart(match.group(), marked=True))
        position = match.end()
    if position < len(text):
        parts.append(TextPart(text[position:]))
    return parts


def _word_matches(word: str, prefixes: tuple[str, ...]) -> bool:
    return any(stem(folded).startswith(prefixes) for folded in folded_words(word))
