"""Editing news: list, create, change, publish/unpublish, delete — validated and logged.

Every change checks the version the form started from (see ``edit_conflicts``),
keeps the search column current and writes an audit entry in the same commit.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, col, or_, select

from partner_app.models import DatePrecision, NewsItem, NewsStatus, Partnership, Topic, utc_now
from partner_app.services import audit_log
from partner_app.services.edit_conflicts import EditConflictError, RecordGoneError, changed_fields
from partner_app.services.form_validation import FormChecker
from partner_app.services.german_dates import format_german_date
from partner_app.services.image_uploads import KNOWN_IMAGE_PATH, UNKNOWN_IMAGE_PATH
from partner_app.services.news_search import refresh_search_text
from partner_app.services.slugs import unique_slug
from partner_app.services.text_folding import search_terms
from partner_app.texts import NEWS_STATUS_OPTIONS

ENTITY = "Meldung"
LATEST_SCHEDULE = timedelta(days=2 * 366)
FIELD_LABELS = {
    "title": "Titel",
    "teaser": "Kurztext",
    "body": "Text",
    "published_on": "Veröffentlichungsdatum",
    "published_precision": "Genauigkeit des Datums",
    "status": "Status",
    "cities": "Partnerstädte",
    "topics": "Themen",
    "image_path": "Bild",
    "image_alt": "Alternativtext des Bildes",
    "image_caption": "Bildunterschrift",
    "image_credit": "Bildnachweis",
}
STATUS_LABELS = {NewsStatus(value): label for value, label in NEWS_STATUS_OPTIONS}


@dataclass
class NewsForm:
    """A news item as its form holds it: text as typed, dates as ISO strings."""

    title: str = ""
    teaser: str = ""
    body: str = ""
    published_on: str = ""
    published_precision: str = DatePrecision.day.value
    status: str = NewsStatus.draft.value
    cities: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    image_path: str = ""
    image_alt: str = ""
    image_caption: str = ""
    image_credit: str = ""


@dataclass(frozen=True)
class NewsAdminRow:
    """A line of the admin's news list."""

    id: int
    title: str
    date_label: str
    status: str
    status_label: str
    is_scheduled: bool


def empty_news_form(today: date) -> NewsForm:
    """A new item's form: a draft dated today."""
    return NewsForm(published_on=today.isoformat())


def news_admin_list(
    session: Session, *, text: str = "", status: str = "", today: date, limit: int = 200
) -> list[NewsAdminRow]:
    """All news, newest first, filtered by free text and status."""
    query = select(NewsItem).order_by(col(NewsItem.published_on).desc(), col(NewsItem.id).desc())
    if status in {item.value for item in NewsStatus}:
        query = query.where(NewsItem.status == NewsStatus(status))
    for term in search_terms(text[:100]):
        query = query.where(
            or_(
                col(NewsItem.search_text).contains(term, autoescape=True),
                col(NewsItem.slug).contains(term, autoescape=True),
            )
        )
    return [
        NewsAdminRow(
            id=item.id or 0,
            title=item.title,
            date_label=format_german_date(item.published_on, item.published_precision),
            status=item.status.value,
            status_label=STATUS_LABELS[item.status],
            is_scheduled=item.status == NewsStatus.published and item.published_on > today,
        )
        for item in session.exec(query.limit(limit)).all()
    ]


def news_form(session: Session, news_id: int) -> tuple[NewsForm, int]:
    """The form of an existing item and the version it shows."""
    news = _get(session, news_id)
    return _as_form(news), news.version


def save_news(
    session: Session,
    form: NewsForm,
    *,
    editor: str,
    today: date,
    news_id: int | None = None,
    base: NewsForm | None = None,
    base_version: int | None = None,
) -> int:
    """Create (no ``news_id``) or update an item; returns its id.

    Raises ``ValidationError`` for bad input, ``EditConflictError`` when the item was
    saved by someone else since ``base_version``, ``RecordGoneError`` when it was deleted.
    """
    cleaned = _validated(session, form, today=today)
    if news_id is None:
        news = NewsItem(
            slug=unique_slug(
                cleaned.title, lambda slug: _slug_taken(session, slug), max_length=120
            ),
            title=cleaned.title,
            teaser=cleaned.teaser,
            published_on=date.fromisoformat(cleaned.published_on),
        )
        session.add(news)
        action = "angelegt"
    else:
        news = _get(session, news_id, for_update=True)
        if base_version is not None and news.version != base_version:
            # A newer save that changed nothing this form shows cannot be overwritten.
            changes = changed_fields(
                dataclasses.asdict(base or NewsForm()),
                dataclasses.asdict(_as_form(news)),
                FIELD_LABELS,
            )
            if changes:
                raise EditConflictError(changes)
        action = "geändert"
    before = dataclasses.asdict(_as_form(news)) if news_id is not None else {}
    _apply(session, news, cleaned)
    after = dataclasses.asdict(_as_form(news))
    changes = {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }
    if news_id is not None:
        news.version += 1
    news.updated_at = utc_now()
    session.add(news)
    session.flush()
    audit_log.record(
        session,
        editor=editor,
        action=action,
        entity_type=ENTITY,
        entity_id=news.id,
        label=news.title,
        changes=changes,
    )
    session.commit()
    assert news.id is not None
    return news.id


