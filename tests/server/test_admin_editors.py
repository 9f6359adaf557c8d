"""The admin's editors and lists as the server runs them: load, save, refuse, conflict, delete.

The browser suite drives the same flows through the page; these tests pin what the
states decide (the message, the redirect, the focus, what the database holds).
"""

import dataclasses
import os
from io import BytesIO
from pathlib import Path

import pytest
import reflex as rx
from PIL import Image
from reflex.state import State
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from partner_app.models import AuditEntry, ContactPerson, NewsItem, Partnership
from partner_app.services.image_uploads import MEGABYTE
from partner_app.state import admin_news_editor, admin_news_list
from partner_app.state.admin_content import AdminContentState
from partner_app.state.admin_news_editor import AdminNewsEditorState
from partner_app.state.admin_news_list import AdminNewsListState
from partner_app.state.admin_record_editor import AdminRecordEditorState
from partner_app.state.admin_session import AdminSessionState
from tests.server.conftest import EDITOR, browse_to, call, sign_in, substate


@pytest.fixture
def editor_tab(root_state: State, app_engine: Engine) -> State:
    """A tab signed in as the editor."""
    sign_in(root_state, app_engine)
    auth = substate(root_state, AdminSessionState)
    assert call(auth, "open_login") is not None  # signed in: the login page sends it on
    assert auth.username == EDITOR
    return root_state


