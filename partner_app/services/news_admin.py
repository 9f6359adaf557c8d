"""Editing news: list, create, change, publish/unpublish, delete — validated and logged.

Every change goes through :mod:`services.versioning` (version check, audit entry in
the same commit) and keeps the search column current.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, or_, select

from partner_app.models import (
    AuditAction,
    AuditEntity,
    DatePrecision,
    NewsItem,
    NewsStatus,
    Partnership,
    Topic,
    utc_now,
)
from partner_app.services import versioning
from partner_app.services.dates import format_date
from partner_app.services.field_specs import (
    FieldKind,
    FieldSpec,
    clean_fields,
    labels_of,
    with_column_limits,
)
from partner_app.services.news_search import refresh_search_text
from partner_app.services.slugs import unique_slug
from partner_app.services.text_folding import search_terms
from partner_app.services.versioning import History, Snapshot
from partner_app.texts_admin import (
    NEWS_FORM_DATE_HINT,
    NEWS_FORM_ENGLISH_HINT,
    NEWS_FORM_MARKDOWN_HINT,
    NEWS_STATUS_OPTIONS,
    PRECISION_OPTIONS,
)

# How far ahead an item can be scheduled.
LATEST_SCHEDULE = timedelta(days=2 * 366)
NEWS_FIELDS = with_column_limits(
    NewsItem,
    (
        FieldSpec("title", "Titel"),
        FieldSpec("teaser", "Kurztext", kind=FieldKind.textarea, rows=3),
        FieldSpec(
            "body",
            "Text",
            kind=FieldKind.textarea,
            required=False,
            max_length=20_000,
            hint=NEWS_FORM_MARKDOWN_HINT,
            rows=10,
        ),
        FieldSpec("title_en", "Titel (englisch)", required=False, hint=NEWS_FORM_ENGLISH_HINT),
        FieldSpec(
            "teaser_en",
            "Kurztext (englisch)",
            kind=FieldKind.textarea,
            required=False,
            rows=3,
        ),
        FieldSpec(
            "body_en",
            "Text (englisch)",
            kind=FieldKind.textarea,
            required=False,
            max_length=20_000,
            hint=NEWS_FORM_MARKDOWN_HINT,
            rows=6,
        ),
        FieldSpec(
            "published_on",
            "Veröffentlichungsdatum",
            kind=FieldKind.date,
            hint=NEWS_FORM_DATE_HINT,
            days_ahead=LATEST_SCHEDULE.days,
        ),
        FieldSpec(
            "published_precision",
            "Genauigkeit des Datums",
            kind=FieldKind.choice,
            choices=PRECISION_OPTIONS,
            enum_type=DatePrecision,
        ),
        FieldSpec(
            "status",
            "Status",
            kind=FieldKind.choice,
            choices=NEWS_STATUS_OPTIONS,
            enum_type=NewsStatus,
        ),
        FieldSpec("cities", "Partnerstädte", kind=FieldKind.choices, required=False),
        FieldSpec("topics", "Themen", kind=FieldKind.choices, required=False),
        FieldSpec("image_path", "Bild", kind=FieldKind.image, required=False),
        FieldSpec("image_alt", "Alternativtext des Bildes", required_with="image_path"),
        FieldSpec("image_caption", "Bildunterschrift", required=False),
        FieldSpec("image_credit", "Bildnachweis", required_with="image_path"),
    ),
)
FIELD_LABELS = labels_of(NEWS_FIELDS)
STATUS_LABELS = {NewsStatus(value): label for value, label in NEWS_STATUS_OPTIONS}


@dataclass
class NewsForm:
    """A news item as its form holds it: text as typed, dates as ISO strings."""

    title: str = ""
    teaser: str = ""
    body: str = ""
    title_en: str = ""
    teaser_en: str = ""
    body_en: str = ""
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


def changes_public_news(before_status: str | None, after_status: str | None) -> bool:
    """Whether a change from ``before_status`` to ``after_status`` changes what visitors see.

    ``None`` stands for "no item" (before a creation, after a deletion). A draft that stays
    a draft is the editors' business only: open public pages need not hear of it.
    """
    return NewsStatus.published.value in (before_status, after_status)


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
            date_label=format_date(item.published_on, item.published_precision),
            status=item.status.value,
            status_label=STATUS_LABELS[item.status],
            is_scheduled=item.status == NewsStatus.published and item.published_on > today,
        )
        for item in session.exec(query.limit(limit)).all()
    ]


def news_form(session: Session, news_id: int) -> tuple[NewsForm, Snapshot]:
    """The form of an existing item and the snapshot a later save is checked against."""
    news = versioning.fetch(session, NewsItem, news_id, for_update=False)
    form = _as_form(news)
    return form, Snapshot(dataclasses.asdict(form), news.version)


def save_news(
    session: Session,
    form: NewsForm,
    *,
    editor: str,
    today: date,
    news_id: int | None = None,
    opened: Snapshot | None = None,
) -> int:
    """Create (no ``news_id``) or update an item; returns its id.

    Raises ``ValidationError`` for bad input, ``EditConflictError`` when someone else
    changed what the form shows since it was ``opened``, ``RecordGoneError`` when the
    item was deleted.
    """
    values = _validated(session, form, today=today)
    if news_id is None:
        news = NewsItem(
            slug=unique_slug(
                values["title"], lambda slug: _slug_taken(session, slug), max_length=120
            ),
            title=values["title"],
            teaser=values["teaser"],
            published_on=values["published_on"],
        )
    else:
        news = versioning.fetch(session, NewsItem, news_id, for_update=True)
    saved = versioning.save(
        session,
        news,
        HISTORY,
        opened=opened,
        apply=lambda news: _apply(session, news, values),
        editor=editor,
    )
    assert saved.id is not None
    return saved.id


def set_news_status(session: Session, news_id: int, status: NewsStatus, *, editor: str) -> None:
    """Publish or unpublish an item (a version change like any other save)."""
    news = versioning.fetch(session, NewsItem, news_id, for_update=True)
    if news.status == status:
        return
    versioning.log(
        session,
        news,
        HISTORY,
        action=AuditAction.published if status == NewsStatus.published else AuditAction.unpublished,
        editor=editor,
        changes={"status": [news.status.value, status.value]},
    )
    news.status = status
    news.version += 1
    news.updated_at = utc_now()
    session.add(news)
    session.commit()


def delete_news(session: Session, news_id: int, *, editor: str) -> None:
    """Delete an item for good."""
    news = versioning.fetch(session, NewsItem, news_id, for_update=False)
    versioning.delete(session, news, HISTORY, editor=editor)


def _slug_taken(session: Session, slug: str) -> bool:
    return session.exec(select(NewsItem.id).where(NewsItem.slug == slug)).first() is not None


def _as_form(news: NewsItem) -> NewsForm:
    return NewsForm(
        title=news.title,
        teaser=news.teaser,
        body=news.body,
        title_en=news.title_en,
        teaser_en=news.teaser_en,
        body_en=news.body_en,
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


def _validated(session: Session, form: NewsForm, *, today: date) -> dict[str, Any]:
    return clean_fields(
        NEWS_FIELDS,
        dataclasses.asdict(form),
        today=today,
        allowed={
            "cities": set(session.exec(select(Partnership.slug)).all()),
            "topics": set(session.exec(select(Topic.slug)).all()),
        },
    )


def _apply(session: Session, news: NewsItem, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name not in {"cities", "topics"}:
            setattr(news, name, value)
    news.partnerships = list(
        session.exec(select(Partnership).where(col(Partnership.slug).in_(values["cities"]))).all()
    )
    news.topics = list(
        session.exec(select(Topic).where(col(Topic.slug).in_(values["topics"]))).all()
    )
    refresh_search_text(news)


HISTORY = History(
    entity=AuditEntity.news,
    labels=FIELD_LABELS,
    form_of=lambda news: dataclasses.asdict(_as_form(news)),
    title_of=lambda news: news.title,
)
