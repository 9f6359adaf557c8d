"""Keeping a news item's folded search column up to date."""

from partner_app.models import NewsItem
from partner_app.services.text_folding import searchable_text


def refresh_search_text(news: NewsItem) -> None:
    """Recompute ``news.search_text`` from its texts, cities and topics.

    Call it whenever any of those change. The admin's news list searches this column (it
    finds drafts too); the public archive has its full-text index (``search_index``).
    """
    news.search_text = searchable_text(
        news.title,
        news.teaser,
        news.body,
        news.title_en,
        news.teaser_en,
        news.body_en,
        news.image_caption,
        *(partnership.name for partnership in news.partnerships),
        *(partnership.native_name for partnership in news.partnerships),
        *(topic.name for topic in news.topics),
    )
