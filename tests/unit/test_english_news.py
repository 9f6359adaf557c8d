"""News in English where the editors wrote it, German (and saying so) where they did not."""

import dataclasses
import json

from sqlmodel import Session

from partner_app.models import NewsItem
from partner_app.services import open_data
from partner_app.services.news_admin import NewsForm, news_admin_list, news_form, save_news
from partner_app.services.news_archive import NewsFilter, published_news_page
from partner_app.services.news_detail import published_news_detail
from partner_app.services.page_meta import news_page_meta
from tests.unit.conftest import TODAY

ORIGIN = "https://partnerstaedte.example"


def translated_form(**changes: object) -> NewsForm:
    form = NewsForm(
        title="Schüleraustausch mit Venlo",
        teaser="Zwanzig Jugendliche besuchen die Partnerstadt.",
        body="Ein **schöner** Besuch.",
        title_en="Pupil exchange with Venlo",
        teaser_en="Twenty young people visit the partner city.",
        body_en="A **lovely** visit.",
        published_on=TODAY.isoformat(),
        status="published",
        cities=["venlo"],
    )
    return dataclasses.replace(form, **changes)


def _slug_of(session: Session, news_id: int) -> str:
    news = session.get(NewsItem, news_id)
    assert news is not None
    return news.slug


def test_the_english_version_is_saved_and_comes_back_into_the_form(
    seeded_session: Session,
) -> None:
    news_id = save_news(seeded_session, translated_form(), editor="anna", today=TODAY)
    form, _ = news_form(seeded_session, news_id)
    assert (form.title_en, form.teaser_en, form.body_en) == (
        "Pupil exchange with Venlo",
        "Twenty young people visit the partner city.",
        "A **lovely** visit.",
    )
    # The admin's own search finds an item by its English words too.
    assert [row.id for row in news_admin_list(seeded_session, text="pupil", today=TODAY)] == [
        news_id
    ]


def test_cards_and_detail_show_english_on_the_english_page_and_german_on_the_german(
    seeded_session: Session,
) -> None:
    news_id = save_news(seeded_session, translated_form(), editor="anna", today=TODAY)
    slug = _slug_of(seeded_session, news_id)

    english = published_news_detail(seeded_session, slug, today=TODAY, lang="en")
    assert english is not None
    assert (english.card.title, english.card.title_lang) == ("Pupil exchange with Venlo", "en")
    assert english.card.teaser_lang == "en"
    assert (english.body_html, english.body_lang) == (
        "<p>A <strong>lovely</strong> visit.</p>\n",
        "en",
    )
    german = published_news_detail(seeded_session, slug, today=TODAY)
    assert german is not None
    assert (german.card.title, german.card.title_lang) == ("Schüleraustausch mit Venlo", "de")
    assert german.body_lang == "de"


def test_a_text_without_english_version_stays_german_and_marked_so(
    seeded_session: Session,
) -> None:
    news_id = save_news(
        seeded_session, translated_form(teaser_en="  ", body_en=""), editor="a", today=TODAY
    )
    slug = _slug_of(seeded_session, news_id)
    detail = published_news_detail(seeded_session, slug, today=TODAY, lang="en")
    assert detail is not None
    assert detail.card.title_lang == "en"
    assert (detail.card.teaser, detail.card.teaser_lang) == (
        "Zwanzig Jugendliche besuchen die Partnerstadt.",
        "de",
    )
    assert detail.body_lang == "de"
    article = json.loads(news_page_meta(detail, ORIGIN, "en").json_ld)
    # Partly German: the article as a whole is German.
    assert article["inLanguage"] == "de"


def test_a_fully_translated_article_is_described_as_english(seeded_session: Session) -> None:
    news_id = save_news(seeded_session, translated_form(), editor="anna", today=TODAY)
    detail = published_news_detail(
        seeded_session, _slug_of(seeded_session, news_id), today=TODAY, lang="en"
    )
    assert detail is not None
    meta = news_page_meta(detail, ORIGIN, "en")
    assert json.loads(meta.json_ld)["inLanguage"] == "en"
    assert meta.og_title == "Pupil exchange with Venlo"


def test_english_words_find_the_item_and_are_marked_in_the_english_card(
    seeded_session: Session,
) -> None:
    save_news(seeded_session, translated_form(), editor="anna", today=TODAY)
    page = published_news_page(seeded_session, NewsFilter(text="exchange"), today=TODAY, lang="en")
    (card,) = page.cards
    assert [part.text for part in card.title_parts if part.marked] == ["exchange"]


def test_the_open_data_api_names_each_texts_language(seeded_session: Session) -> None:
    news_id = save_news(seeded_session, translated_form(body_en=""), editor="anna", today=TODAY)
    slug = _slug_of(seeded_session, news_id)
    item = open_data.news_item(seeded_session, slug, today=TODAY, origin=ORIGIN, lang="en")
    assert item is not None
    assert (item.title, item.title_language) == ("Pupil exchange with Venlo", "en")
    assert (item.body_markdown, item.body_language) == ("Ein **schöner** Besuch.", "de")
    german = open_data.news_item(seeded_session, slug, today=TODAY, origin=ORIGIN)
    assert german is not None
    assert (german.title, german.title_language, german.teaser_language) == (
        "Schüleraustausch mit Venlo",
        "de",
        "de",
    )