@pytest.fixture
def announcements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The live-news announcements the handlers make (there are no public pages here)."""
    made: list[str] = []

    async def announce(state: rx.State) -> None:
        made.append(type(state).__name__)

    for module in (admin_news_editor, admin_news_list):
        monkeypatch.setattr(module, "announce_news_change", announce)
    return made


def redirect_target(result: object) -> str:
    assert isinstance(result, rx.event.EventSpec), result
    return str(result.args)


def venlo_id(engine: Engine) -> int:
    with Session(engine) as session:
        venlo = session.exec(select(Partnership).where(Partnership.slug == "venlo")).one()
        assert venlo.id is not None
        return venlo.id


def open_record(tab: State, type_key: str, record_id: int | None = None) -> AdminRecordEditorState:
    query = f"typ={type_key}" + (f"&id={record_id}" if record_id else "")
    browse_to(tab, f"/admin/inhalte/bearbeiten?{query}")
    editor = substate(tab, AdminRecordEditorState)
    assert call(editor, "load") is None
    return editor


def test_a_record_opens_with_its_values_and_its_version(
    editor_tab: State, app_engine: Engine
) -> None:
    editor = open_record(editor_tab, "partnerschaft", venlo_id(app_engine))
    assert editor.type_label == "Partnerschaft"
    assert editor.values["name"] == "Venlo"
    assert editor._opened.version == 1
    assert editor._opened.values["name"] == "Venlo"


def test_an_unknown_record_type_goes_back_to_the_overview(editor_tab: State) -> None:
    browse_to(editor_tab, "/admin/inhalte/bearbeiten?typ=erfunden&id=1")
    editor = substate(editor_tab, AdminRecordEditorState)
    assert "/admin/inhalte" in redirect_target(call(editor, "load"))


def test_a_refused_save_keeps_the_input_and_focuses_the_first_bad_field(
    editor_tab: State, app_engine: Engine
) -> None:
    editor = open_record(editor_tab, "partnerschaft", venlo_id(app_engine))
    typed = {**editor.values, "native_lang": "Niederländisch", "latitude": "123,4"}
    result = call(editor, "save", typed)
    assert set(editor.errors) == {"native_lang", "latitude"}
    assert editor.message == "Bitte prüfen Sie die markierten Felder."
    assert editor.values["native_lang"] == "Niederländisch"
    # The form's order: the language code comes before the latitude.
    assert isinstance(result, rx.event.EventSpec)
    assert "native_lang" in str(result.args)
    with Session(app_engine) as session:
        assert session.exec(select(AuditEntry)).all() == []


def test_a_save_over_a_newer_version_reports_what_the_other_changed(
    editor_tab: State, app_engine: Engine
) -> None:
    editor = open_record(editor_tab, "partnerschaft", venlo_id(app_engine))
    with app_engine.begin() as connection:
        connection.execute(
            update(Partnership)
            .where(col(Partnership.slug) == "venlo")
            .values(region="Noord-Limburg", version=Partnership.version + 1)
        )
    call(editor, "save", {**editor.values, "name_en": "Venlo (NL)"})
    assert editor.conflict == {"Region": "Noord-Limburg"}
    assert editor.errors == {}

    assert call(editor, "reload_current") is None
    assert editor.values["region"] == "Noord-Limburg"
    assert editor.conflict == {}
    assert editor.message == "Die aktuelle Fassung wurde geladen."
    call(editor, "save", {**editor.values, "name_en": "Venlo (NL)"})
    assert editor.message == "Gespeichert."


def test_a_new_contact_moves_to_its_own_address_after_saving(
    editor_tab: State, app_engine: Engine
) -> None:
    editor = open_record(editor_tab, "kontakt")
    assert editor.record_id == 0
    result = call(
        editor,
        "save",
        {
            "name": "Erika Beispiel",
            "role": "press",
            "phone": "0 21 51 / 86-1000",
            "email": "erika.beispiel@krefeld.de",
            "room": "",
            "sort_order": "5",
        },
    )
    assert editor.record_id > 0
    assert f"typ=kontakt&id={editor.record_id}" in redirect_target(result)
    assert editor.message == "Gespeichert."
    assert editor._opened.version == 1


class UnreadableFile(BytesIO):
    """An upload whose bytes must not be needed."""

    def read(self, size: int | None = -1, /) -> bytes:
        raise AssertionError("the upload was read")


def phone_photo(size_in_mb: float) -> bytes:
    """A JPEG of about ``size_in_mb``, as detailed as a photo straight from a phone."""
    width, height = 4000, 3000
    pixels = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    for quality in (90, 95, 97, 99):
        buffer = BytesIO()
        pixels.save(buffer, format="JPEG", quality=quality)
        if len(buffer.getvalue()) >= size_in_mb * MEGABYTE:
            return buffer.getvalue()
    raise AssertionError("no JPEG that large")


def test_a_13_mb_phone_photo_is_stored_and_shown_in_the_form(
    editor_tab: State, app_engine: Engine, tmp_path: Path
) -> None:
    editor = open_record(editor_tab, "partnerschaft", venlo_id(app_engine))
    photo = phone_photo(13.6)
    upload = rx.UploadFile(file=BytesIO(photo), path=Path("IMG_2025.jpg"), size=len(photo))

    call(editor, "upload_image", [upload])

    assert editor.upload_error == ""
    path = editor.values["image_path"]
    assert path.startswith("_upload/partnerschaft/")
    assert (tmp_path / "uploads" / path.removeprefix("_upload/")).is_file()


def test_an_upload_over_the_limit_is_refused_by_its_size_without_reading_it(
    editor_tab: State, app_engine: Engine, tmp_path: Path
) -> None:
    editor = open_record(editor_tab, "partnerschaft", venlo_id(app_engine))
    before = editor.values["image_path"]
    upload = rx.UploadFile(file=UnreadableFile(), path=Path("IMG_2025.jpg"), size=25 * MEGABYTE)

    call(editor, "upload_image", [upload])

    assert editor.upload_error == "Das Bild ist zu groß (25,0 MB). Erlaubt sind höchstens 20 MB."
    assert editor.values["image_path"] == before
    assert not list((tmp_path / "uploads").rglob("*.webp"))


def test_a_file_the_browser_refused_is_explained_and_the_form_stays(
    editor_tab: State, app_engine: Engine
) -> None:
    editor = open_record(editor_tab, "partnerschaft", venlo_id(app_engine))
    editor.values = {**editor.values, "image_path": "_upload/partnerschaft/bild.webp"}
    form_key = editor.form_key
    refused = [
        {
            "file": {"name": "IMG_2025.jpg", "size": int(23.4 * MEGABYTE), "type": "image/jpeg"},
            "errors": [{"code": "file-too-large"}],
        }
    ]

    assert call(editor, "refuse_image", refused) is None

    assert editor.upload_error == "Das Bild ist zu groß (23,4 MB). Erlaubt sind höchstens 20 MB."
    # The form is not re-created (what was typed stays) and keeps its image.
    assert editor.form_key == form_key
    assert editor.values["image_path"] == "_upload/partnerschaft/bild.webp"


def test_removing_the_image_empties_its_field_until_the_next_save(
    editor_tab: State, app_engine: Engine
) -> None:
    editor = open_record(editor_tab, "partnerschaft", venlo_id(app_engine))
    editor.upload_error = "Die Datei ist leer."
    editor.values = {**editor.values, "image_path": "_upload/partnerschaft/bild.webp"}
    call(editor, "remove_image")
    assert editor.values["image_path"] == ""
    assert editor.upload_error == ""


def test_a_news_item_saves_announces_and_reports(
    editor_tab: State, app_engine: Engine, announcements: list[str]
) -> None:
    with Session(app_engine) as session:
        news = session.exec(select(NewsItem).order_by(col(NewsItem.id))).first()
        assert news is not None
        assert news.id is not None
        news_id, title = news.id, news.title
    browse_to(editor_tab, f"/admin/nachrichten/bearbeiten?id={news_id}")
    editor = substate(editor_tab, AdminNewsEditorState)
    call(editor, "load")
    assert editor.form.title == title
    submitted = {
        "title": title + " (ergänzt)",
        "teaser": editor.form.teaser,
        "body": editor.form.body,
        "published_on": editor.form.published_on,
        "published_precision": editor.form.published_precision,
        "status": editor.form.status,
        "image_path": editor.form.image_path,
        "image_alt": editor.form.image_alt,
        "image_caption": editor.form.image_caption,
        "image_credit": editor.form.image_credit,
        **{f"stadt__{slug}": "on" for slug in editor.form.cities},
        **{f"thema__{slug}": "on" for slug in editor.form.topics},
    }
    assert call(editor, "save", submitted) is None  # an existing item stays where it is
    assert editor.message == "Die Meldung wurde gespeichert."
    assert editor.form.title == title + " (ergänzt)"
    assert announcements == ["AdminNewsEditorState"]

    refused = call(editor, "save", {**submitted, "title": "", "published_on": "1850-01-01"})
    assert set(editor.errors) == {"title", "published_on"}
    assert isinstance(refused, rx.event.EventSpec)
    assert "title" in str(refused.args)
    assert announcements == ["AdminNewsEditorState"]


def test_deleting_asks_first_and_names_what_it_deleted(
    editor_tab: State, app_engine: Engine, announcements: list[str]
) -> None:
    news_list = substate(editor_tab, AdminNewsListState)
    call(news_list, "load")
    first = news_list.rows[0]
    call(news_list, "ask_delete", first.id)
    assert (news_list.confirm_delete_id, news_list.confirm_delete_label) == (first.id, first.title)
    call(news_list, "cancel_delete")
    assert (news_list.confirm_delete_id, news_list.confirm_delete_label) == (0, "")

    call(news_list, "ask_delete", first.id)
    call(news_list, "confirm_delete")
    assert news_list.message == f"„{first.title}“ wurde gelöscht."
    assert first.id not in {row.id for row in news_list.rows}
    assert announcements == ["AdminNewsListState"]
    with Session(app_engine) as session:
        assert session.get(NewsItem, first.id) is None


def test_a_contact_deleted_meanwhile_is_reported_as_gone(
    editor_tab: State, app_engine: Engine
) -> None:
    content = substate(editor_tab, AdminContentState)
    call(content, "load")
    contact = content.contacts[0]
    call(content, "ask_delete", contact.id)
    with Session(app_engine) as session:
        gone = session.get(ContactPerson, contact.id)
        session.delete(gone)
        session.commit()
    call(content, "confirm_delete")
    assert content.message == "Diesen Kontakt gibt es nicht mehr."
    assert content.confirm_delete_id == 0
    assert contact.id not in {row.id for row in content.contacts}


def test_saving_or_deleting_a_draft_tells_no_public_page(
    editor_tab: State, app_engine: Engine, announcements: list[str]
) -> None:
    browse_to(editor_tab, "/admin/nachrichten/bearbeiten")
    editor = substate(editor_tab, AdminNewsEditorState)
    call(editor, "load")
    draft = {"title": "Nur ein Entwurf", "teaser": "Noch intern.", "status": "draft"}
    created = call(editor, "save", {**dataclasses.asdict(editor.form), **draft})
    assert isinstance(created, rx.event.EventSpec)  # a new item moves to its own address
    browse_to(editor_tab, f"/admin/nachrichten/bearbeiten?id={editor.news_id}")
    call(editor, "load")
    call(editor, "save", {**dataclasses.asdict(editor.form), "teaser": "Noch immer intern."})
    assert editor.message == "Die Meldung wurde gespeichert."
    news_list = substate(editor_tab, AdminNewsListState)
    call(news_list, "load")
    call(news_list, "ask_delete", editor.news_id)
    call(news_list, "confirm_delete")
    assert announcements == []

    # Publishing it is public: that is announced.
    call(editor, "load")
    browse_to(editor_tab, "/admin/nachrichten/bearbeiten")
    call(editor, "load")
    call(editor, "save", {**dataclasses.asdict(editor.form), **draft, "status": "published"})
    assert announcements == ["AdminNewsEditorState"]
