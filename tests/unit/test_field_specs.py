"""Field specs: limits from the columns, one check per kind, choices from the caller."""

from datetime import date

import pytest

from partner_app.models import NewsItem, NewsStatus
from partner_app.services.content_types import RECORD_TYPES
from partner_app.services.field_specs import (
    FieldKind,
    FieldSpec,
    clean_fields,
    with_column_limits,
)
from partner_app.services.form_validation import ValidationError
from partner_app.services.news_admin import NEWS_FIELDS

TODAY = date(2026, 12, 2)


def test_open_text_limits_come_from_the_columns() -> None:
    (title, teaser) = with_column_limits(
        NewsItem, (FieldSpec("title", "Titel"), FieldSpec("teaser", "Kurztext", max_length=50))
    )
    assert title.max_length == 200  # NewsItem.title's column
    assert teaser.max_length == 50  # a tighter limit of the spec stays


def test_a_text_column_without_length_needs_a_limit_in_the_spec() -> None:
    with pytest.raises(ValueError, match="body has no column length"):
        with_column_limits(NewsItem, (FieldSpec("body", "Text", kind=FieldKind.textarea),))


def test_every_admin_text_field_has_a_limit() -> None:
    for fields in [NEWS_FIELDS, *(record_type.fields for record_type in RECORD_TYPES.values())]:
        for spec in fields:
            if spec.kind in {FieldKind.text, FieldKind.textarea, FieldKind.image}:
                assert spec.limit > 0, spec.name


def test_choices_accept_only_what_the_caller_allows() -> None:
    fields = (FieldSpec("cities", "Partnerstädte", kind=FieldKind.choices, required=False),)
    assert clean_fields(
        fields, {"cities": ["venlo"]}, today=TODAY, allowed={"cities": {"venlo", "leiden"}}
    ) == {"cities": ["venlo"]}
    with pytest.raises(ValidationError) as refused:
        clean_fields(fields, {"cities": ["atlantis"]}, today=TODAY, allowed={"cities": {"venlo"}})
    assert "cities" in refused.value.errors


def test_dates_may_lie_ahead_only_as_far_as_the_spec_allows() -> None:
    scheduled = (FieldSpec("on", "Datum", kind=FieldKind.date, days_ahead=30),)
    history = (FieldSpec("on", "Datum", kind=FieldKind.date),)
    assert clean_fields(scheduled, {"on": "2026-12-20"}, today=TODAY) == {"on": date(2026, 12, 20)}
    with pytest.raises(ValidationError):
        clean_fields(history, {"on": "2026-12-20"}, today=TODAY)


def test_a_choice_becomes_its_enum_and_required_with_follows_the_partner_field() -> None:
    fields = (
        FieldSpec(
            "status",
            "Status",
            kind=FieldKind.choice,
            choices=(("draft", "Entwurf"), ("published", "veröffentlicht")),
            enum_type=NewsStatus,
        ),
        FieldSpec("image_path", "Bild", kind=FieldKind.image, required=False, max_length=300),
        FieldSpec("image_alt", "Alternativtext", required_with="image_path", max_length=300),
    )
    values = clean_fields(fields, {"status": "draft", "image_path": ""}, today=TODAY)
    assert values == {"status": NewsStatus.draft, "image_path": "", "image_alt": ""}
    with pytest.raises(ValidationError) as refused:
        clean_fields(
            fields, {"status": "draft", "image_path": "platzhalter/venlo.webp"}, today=TODAY
        )
    assert set(refused.value.errors) >= {"image_alt"}
