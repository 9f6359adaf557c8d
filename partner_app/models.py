"""The database schema in one place.

Plain ``sqlmodel.SQLModel`` tables (``rx.Model`` is deprecated). No table sets
``extend_existing``: every process imports this module once, by name (Reflex's
``get_app(reload=True)`` re-runs ``partner_app.py`` only), so a table defined twice
is a bug that should fail at import instead of merging into the first definition.

SQLModel declares ``__tablename__`` as a ``declared_attr``, so pyright rejects the plain
string every table sets (fastapi/sqlmodel#98, open); each assignment says so.
"""

import enum
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import JSON, Column, Field, Relationship, SQLModel


def utc_now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    SQLite keeps no time zone and hands back naive values; comparing those with
    aware ones fails. Stored as UTC, read back as aware UTC, on every database.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        """Convert to UTC before storing."""
        if value is None:
            return None
        if value.tzinfo is None:
            msg = "naive datetime given for a UTC column"
            raise ValueError(msg)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        """Mark values read back as UTC."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _timestamp() -> datetime:
    return Field(default_factory=utc_now, sa_type=UtcDateTime)


class DatePrecision(enum.StrEnum):
    """How much of a stored date is known (some partnerships only to the month)."""

    day = "day"
    month = "month"
    year = "year"


class PartnershipKind(enum.StrEnum):
    """The legal form of a partnership."""

    city = "city"
    district = "district"
    project = "project"


class ContactRole(enum.StrEnum):
    """What a contact person is reached for; visitors see it (a journalist looks for "press")."""

    partnership_office = "partnership_office"
    press = "press"


class PartnershipStatus(enum.StrEnum):
    """Whether a partnership is lived, asleep or put on hold."""

    active = "active"
    dormant = "dormant"
    suspended = "suspended"


class MessageTopic(enum.StrEnum):
    """What a citizen writes to the partnership office about."""

    general = "general"
    # Feedback on barriers, from the accessibility statement (required for NRW sites).
    accessibility = "accessibility"


class AuditAction(enum.StrEnum):
    """What an audit entry records; stored as this code, shown through the admin texts."""

    created = "created"
    changed = "changed"
    deleted = "deleted"
    published = "published"
    unpublished = "unpublished"
    done = "done"
    reopened = "reopened"
    # A reply to a message was started from the inbox (in the editor's mail program).
    answered = "answered"


class AuditEntity(enum.StrEnum):
    """What kind of record an audit entry is about."""

    news = "news"
    partnership = "partnership"
    contact = "contact"
    office = "office"
    intro = "intro"
    message = "message"


class NewsStatus(enum.StrEnum):
    """Editorial state of a news item."""

    draft = "draft"
    published = "published"


class NewsPartnershipLink(SQLModel, table=True):
    """Which partnerships a news item is about (many-to-many)."""

    __tablename__ = "news_partnership"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98
    # Covering index for the city filter: news ids of a partnership without touching rows.
    __table_args__ = (
        sa.Index("ix_news_partnership_partnership_news", "partnership_id", "news_id"),
    )

    news_id: int = Field(foreign_key="news_item.id", primary_key=True, ondelete="CASCADE")
    partnership_id: int = Field(foreign_key="partnership.id", primary_key=True, ondelete="CASCADE")


class NewsTopicLink(SQLModel, table=True):
    """Which topics a news item is filed under (many-to-many)."""

    __tablename__ = "news_topic"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98
    # Covering index for the topic filter.
    __table_args__ = (sa.Index("ix_news_topic_topic_news", "topic_id", "news_id"),)

    news_id: int = Field(foreign_key="news_item.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topic.id", primary_key=True, ondelete="CASCADE")


class Partnership(SQLModel, table=True):
    """A partner city, district or project partnership of Krefeld."""

    __tablename__ = "partnership"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    id: int | None = Field(default=None, primary_key=True)
    # Optimistic locking: a save names the version it started from (see services.versioning).
    version: int = Field(default=1)
    slug: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(max_length=120)
    # The English page's name where English differs ("Dunkirk"); "" means the same.
    name_en: str = Field(default="", max_length=120)
    native_name: str = Field(max_length=160)
    native_lang: str = Field(max_length=16)
    # ISO 3166-1 alpha-2; each language names it (services/countries.py).
    country_code: str = Field(max_length=2)
    region: str = Field(default="", max_length=120)
    since: date
    since_precision: DatePrecision = Field(default=DatePrecision.day)
    since_note: str = Field(default="", max_length=500)
    kind: PartnershipKind = Field(default=PartnershipKind.city)
    status: PartnershipStatus = Field(default=PartnershipStatus.active)
    status_note: str = Field(default="", max_length=500)
    description: str = Field(default="", sa_type=sa.Text)
    # Shown on the English page; without it the German description is shown there.
    description_en: str = Field(default="", sa_type=sa.Text)
    facts: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # More names its news are found by (other spellings, former names); the archive search
    # also finds them by name, native name, country and region (services/search_index.py).
    search_terms: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sort_order: int = Field(default=0)
    latitude: float
    longitude: float
    image_path: str = Field(default="", max_length=300)
    image_alt: str = Field(default="", max_length=300)
    image_caption: str = Field(default="", max_length=500)
    image_credit: str = Field(default="", max_length=200)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()

    news: list["NewsItem"] = Relationship(
        back_populates="partnerships", link_model=NewsPartnershipLink
    )


class Topic(SQLModel, table=True):
    """A subject area news items are filed under (Kultur, Jugend, ...)."""

    __tablename__ = "topic"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True, index=True)
    name: str = Field(max_length=60)
    sort_order: int = Field(default=0)

    news: list["NewsItem"] = Relationship(back_populates="topics", link_model=NewsTopicLink)


class NewsItem(SQLModel, table=True):
    """An item of the press archive."""

    __tablename__ = "news_item"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98
    __table_args__ = (sa.Index("ix_news_item_status_published_on", "status", "published_on"),)

    id: int | None = Field(default=None, primary_key=True)
    # Optimistic locking: a save names the version it started from (see services.versioning).
    version: int = Field(default=1)
    # Small columns that filters and sorting read come first: SQLite reads a row's columns
    # in order, and a long text before them would make every filter walk its overflow pages.
    status: NewsStatus = Field(default=NewsStatus.draft)
    published_on: date
    # Some archive dates are only known to the month or year; the day then only orders the list.
    published_precision: DatePrecision = Field(default=DatePrecision.day)
    slug: str = Field(max_length=120, unique=True, index=True)
    title: str = Field(max_length=200)
    teaser: str = Field(max_length=600)
    # The English versions; empty where the editors wrote none (the German text is shown).
    title_en: str = Field(default="", max_length=200)
    teaser_en: str = Field(default="", max_length=600)
    image_path: str = Field(default="", max_length=300)
    image_alt: str = Field(default="", max_length=300)
    image_caption: str = Field(default="", max_length=500)
    image_credit: str = Field(default="", max_length=200)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()
    body: str = Field(default="", sa_type=sa.Text)
    body_en: str = Field(default="", sa_type=sa.Text)
    # Lower-cased, accent-folded copy of the searchable text, kept by services.news_search.
    search_text: str = Field(default="", sa_type=sa.Text)

    partnerships: list["Partnership"] = Relationship(
        back_populates="news", link_model=NewsPartnershipLink
    )
    topics: list["Topic"] = Relationship(back_populates="news", link_model=NewsTopicLink)


class ContactPerson(SQLModel, table=True):
    """A person of the partnership office citizens can reach."""

    __tablename__ = "contact_person"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    id: int | None = Field(default=None, primary_key=True)
    # Optimistic locking: a save names the version it started from (see services.versioning).
    version: int = Field(default=1)
    name: str = Field(max_length=120)
    role: ContactRole = Field(default=ContactRole.partnership_office)
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=200)
    room: str = Field(default="", max_length=60)
    sort_order: int = Field(default=0)


class OfficeAddress(SQLModel, table=True):
    """The postal address of the partnership office (a single row)."""

    __tablename__ = "office_address"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    id: int | None = Field(default=None, primary_key=True)
    # Optimistic locking: a save names the version it started from (see services.versioning).
    version: int = Field(default=1)
    department: str = Field(max_length=160)
    street: str = Field(max_length=160)
    postal_code: str = Field(max_length=10)
    city: str = Field(max_length=80)


class PageIntro(SQLModel, table=True):
    """Title and introduction of the public page (a single row)."""

    __tablename__ = "page_intro"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    id: int | None = Field(default=None, primary_key=True)
    # Optimistic locking: a save names the version it started from (see services.versioning).
    version: int = Field(default=1)
    title: str = Field(max_length=160)
    heading: str = Field(max_length=160)
    # Paragraphs separated by blank lines.
    body: str = Field(sa_type=sa.Text)
    # The English page shows these; where one is empty, it shows the German text, marked.
    title_en: str = Field(default="", max_length=160)
    heading_en: str = Field(default="", max_length=160)
    body_en: str = Field(default="", sa_type=sa.Text)


class SeedRecord(SQLModel, table=True):
    """Remembers which default-content entries were loaded once.

    The loader never loads an entry twice, so content editors deleted or
    changed is never brought back or overwritten.
    """

    __tablename__ = "seed_record"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    key: str = Field(primary_key=True, max_length=160)
    loaded_at: datetime = _timestamp()


class Editor(SQLModel, table=True):
    """A person allowed to maintain the content (created on the command line only)."""

    __tablename__ = "editor"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, unique=True, index=True)
    password_hash: str = Field(max_length=200)
    is_active: bool = Field(default=True)
    created_at: datetime = _timestamp()
    password_changed_at: datetime = _timestamp()
    # Two-factor login (services/two_factor.py): the TOTP secret, encrypted with a key
    # derived from the app's secret key; set but not yet enabled while the editor enrols.
    totp_secret: str | None = Field(default=None, max_length=300)
    totp_enabled_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # The time step of the last code accepted: a code is good for one login only.
    totp_last_step: int | None = Field(default=None)


class RecoveryCode(SQLModel, table=True):
    """A one-time code for a login without the authenticator app; only its keyed hash is kept."""

    __tablename__ = "recovery_code"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    id: int | None = Field(default=None, primary_key=True)
    editor_id: int = Field(foreign_key="editor.id", index=True, ondelete="CASCADE")
    code_hash: str = Field(max_length=64)
    created_at: datetime = _timestamp()
    used_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class EditorSession(SQLModel, table=True):
    """A login. Only a hash of its token is stored; ending it sets ``ended_at``."""

    __tablename__ = "editor_session"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    editor_id: int = Field(foreign_key="editor.id", index=True, ondelete="CASCADE")
    created_at: datetime = _timestamp()
    last_seen_at: datetime = _timestamp()
    expires_at: datetime = Field(sa_type=UtcDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class LoginAttempt(SQLModel, table=True):
    """One login attempt, kept for throttling brute force per username and per client."""

    __tablename__ = "login_attempt"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98
    __table_args__ = (
        sa.Index("ix_login_attempt_username_at", "username", "attempted_at"),
        sa.Index("ix_login_attempt_client_at", "client", "attempted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60)
    client: str = Field(max_length=100)
    succeeded: bool
    attempted_at: datetime = _timestamp()


class AuditEntry(SQLModel, table=True):
    """Who created, changed or deleted what, and when."""

    __tablename__ = "audit_entry"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98
    __table_args__ = (sa.Index("ix_audit_entry_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _timestamp()
    editor_username: str = Field(max_length=60)
    # Stable codes (AuditAction, AuditEntity): the admin texts turn them into words.
    action: str = Field(max_length=20)
    entity_type: str = Field(max_length=40)
    entity_id: int | None = Field(default=None)
    entity_label: str = Field(default="", max_length=200)
    # Field name -> [old, new] for changes; the record's values for creations and deletions.
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class ContactMessage(SQLModel, table=True):
    """A message from the public to the partnership office, kept until an editor is done."""

    __tablename__ = "contact_message"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98
    __table_args__ = (
        sa.Index("ix_contact_message_done_received", "done", "received_at"),
        sa.Index("ix_contact_message_sender_received", "sender_key", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    received_at: datetime = _timestamp()
    topic: MessageTopic = Field(default=MessageTopic.general)
    name: str = Field(max_length=120)
    email: str = Field(max_length=200)
    # The address of the page the message refers to (accessibility feedback).
    page: str = Field(default="", max_length=300)
    # Pseudonymous key of the sender's network address, only for the rate limit.
    sender_key: str = Field(max_length=64)
    done: bool = Field(default=False)
    done_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    done_by: str = Field(default="", max_length=60)
    text: str = Field(sa_type=sa.Text)
    # When an editor first saw it in the inbox; until then it is new (counted in the navigation).
    read_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # The last reply an editor started from the inbox (its mail program sends it).
    answered_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    answered_by: str = Field(default="", max_length=60)


class FormDraft(SQLModel, table=True):
    """What an editor typed into a form and has not saved yet, kept while typing.

    One per editor and form (``news:12``, ``news:neu``, ``partnerschaft:3``); deleted by
    a save, by "Verwerfen", and 30 days after it was last written (``services/retention``).
    """

    __tablename__ = "form_draft"  # pyright: ignore[reportAssignmentType]  # sqlmodel#98
    __table_args__ = (sa.UniqueConstraint("editor", "form", name="uq_form_draft_editor_form"),)

    id: int | None = Field(default=None, primary_key=True)
    editor: str = Field(max_length=60)
    form: str = Field(max_length=80)
    # Field name -> value as typed (the browser's form data).
    fields: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    saved_at: datetime = _timestamp()


# The archive's full-text index follows every ORM write of news, partnerships and topics
# (a flush hook). Registered with the models, so no process can write them without it.
from partner_app.services import search_index as _search_index  # noqa: E402, F401
