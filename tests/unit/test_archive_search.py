"""The archive search, one table of cases, on SQLite and on PostgreSQL alike.

Each case runs on both databases (PostgreSQL when ``PARTNER_APP_TEST_POSTGRES_URL`` names
a server, as ``make test-production`` and CI do; otherwise those cases skip). The
content is the default Krefeld content plus four items that show the ranking.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, col, create_engine, delete, func, select

from partner_app.models import NewsItem, NewsStatus, Partnership
from partner_app.services import fts5_archive, news_archive
from partner_app.services.content_loader import load_default_content
from partner_app.services.news_archive import (
    FacetCounts,
    NewsFilter,
    NewsPage,
    facet_counts,
    public_news_conditions,
    published_news_page,
)
from partner_app.services.search_index import corrections, neighbours, rebuild
from tests.unit.conftest import TODAY
from tests.unit.factories import add_news

KANAL = "kanalreinigungsfahrzeug-fuer-kropyvnytskyi"
SPENDE = "spende-20000-euro-kropyvnytskyi"
MUSEUM = "museum-grenzenlos-duenkirchen-krefeld"
KULTUR = "kultur-findet-stadt-deutsch-niederlaendisch"
LEICESTER = "besuch-aus-leicester-kadetten-in-krefeld"


@dataclass(frozen=True)
class Case:
    """A query, the items it finds, and whether their order is part of the case."""

    query: str
    expected: tuple[str, ...]
    ordered: bool = False
    suggestion: str = ""


CASES = [
    # Countries and other names of a partnership find its news.
    Case("ukraine", (KANAL, SPENDE)),
    Case("Ukraine", (KANAL, SPENDE)),
    Case("Kropywnyzkyj", (KANAL, SPENDE)),
    Case("Kirowohrad", (KANAL, SPENDE)),
    Case("Ulyanovsk", (KANAL,)),
    Case("Dunkerque", (MUSEUM,)),
    Case("Dunkirk", (MUSEUM,)),
    Case("Niederlande", (KULTUR, "titel-neu")),
    # German word forms.
    Case("ukrainische", (KANAL, SPENDE)),
    Case("Partnerschaften", (MUSEUM, KANAL)),
    Case("Partnerschaft", (MUSEUM, KANAL)),
    # Folding, as before.
    Case("dunkirchen", (MUSEUM,)),
    Case("Duenkirchen", (MUSEUM,)),
    Case("DÜNKIRCHEN", (MUSEUM,)),
    Case("Dünkirchen", (MUSEUM,)),
    # Prefixes: while typing, and the first part of a compound.
    Case("kropy", (KANAL, SPENDE)),
    Case("Kanal", (KANAL,)),
    # Every word must match; stop words are left out.
    Case("spende kropyvnytskyi", (SPENDE,)),
    Case("die Spende für Kropyvnytskyi", (SPENDE,)),
    Case("gibt es nicht", ()),
    # One wrong, missing or extra letter in a word of five letters or more.
    Case("dünkirchn", (MUSEUM,), suggestion="dünkirchen"),
    Case("leicaster", (LEICESTER,), suggestion="leicester"),
    Case("kropyvnytskyyi", (KANAL, SPENDE), suggestion="kropyvnytskyi"),
    Case("Ausstelung", (MUSEUM, "titel-neu", "titel-alt", "kurztext", "text")),
    # Title above teaser above body; the newer item first among equals.
    Case(
        "Ausstellungen",
        ("titel-neu", "titel-alt", "kurztext", MUSEUM, "text"),
        ordered=True,
    ),
    Case("venlo", (KULTUR, "titel-neu"), ordered=True),
]


def _enable_foreign_keys(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


@pytest.fixture(params=["sqlite", "postgresql"])
def stack_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An empty database with the schema and the index, on each database."""
    if request.param == "postgresql":
        engine = request.getfixturevalue("postgres_engine")
        if engine is None:
            pytest.skip("needs the PostgreSQL test server")
        SQLModel.metadata.drop_all(engine)
        SQLModel.metadata.create_all(engine)
        engine.dispose()
        yield engine
        return
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    event.listen(engine, "connect", _enable_foreign_keys)
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def searchable(stack_engine: Engine) -> Iterator[Session]:
    """The default content and four items on the word "Ausstellung"."""
    with Session(stack_engine) as session:
        load_default_content(session)
        add_news(
            session, "titel-alt", title="Ausstellung im Rathaus", published_on=date(2020, 1, 1)
        )
        add_news(
            session,
            "titel-neu",
            title="Neue Ausstellungen in Venlo",
            published_on=date(2021, 1, 1),
            cities=("venlo",),
        )
        add_news(
            session,
            "kurztext",
            title="Kunst am Bau",
            teaser="Eine Ausstellung zeigt Entwürfe.",
            published_on=date(2025, 1, 1),
        )
        add_news(
            session,
            "text",
            title="Neues aus dem Kulturamt",
            body="Im Herbst folgt eine Ausstellung.",
            published_on=date(2025, 6, 1),
        )
        session.commit()
        yield session


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.query)
def test_search_case(searchable: Session, case: Case) -> None:
    page = published_news_page(searchable, NewsFilter(text=case.query), today=TODAY)
    found = [card.slug for card in page.cards]
    if case.ordered:
        assert found == list(case.expected)
    else:
        assert sorted(found) == sorted(case.expected)
    assert page.total == len(case.expected)
    assert page.suggestion == case.suggestion


