"""The facet counts of a search's matches, counted from their groups (plain Python)."""

from datetime import date

from partner_app.services.fts5_archive import FacetScope, count_facets
from partner_app.services.search_index import Facets, SearchDocument, part_marks

TODAY = date(2026, 11, 25)
# Items alike and how many: Venlo (1) and Leiden (2) with topics 5 or 6, two years.
GROUPS = [
    (Facets(2024, (1,), (5,)), 3),
    (Facets(2024, (1, 2), (6,)), 2),
    (Facets(2025, (2,), (5, 6)), 4),
]


def test_without_filters_every_option_counts_its_items() -> None:
    cities, years, topics = count_facets(GROUPS, FacetScope(TODAY, None, None, None))
    assert cities == {1: 5, 2: 6}
    assert years == {2024: 5, 2025: 4}
    assert topics == {5: 7, 6: 6}


def test_each_facet_leaves_out_its_own_filter_only() -> None:
    cities, years, topics = count_facets(GROUPS, FacetScope(TODAY, 2024, 1, 6))
    # Cities: in 2024 and about topic 6, whatever the city.
    assert cities == {1: 2, 2: 2}
    # Years: of Venlo and about topic 6, whatever the year.
    assert years == {2024: 2}
    # Topics: of Venlo in 2024, whatever the topic.
    assert topics == {5: 3, 6: 2}


def test_an_unknown_city_leaves_only_the_city_options() -> None:
    cities, years, topics = count_facets(GROUPS, FacetScope(TODAY, None, 0, None))
    assert cities == {1: 5, 2: 6}
    assert not years
    assert not topics


def test_the_facets_text_reads_back_as_written() -> None:
    document = SearchDocument(
        news_id=7,
        title="",
        teaser="",
        body="",
        names="",
        published_on=date(2024, 3, 1),
        partnership_ids=(1, 12),
        topic_ids=(3,),
    )
    assert Facets.parse(document.facets) == Facets(2024, (1, 12), (3,))
    assert Facets.parse("2024  ") == Facets(2024, (), ())


def test_title_and_teaser_stems_are_marked_with_their_part_once() -> None:
    assert part_marks(["museum", "museum"], ["museum", "hilf"]) == "1museum 2museum 2hilf"