def set_news_status(session: Session, news_id: int, status: NewsStatus, *, editor: str) -> None:
    """Publish or unpublish an item (a version change like any other save)."""
    news = _get(session, news_id, for_update=True)
    if news.status == status:
        return
    audit_log.record(
        session,
        editor=editor,
        action="veröffentlicht" if status == NewsStatus.published else "zurückgezogen",
        entity_type=ENTITY,
        entity_id=news.id,
        label=news.title,
        changes={"status": [news.status.value, status.value]},
    )
    news.status = status
    news.version += 1
    news.updated_at = utc_now()
    session.add(news)
    session.commit()


def delete_news(session: Session, news_id: int, *, editor: str) -> None:
    """Delete an item for good."""
    news = _get(session, news_id)
    audit_log.record(
        session,
        editor=editor,
        action="gelöscht",
        entity_type=ENTITY,
        entity_id=news.id,
        label=news.title,
        changes=dataclasses.asdict(_as_form(news)),
    )
    session.delete(news)
    session.commit()


def _get(session: Session, news_id: int, *, for_update: bool = False) -> NewsItem:
    # Saves lock the row (SELECT ... FOR UPDATE on PostgreSQL) until they commit, so two
    # workers cannot both pass the version check; SQLite has one writer at a time anyway.
    news = session.get(NewsItem, news_id, with_for_update=for_update)
    if news is None:
        raise RecordGoneError
    return news


def _slug_taken(session: Session, slug: str) -> bool:
    return session.exec(select(NewsItem.id).where(NewsItem.slug == slug)).first() is not None


def _as_form(news: NewsItem) -> NewsForm:
    return NewsForm(
        title=news.title,
        teaser=news.teaser,
        body=news.body,
        published_on=news.published_on.isoformat(),
        published_precision=news.published_precision.value,
        status=news.status.value,
        cities=sorted(partnership.slug for partnership in news.partnerships),
        topics=sorted(topic.slug for topic in news.topics),
        image_path=news.image_path,
        image_alt=news.image_alt,
        image_caption=news.image_caption,
        image_credit=news.image_credit,
    )


def _validated(session: Session, form: NewsForm, *, today: date) -> NewsForm:
    check = FormChecker()
    city_slugs = set(session.exec(select(Partnership.slug)).all())
    topic_slugs = set(session.exec(select(Topic.slug)).all())
    has_image = bool(form.image_path.strip())
    cleaned = NewsForm(
        title=check.text("title", form.title, max_length=200),
        teaser=check.text("teaser", form.teaser, max_length=600),
        body=check.text("body", form.body, max_length=20_000, required=False),
        published_on=form.published_on.strip(),
        published_precision=check.choice(
            "published_precision", form.published_precision, {p.value for p in DatePrecision}
        ),
        status=check.choice("status", form.status, {s.value for s in NewsStatus}),
        cities=check.choices("cities", form.cities, city_slugs),
        topics=check.choices("topics", form.topics, topic_slugs),
        image_path=check.text("image_path", form.image_path, max_length=300, required=False),
        image_alt=check.text("image_alt", form.image_alt, max_length=300, required=has_image),
        image_caption=check.text(
            "image_caption", form.image_caption, max_length=500, required=False
        ),
        image_credit=check.text(
            "image_credit", form.image_credit, max_length=200, required=has_image
        ),
    )
    check.plausible_date("published_on", form.published_on, latest=today + LATEST_SCHEDULE)
    if cleaned.image_path:
        check.pattern("image_path", cleaned.image_path, KNOWN_IMAGE_PATH, UNKNOWN_IMAGE_PATH)
    check.raise_if_any()
    return cleaned


def _apply(session: Session, news: NewsItem, cleaned: NewsForm) -> None:
    news.title = cleaned.title
    news.teaser = cleaned.teaser
    news.body = cleaned.body
    news.published_on = date.fromisoformat(cleaned.published_on)
    news.published_precision = DatePrecision(cleaned.published_precision)
    news.status = NewsStatus(cleaned.status)
    news.image_path = cleaned.image_path
    news.image_alt = cleaned.image_alt
    news.image_caption = cleaned.image_caption
    news.image_credit = cleaned.image_credit
    news.partnerships = list(
        session.exec(select(Partnership).where(col(Partnership.slug).in_(cleaned.cities))).all()
    )
    news.topics = list(session.exec(select(Topic).where(col(Topic.slug).in_(cleaned.topics))).all())
    refresh_search_text(news)
