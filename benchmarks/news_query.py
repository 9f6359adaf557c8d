"""Benchmark: time of the archive's list query at 100, 10,000 and 100,000 news items.

Run with ``make bench`` (or ``python -m benchmarks.news_query``). Generates the items
in a fresh database of the environment's stack (SQLite, or PostgreSQL under
``make bench``'s production stack) with the real schema and times ``published_news_page``
(count + one page of 12 cards) for typical filters. Prints a table; it asserts nothing.
"""

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert
from sqlmodel import Session, SQLModel, create_engine, select

from partner_app.models import (
    NewsItem,
    NewsPartnershipLink,
    NewsStatus,
    NewsTopicLink,
    Partnership,
    Topic,
)
from partner_app.services.content_loader import load_default_content
from partner_app.services.news_archive import NewsFilter, published_news_page
from partner_app.services.text_folding import searchable_text
from tests.database import fresh_database_url, postgres_server_url

SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "100,10000,100000").split(","))
RUNS = 30
TARGET_MS_AT_100K = 20.0
TODAY = date(2026, 11, 25)
CREATED_AT = datetime(2026, 11, 25, tzinfo=UTC)
WORDS = [
    "Austausch",
    "Besuch",
    "Delegation",
    "Schule",
    "Jugend",
    "Festival",
    "Museum",
    "Ausstellung",
    "Spende",
    "Hilfe",
    "Rathaus",
    "Partnerschaft",
    "Feuerwehr",
    "Sport",
    "Konzert",
    "Wirtschaft",
    "Verein",
    "Jubiläum",
    "Empfang",
    "Bürgermeister",
    "Kunst",
    "Musik",
    "Theater",
    "Fahrzeug",
    "Laptop",
    "Gymnasium",
    "Wasser",
    "Straße",
    "Brücke",
]
FILTERS: dict[str, NewsFilter] = {
    "kein Filter": NewsFilter(),
    "Stadt": NewsFilter(city="venlo"),
    "Jahr + Thema": NewsFilter(year=2020, topic="kultur"),
    "Suche (häufig)": NewsFilter(text="festival"),
    "Suche (selten)": NewsFilter(text="dünkirchen museum"),
    "alle Filter": NewsFilter(city="duenkirchen", year=2021, topic="kultur", text="museum"),
}


def populate(engine: Engine, size: int, rng: random.Random) -> None:
    """Default content plus ``size`` generated published news items."""
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        load_default_content(session)
        partnerships = session.exec(select(Partnership.id, Partnership.name)).all()
        topics = session.exec(select(Topic.id, Topic.name)).all()
    news_rows, city_links, topic_links = [], [], []
    for number in range(size):
        news_id = 1000 + number
        cities = rng.sample(partnerships, rng.choice((1, 1, 2)))
        topic = rng.choice(topics)
        title = " ".join(rng.choices(WORDS, k=6))
        teaser = " ".join(rng.choices(WORDS, k=30))
        body = " ".join(rng.choices(WORDS, k=120))
        news_rows.append(
            {
                "id": news_id,
                "slug": f"bench-{number}",
                "title": title,
                "teaser": teaser,
                "body": body,
                "published_on": date(2015, 1, 1) + timedelta(days=rng.randrange(4000)),
                "published_precision": "day",
                "status": NewsStatus.published.name,
                "image_path": "",
                "image_alt": "",
                "image_caption": "",
                "image_credit": "",
                "search_text": searchable_text(
                    title, teaser, body, *(name for _, name in cities), topic[1]
                ),
                "created_at": CREATED_AT,
                "updated_at": CREATED_AT,
            }
        )
        city_links += [{"news_id": news_id, "partnership_id": pid} for pid, _ in cities]
        topic_links.append({"news_id": news_id, "topic_id": topic[0]})
    with engine.begin() as connection:
        connection.execute(insert(NewsItem), news_rows)
        connection.execute(insert(NewsPartnershipLink), city_links)
        connection.execute(insert(NewsTopicLink), topic_links)
        connection.exec_driver_sql("ANALYZE")


def time_ms(action: Callable[[], object]) -> list[float]:
    """Wall-clock milliseconds of ``RUNS`` calls after one warm-up call."""
    action()
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    """Print p50/p95 per size and filter."""
    rng = random.Random(2026)
    stack = "PostgreSQL" if postgres_server_url() else "SQLite"
    print(f"News list query (count + 12 cards), {stack}, {os.cpu_count()} cores, {RUNS} runs")
    print(f"{'Meldungen':>10} | {'Filter':<16} | {'Treffer':>8} | {'p50 ms':>8} | {'p95 ms':>8}")
    worst_at_largest = 0.0
    for size in SIZES:
        with tempfile.TemporaryDirectory() as folder:
            # SQLite, or a new database on PostgreSQL under `make bench`'s production stack.
            engine = create_engine(fresh_database_url(Path(folder) / "bench.db"))
            populate(engine, size, rng)
            with Session(engine) as session:
                for label, news_filter in FILTERS.items():
                    page = published_news_page(session, news_filter, today=TODAY)
                    timings = time_ms(
                        lambda f=news_filter: published_news_page(session, f, today=TODAY)
                    )
                    p50 = statistics.median(timings)
                    p95 = statistics.quantiles(timings, n=20)[18]
                    if size == SIZES[-1]:
                        worst_at_largest = max(worst_at_largest, p95)
                    print(f"{size:>10} | {label:<16} | {page.total:>8} | {p50:>8.2f} | {p95:>8.2f}")
            engine.dispose()
    verdict = "met" if worst_at_largest <= TARGET_MS_AT_100K else "MISSED"
    print(
        f"Target p95 <= {TARGET_MS_AT_100K:.0f} ms at {SIZES[-1]:,} items: {verdict} "
        f"(worst p95 {worst_at_largest:.2f} ms"
        + (f", {worst_at_largest - TARGET_MS_AT_100K:.2f} ms over)" if verdict == "MISSED" else ")")
    )


if __name__ == "__main__":
    main()