def test_no_text_is_newest_first(searchable: Session) -> None:
    page = published_news_page(searchable, NewsFilter(), today=TODAY)
    assert [card.slug for card in page.cards] == [
        "text",
        "kurztext",
        LEICESTER,
        KULTUR,
        KANAL,
        MUSEUM,
        SPENDE,
        "titel-neu",
        "titel-alt",
    ]


def test_matched_words_are_marked_in_title_and_teaser(searchable: Session) -> None:
    page = published_news_page(searchable, NewsFilter(text="ukraine kropy"), today=TODAY)
    card = next(card for card in page.cards if card.slug == SPENDE)
    assert [part.text for part in card.title_parts if part.marked] == ["Kropyvnytskyi"]
    assert [part.text for part in card.teaser_parts if part.marked] == ["ukrainische"]
    assert "".join(part.text for part in card.teaser_parts) == card.teaser


def test_renamed_partnership_terms_find_its_news_at_once(searchable: Session) -> None:
    venlo = searchable.exec(select(Partnership).where(Partnership.slug == "venlo")).one()
    venlo.search_terms = [*venlo.search_terms, "Maasstadt"]
    searchable.add(venlo)
    searchable.commit()
    page = published_news_page(searchable, NewsFilter(text="maasstadt"), today=TODAY)
    assert sorted(card.slug for card in page.cards) == sorted([KULTUR, "titel-neu"])


def test_deleted_and_unpublished_items_leave_the_index(searchable: Session) -> None:
    museum = searchable.exec(select(NewsItem).where(NewsItem.slug == MUSEUM)).one()
    searchable.delete(museum)
    searchable.commit()
    assert published_news_page(searchable, NewsFilter(text="dunkerque"), today=TODAY).total == 0
    # No suggestion leads to a word only the deleted item had.
    page = published_news_page(searchable, NewsFilter(text="grenzenlo"), today=TODAY)
    assert (page.total, page.suggestion) == (0, "")


def test_facet_counts_follow_the_other_filters(searchable: Session) -> None:
    page = published_news_page(
        searchable, NewsFilter(text="kropyvnytskyi", year=2024), today=TODAY, with_facets=True
    )
    assert page.facets is not None
    assert page.facets.cities == {"kropyvnytskyi": 2, "uljanowsk": 1}
    assert page.facets.topics == {"hilfe": 2}
    assert page.facets.years == {2024: 2}
    topical = published_news_page(
        searchable, NewsFilter(topic="kultur"), today=TODAY, with_facets=True
    )
    assert topical.facets is not None
    # The city counts keep the topic; the topic counts ignore their own filter.
    assert topical.facets.cities == {"venlo": 1, "duenkirchen": 1}
    assert topical.facets.topics["hilfe"] == 2
    assert topical.facets.years == {2024: 2}


@pytest.mark.parametrize("word", ["kunst", "ausstellung"])
def test_every_one_letter_typo_finds_the_word(searchable: Session, word: str) -> None:
    # On PostgreSQL by pg_trgm's similarity, on SQLite by the typo keys: both must find
    # each wrong, missing and extra letter, wherever it is.
    variants = {word[:i] + word[i + 1 :] for i in range(len(word))}
    variants |= {word[:i] + "x" + word[i:] for i in range(len(word) + 1)}
    variants |= {word[:i] + "x" + word[i + 1 :] for i in range(len(word))}
    connection = searchable.connection()
    for variant in sorted(variants):
        assert word in [n.word for n in neighbours(connection, variant)], variant


def test_only_an_unknown_word_is_corrected(searchable: Session) -> None:
    connection = searchable.connection()
    assert corrections(connection, "ausstellung") == []
    assert "ausstellung" in [n.word for n in corrections(connection, "ausstelung")]


