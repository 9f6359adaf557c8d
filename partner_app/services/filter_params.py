"""The archive filter in the page URL (``/?stadt=venlo&jahr=2024&thema=kultur&q=fest``).

Parsing never fails: whatever cannot be used is dropped and explained in a notice.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from partner_app.i18n import DEFAULT_LANGUAGE, LANGUAGE_PARAM, text
from partner_app.services.news_archive import MAX_QUERY_LENGTH, NewsFilter

CITY_PARAM = "stadt"
YEAR_PARAM = "jahr"
TOPIC_PARAM = "thema"
QUERY_PARAM = "q"
# The language parameter belongs to every page and is read elsewhere (i18n).
KNOWN_PARAMS = (CITY_PARAM, YEAR_PARAM, TOPIC_PARAM, QUERY_PARAM, LANGUAGE_PARAM)
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
_NOTICE_VALUE_LENGTH = 40


@dataclass(frozen=True)
class ParsedFilter:
    """The usable filter from a URL and a notice for each part that was not usable."""

    news_filter: NewsFilter
    notices: list[str] = field(default_factory=list)


def parse_filter_params(
    params: Mapping[str, str],
    *,
    city_slugs: Collection[str],
    topic_slugs: Collection[str],
    lang: str = "de",
) -> ParsedFilter:
    """Turn URL query parameters into a :class:`NewsFilter`, ignoring what is invalid."""
    notices = [
        text("NOTICE_UNKNOWN_PARAM", lang).format(name=_shorten(name))
        for name in params
        if name not in KNOWN_PARAMS
    ]

    city = params.get(CITY_PARAM, "").strip().lower()
    if city and city not in city_slugs:
        notices.append(text("NOTICE_UNKNOWN_CITY", lang).format(value=_shorten(city)))
        city = ""

    year_text = params.get(YEAR_PARAM, "").strip()
    year = parse_year(year_text)
    if year_text and year is None:
        notices.append(text("NOTICE_BAD_YEAR", lang).format(value=_shorten(year_text)))

    topic = params.get(TOPIC_PARAM, "").strip().lower()
    if topic and topic not in topic_slugs:
        notices.append(text("NOTICE_UNKNOWN_TOPIC", lang).format(value=_shorten(topic)))
        topic = ""

    query = params.get(QUERY_PARAM, "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        notices.append(text("NOTICE_QUERY_CUT", lang).format(limit=MAX_QUERY_LENGTH))
        query = query[:MAX_QUERY_LENGTH]

    return ParsedFilter(NewsFilter(city=city, year=year, topic=topic, text=query), notices)


def parse_year(text: str) -> int | None:
    """A plausible four-digit year, or ``None``."""
    if len(text) != 4 or not text.isascii() or not text.isdigit():
        return None
    year = int(text)
    return year if EARLIEST_YEAR <= year <= LATEST_YEAR else None


def filter_params(news_filter: NewsFilter) -> dict[str, str]:
    """The URL query parameters of ``news_filter``; empty ones left out."""
    params = {
        CITY_PARAM: news_filter.city,
        YEAR_PARAM: str(news_filter.year) if news_filter.year is not None else "",
        TOPIC_PARAM: news_filter.topic,
        QUERY_PARAM: news_filter.text,
    }
    return {name: value for name, value in params.items() if value}


def filter_url(news_filter: NewsFilter, path: str = "/", lang: str = DEFAULT_LANGUAGE) -> str:
    """The page URL that restores ``news_filter`` (in ``lang``)."""
    params = filter_params(news_filter)
    if lang != DEFAULT_LANGUAGE:
        params[LANGUAGE_PARAM] = lang
    query = urlencode(params)
    return f"{path}?{query}" if query else path


def _shorten(value: str) -> str:
    if len(value) <= _NOTICE_VALUE_LENGTH:
        return value
    return value[: _NOTICE_VALUE_LENGTH - 1] + "…"
