"""archive search: partnership search terms and the full-text index

Revision ID: e6b1c2d3f4a5
Revises: e7a3c9d2f4b8
Create Date: 2026-12-07 12:00:00

Partnerships get ``search_terms`` (other spellings, former names); the default
partnerships get theirs here, as the content loader never loads them again. Then the
full-text index is built for the published news: on SQLite an FTS5 table of Snowball
stems, on PostgreSQL a weighted tsvector column from the database's own German stemmer
(unaccent and pg_trgm are trusted extensions: the database owner may create them), and
on both the vocabulary typos are corrected towards (PostgreSQL finds the words near a
typo with pg_trgm, SQLite with a table of each word's forms with one letter left out).

The index's layout is frozen here like any migration; the words and stems come from
``partner_app.services.search_analysis``, plain functions that the running app reads
queries with: the index a migration builds must read text exactly as the app searches.
"""

import json
from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from partner_app.services.search_analysis import folded_words, stems, typo_keys, vocabulary

revision: str = "e6b1c2d3f4a5"
down_revision: str | Sequence[str] | None = "e7a3c9d2f4b8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_TERMS = {
    "venlo": ["Nederland", "Netherlands"],
    "leicester": ["Leicestershire", "Großbritannien", "United Kingdom"],
    "duenkirchen": ["Dunkerque", "Dunkirk", "Duinkerke"],
    "leiden": ["Leyden", "Zuid-Holland", "Nederland", "Netherlands"],
    "charlotte": ["USA", "United States", "Amerika"],
    "oder-spree": ["Beeskow", "Kreis Beeskow"],
    "uljanowsk": ["Ulyanovsk", "Uljanovsk", "Simbirsk"],
    "kayseri": ["Türkiye", "Turkey", "Anatolien", "Caesarea"],
    "kropyvnytskyi": [
        "Kropywnyzkyj",
        "Kropyvnytskyj",
        "Kirowohrad",
        "Kirovohrad",
        "Jelisawetgrad",
    ],
}
PARTS = ("title", "teaser", "body", "names")

_partnership = sa.table(
    "partnership",
    sa.column("id", sa.Integer()),
    sa.column("slug", sa.String()),
    sa.column("name", sa.String()),
    sa.column("native_name", sa.String()),
    sa.column("country", sa.String()),
    sa.column("region", sa.String()),
    sa.column("search_terms", sa.JSON()),
)
_news = sa.table(
    "news_item",
    sa.column("id", sa.Integer()),
    sa.column("status", sa.String()),
    sa.column("title", sa.String()),
    sa.column("teaser", sa.String()),
    sa.column("body", sa.Text()),
    sa.column("image_caption", sa.String()),
    sa.column("published_on", sa.Date()),
)
_news_partnership = sa.table(
    "news_partnership", sa.column("news_id", sa.Integer()), sa.column("partnership_id")
)
_topic = sa.table("topic", sa.column("id", sa.Integer()), sa.column("name", sa.String()))
_news_topic = sa.table("news_topic", sa.column("news_id", sa.Integer()), sa.column("topic_id"))


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("search_terms", sa.JSON(), nullable=False, server_default="[]")
        )
    connection = op.get_bind()
    for slug, terms in SEARCH_TERMS.items():
        connection.execute(
            _partnership.update().where(_partnership.c.slug == slug).values(search_terms=terms)
        )
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        _create_postgres_index(connection)
    else:
        _create_sqlite_index(connection)
    _create_vocabulary(connection, postgres=postgres)
    _fill(connection, postgres=postgres)


def downgrade() -> None:
    """Downgrade schema."""
    connection = op.get_bind()
    for table in ("news_search_count", "search_word_key", "search_word", "news_search"):
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS partner_search")
        connection.exec_driver_sql("DROP TEXT SEARCH DICTIONARY IF EXISTS partner_german_stem")
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_column("search_terms")


def _create_sqlite_index(connection: sa.Connection) -> None:
    connection.exec_driver_sql(
        "CREATE VIRTUAL TABLE news_search USING fts5(title, teaser, body, names, "
        "words UNINDEXED, facets UNINDEXED, tokenize = 'unicode61 remove_diacritics 0', "
        "prefix = '2 3', "
        "detail = column)"
    )


def _create_postgres_index(connection: sa.Connection) -> None:
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    connection.exec_driver_sql(
        "CREATE TEXT SEARCH DICTIONARY partner_german_stem (TEMPLATE = snowball, LANGUAGE = german)"
    )
    connection.exec_driver_sql("CREATE TEXT SEARCH CONFIGURATION partner_search (COPY = simple)")
    connection.exec_driver_sql(
        "ALTER TEXT SEARCH CONFIGURATION partner_search ALTER MAPPING FOR "
        "asciiword, word, numword, asciihword, hword, hword_part, hword_asciipart, "
        "hword_numpart, numhword WITH unaccent, partner_german_stem"
    )
    connection.exec_driver_sql(
        "CREATE TABLE news_search (news_id INTEGER PRIMARY KEY REFERENCES news_item (id) "
        "ON DELETE CASCADE, document TSVECTOR NOT NULL, words TEXT NOT NULL DEFAULT '', "
        "facets TEXT NOT NULL DEFAULT '')"
    )
    connection.exec_driver_sql(
        "CREATE INDEX ix_news_search_document ON news_search USING GIN (document)"
    )