def _counted_directly(session: Session, news_filter: NewsFilter) -> tuple[int, FacetCounts]:
    total = session.exec(
        select(func.count(col(NewsItem.id))).where(*public_news_conditions(news_filter, TODAY))
    ).one()
    return total, facet_counts(session, news_filter, TODAY, None)


COUNTED_FILTERS = [
    NewsFilter(),
    NewsFilter(city="kropyvnytskyi"),
    NewsFilter(city="venlo", topic="kultur"),
    NewsFilter(year=2024),
    NewsFilter(year=2024, topic="hilfe"),
    NewsFilter(city="leiden"),
    NewsFilter(year=1999),
]


def test_counters_agree_with_counting_the_items_through_every_change(
    searchable: Session,
) -> None:
    def check() -> None:
        for news_filter in COUNTED_FILTERS:
            page = published_news_page(searchable, news_filter, today=TODAY, with_facets=True)
            assert (page.total, page.facets) == _counted_directly(searchable, news_filter)

    check()
    # A scheduled item counts from its day on; a draft never.
    add_news(
        searchable,
        "geplant",
        published_on=date(2026, 12, 24),
        cities=("venlo",),
        topics=("kultur",),
    )
    add_news(searchable, "entwurf", published_on=date(2024, 2, 2), status=NewsStatus.draft)
    searchable.commit()
    check()
    item = searchable.exec(select(NewsItem).where(NewsItem.slug == KANAL)).one()
    item.partnerships = [
        searchable.exec(select(Partnership).where(Partnership.slug == "leiden")).one()
    ]
    item.published_on = date(2023, 5, 2)
    searchable.add(item)
    searchable.commit()
    check()
    item.status = NewsStatus.draft
    searchable.add(item)
    searchable.commit()
    check()
    searchable.delete(searchable.exec(select(NewsItem).where(NewsItem.slug == SPENDE)).one())
    searchable.delete(searchable.exec(select(Partnership).where(Partnership.slug == "venlo")).one())
    searchable.commit()
    check()
    rebuild(searchable.connection())
    searchable.commit()
    check()


def test_a_bulk_delete_through_a_session_rebuilds_the_index(searchable: Session) -> None:
    searchable.exec(delete(NewsItem).where(col(NewsItem.slug).in_([KANAL, SPENDE])))
    searchable.commit()
    page = published_news_page(searchable, NewsFilter(), today=TODAY, with_facets=True)
    assert (page.total, page.facets) == _counted_directly(searchable, NewsFilter())
    assert published_news_page(searchable, NewsFilter(text="ukraine"), today=TODAY).total == 0


def test_an_english_version_is_found_by_its_words(searchable: Session) -> None:
    museum = searchable.exec(select(NewsItem).where(NewsItem.slug == MUSEUM)).one()
    museum.title_en = "Museum without borders: an exhibition from Dunkirk"
    searchable.add(museum)
    searchable.commit()
    page = published_news_page(searchable, NewsFilter(text="exhibition"), today=TODAY)
    assert [card.slug for card in page.cards] == [MUSEUM]
    english = published_news_page(searchable, NewsFilter(text="exhibition"), today=TODAY, lang="en")
    assert [part.text for part in english.cards[0].title_parts if part.marked] == ["exhibition"]


SEARCHED_FILTERS = [
    NewsFilter(text="ausstellung"),
    NewsFilter(text="ausstellung", city="venlo"),
    NewsFilter(text="ausstellung", year=2025),
    NewsFilter(text="kropyvnytskyi", year=2024, topic="hilfe"),
    NewsFilter(text="spende kropyvnytskyi"),
    NewsFilter(text="krefeld partnerschaft ausstellung"),
    NewsFilter(text="kropy"),
    NewsFilter(text="ausstelung"),
    NewsFilter(text="ausstellung", city="gibt-es-nicht"),
    NewsFilter(text="ausstellung", topic="gibt-es-nicht"),
    # Nothing with every filter, yet the other cities' options count.
    NewsFilter(text="ausstellung", city="leiden"),
    NewsFilter(text="krefeld partnerschaft ausstellung venlo"),
]


def _seen(page: NewsPage) -> tuple[object, ...]:
    return ([card.slug for card in page.cards], page.total, page.suggestion, page.facets)


