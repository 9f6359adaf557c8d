"""Small builders of test records."""

from datetime import date

from sqlmodel import Session, col, select

from partner_app.models import (
    DatePrecision,
    NewsItem,
    NewsStatus,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Topic,
)
from partner_app.services.news_search import refresh_search_text


def add_partnership(session: Session, slug: str, name: str, since: date) -> Partnership:
    """Add a minimal active city partnership."""
    partnership = Partnership(
        slug=slug,
        name=name,
        native_name=name,
        native_lang="de",
        country_code="NL",
        since=since,
        kind=PartnershipKind.city,
        status=PartnershipStatus.active,
        latitude=0.0,
        longitude=0.0,
    )
    session.add(partnership)
    session.flush()
    return partnership


def add_topic(session: Session, slug: str, name: str) -> Topic:
    """Add a topic."""
    topic = Topic(slug=slug, name=name)
    session.add(topic)
    session.flush()
    return topic


def add_news(
    session: Session,
    slug: str,
    *,
    published_on: date,
    title: str = "",
    teaser: str = "Kurztext",
    body: str = "",
    status: NewsStatus = NewsStatus.published,
    precision: DatePrecision = DatePrecision.day,
    cities: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
) -> NewsItem:
    """Add a news item linked to existing partnerships and topics by slug."""
    news = NewsItem(
        slug=slug,
        title=title or slug,
        teaser=teaser,
        body=body,
        published_on=published_on,
        published_precision=precision,
        status=status,
        partnerships=list(
            session.exec(select(Partnership).where(col(Partnership.slug).in_(cities))).all()
        ),
        topics=list(session.exec(select(Topic).where(col(Topic.slug).in_(topics))).all()),
    )
    refresh_search_text(news)
    session.add(news)
    session.flush()
    return news