def _create_vocabulary(connection: sa.Connection, *, postgres: bool) -> None:
    # Published items per partnership (0: any), topic (0: any) and year.
    connection.exec_driver_sql(
        "CREATE TABLE news_search_count (partnership_id INTEGER NOT NULL, "
        "topic_id INTEGER NOT NULL, year INTEGER NOT NULL, item_count INTEGER NOT NULL, "
        "PRIMARY KEY (partnership_id, topic_id, year))"
    )
    connection.exec_driver_sql(
        "CREATE TABLE search_word (word TEXT PRIMARY KEY, spelling TEXT NOT NULL, "
        "documents INTEGER NOT NULL)"
    )
    if postgres:
        # Words near a typo by pg_trgm's similarity.
        connection.exec_driver_sql(
            "CREATE INDEX ix_search_word_trigrams ON search_word USING GIN (word gin_trgm_ops)"
        )
    else:
        # Words near a typo by their forms with one letter left out.
        connection.exec_driver_sql(
            "CREATE TABLE search_word_key (key TEXT NOT NULL, word TEXT NOT NULL, "
            "PRIMARY KEY (key, word))"
        )


def _fill(connection: sa.Connection, *, postgres: bool) -> None:
    names: dict[int, list[str]] = {}
    cities: dict[int, list[int]] = {}
    subjects: dict[int, list[int]] = {}
    partnerships = {
        row.id: [row.name, row.native_name, row.country, row.region, *_terms(row.search_terms)]
        for row in connection.execute(sa.select(_partnership))
    }
    topics = {row.id: [row.name] for row in connection.execute(sa.select(_topic))}
    for news_id, partnership_id in connection.execute(sa.select(_news_partnership)):
        names.setdefault(news_id, []).extend(partnerships.get(partnership_id, []))
        cities.setdefault(news_id, []).append(partnership_id)
    for news_id, topic_id in connection.execute(sa.select(_news_topic)):
        names.setdefault(news_id, []).extend(topics.get(topic_id, []))
        subjects.setdefault(news_id, []).append(topic_id)
    rows = []
    counts: Counter[str] = Counter()
    facet_counts: Counter[tuple[int, int, int]] = Counter()
    spellings: dict[str, str] = {}
    for news in connection.execute(
        sa.select(_news).where(sa.cast(_news.c.status, sa.String()) == "published")
    ):
        parts = (
            news.title,
            news.teaser,
            news.body,
            " ".join([*names.get(news.id, []), news.image_caption]),
        )
        found: dict[str, str] = {}
        for part in parts:
            for word, spelling in vocabulary(part).items():
                found.setdefault(word, spelling)
        counts.update(found.keys())
        for word, spelling in found.items():
            spellings.setdefault(word, spelling)
        year = news.published_on.year
        city_ids = sorted(cities.get(news.id, []))
        topic_ids = sorted(subjects.get(news.id, []))
        facet_counts.update((p, t, year) for p in [0, *city_ids] for t in [0, *topic_ids])
        convert = folded_words if postgres else stems
        rows.append(
            {
                "news_id": news.id,
                **{part: " ".join(convert(text)) for part, text in zip(PARTS, parts, strict=True)},
                "words": " ".join(found),
                "facets": " ".join(
                    [str(year), ",".join(map(str, city_ids)), ",".join(map(str, topic_ids))]
                ),
            }
        )
    if rows and postgres:
        vector = " || ".join(
            f"setweight(to_tsvector('partner_search', :{part}), '{weight}')"
            for part, weight in zip(PARTS, "ABCD", strict=True)
        )
        connection.execute(
            sa.text(
                "INSERT INTO news_search (news_id, document, words, facets) "  # noqa: S608
                f"VALUES (:news_id, {vector}, :words, :facets)"
            ),
            rows,
        )
    elif rows:
        connection.execute(
            sa.text(
                "INSERT INTO news_search (rowid, title, teaser, body, names, words, facets) "
                "VALUES (:news_id, :title, :teaser, :body, :names, :words, :facets)"
            ),
            rows,
        )
    if counts:
        connection.execute(
            sa.text(
                "INSERT INTO search_word (word, spelling, documents) "
                "VALUES (:word, :spelling, :documents)"
            ),
            [{"word": w, "spelling": spellings[w], "documents": n} for w, n in counts.items()],
        )
    if facet_counts:
        connection.execute(
            sa.text(
                "INSERT INTO news_search_count (partnership_id, topic_id, year, item_count) "
                "VALUES (:p, :t, :y, :n)"
            ),
            [{"p": p, "t": t, "y": y, "n": n} for (p, t, y), n in facet_counts.items()],
        )
    if counts and not postgres:
        connection.execute(
            sa.text("INSERT INTO search_word_key (key, word) VALUES (:key, :word)"),
            [{"key": key, "word": word} for word in counts for key in typo_keys(word)],
        )


def _terms(value: object) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return [str(term) for term in value] if isinstance(value, list) else []