def test_the_fast_answers_are_the_general_statements(
    searchable: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On SQLite FTS5 answers up to three words (fts5_archive), on PostgreSQL one statement
    # over the index rows (postgres_archive); the general statement ranks and counts every
    # match through news_item. They must give the same pages, counts and capped facets,
    # with a scheduled item and a date change that refiles an item under a new key. FTS5's
    # facet counts are checked both ways: in one pass over the matches and option by option.
    add_news(searchable, "geplant", title="Ausstellung bald", published_on=date(2026, 12, 24))
    moved = searchable.exec(select(NewsItem).where(NewsItem.slug == "titel-alt")).one()
    moved.published_on = date(2025, 3, 1)
    searchable.add(moved)
    searchable.commit()

    def both(news_filter: NewsFilter, offset: int) -> tuple[object, object]:
        def seen() -> tuple[object, ...]:
            return _seen(
                published_news_page(
                    searchable, news_filter, today=TODAY, offset=offset, limit=2, with_facets=True
                )
            )

        fast = seen()
        with monkeypatch.context() as general:
            general.setattr(news_archive, "fast_archive", lambda *_: None)
            return fast, seen()

    for one_pass, limit in itertools.product((fts5_archive.ONE_PASS_MATCHES, 0), (1000, 1)):
        monkeypatch.setattr(fts5_archive, "ONE_PASS_MATCHES", one_pass)
        monkeypatch.setattr(news_archive, "FACET_COUNT_LIMIT", limit)
        for news_filter in SEARCHED_FILTERS:
            for offset in (0, 1, 3):
                fast, general = both(news_filter, offset)
                assert fast == general, (news_filter, offset, limit, one_pass)
    # The capped counts read limit + 1; the new date ranks "titel-alt" above "titel-neu".
    page = published_news_page(searchable, NewsFilter(text="ausstellung"), today=TODAY)
    assert [card.slug for card in page.cards][:2] == ["titel-alt", "titel-neu"]
    capped = published_news_page(
        searchable, NewsFilter(text="ausstellung"), today=TODAY, with_facets=True
    )
    assert capped.facets is not None
    assert capped.facets.years[2025] == 2


def test_the_fast_answers_are_taken_where_they_exist(searchable: Session) -> None:
    # SQLite: FTS5 for up to three words; PostgreSQL: one statement for any number.
    three = news_archive.archive_search(searchable, "krefeld partnerschaft ausstellung")
    four = news_archive.archive_search(searchable, "krefeld partnerschaft ausstellung venlo")
    assert three is not None
    assert four is not None
    on_postgres = searchable.get_bind().dialect.name == "postgresql"
    assert news_archive.fast_archive(searchable, three) is not None
    assert (news_archive.fast_archive(searchable, four) is not None) == on_postgres


def test_a_prefix_of_many_stems_is_asked_as_a_prefix(
    searchable: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = sorted(
        card.slug
        for card in published_news_page(searchable, NewsFilter(text="kropy"), today=TODAY).cards
    )
    monkeypatch.setattr(fts5_archive, "MAX_PREFIX_STEMS", 0)
    page = published_news_page(searchable, NewsFilter(text="kropy"), today=TODAY)
    assert sorted(card.slug for card in page.cards) == expected == sorted([KANAL, SPENDE])


def test_postgres_connections_plan_each_query_for_its_values(stack_engine: Engine) -> None:
    # Set once per connection (a round trip per search before); kept after a rollback.
    if stack_engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with stack_engine.connect() as connection:
        connection.rollback()
        assert connection.exec_driver_sql("SHOW jit").scalar_one() == "off"
        plan_cache = connection.exec_driver_sql("SHOW plan_cache_mode").scalar_one()
        assert plan_cache == "force_custom_plan"


def test_a_letter_sqlite_files_elsewhere_stays_inside_its_word(searchable: Session) -> None:
    # "ᦱ" is a letter to Python (Unicode 14) and a spacing mark to SQLite's tokenizer
    # (Unicode 6.1): split there, the stem became a phrase FTS5 refused, and every search
    # for "lu" failed.
    add_news(searchable, "tai-lue", title="Lueᦱa und Ausstellung", published_on=date(2024, 3, 1))
    searchable.commit()
    for query in ("lu", "lueᦱa"):
        page = published_news_page(searchable, NewsFilter(text=query), today=TODAY)
        assert "tai-lue" in [card.slug for card in page.cards], query


@pytest.mark.parametrize(
    ("limit", "count", "lang", "label"),
    [
        (None, 12345, "de", "12.345"),
        (None, 12345, "en", "12,345"),
        (1000, 1000, "de", "1.000"),
        (1000, 1001, "de", "1.000+"),
        (1000, 1001, "en", "1,000+"),
        (1000, 0, "de", "0"),
    ],
)
def test_a_facet_count_reads_as_the_language_writes_it(
    limit: int | None, count: int, lang: str, label: str
) -> None:
    assert FacetCounts(limit=limit).label(count, lang) == label
