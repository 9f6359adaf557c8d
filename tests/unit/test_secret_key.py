"""The app's secret key: from the environment, or generated once into the data folder."""

import stat
from pathlib import Path

import pytest

from partner_app import settings

CONFIGURED = "ein-konfigurierter-schluessel-mit-genug-zeichen"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder and no configured key."""
    monkeypatch.delenv(settings.SECRET_KEY_VARIABLE, raising=False)
    monkeypatch.setenv(settings.DATA_DIR_VARIABLE, str(tmp_path / "daten"))
    return tmp_path / "daten"


def test_the_configured_key_is_used(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.SECRET_KEY_VARIABLE, f"  {CONFIGURED}\n")
    assert settings.secret_key() == CONFIGURED.encode()
    assert not (data_dir / settings.SECRET_KEY_FILE).exists()


def test_a_short_configured_key_is_refused_with_advice(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.SECRET_KEY_VARIABLE, "geheim")
    with pytest.raises(settings.SecretKeyError, match="mindestens 32 Zeichen"):
        settings.secret_key()


def test_without_configuration_a_random_key_is_stored_once_for_the_owner_only(
    data_dir: Path,
) -> None:
    key = settings.secret_key()
    stored = data_dir / settings.SECRET_KEY_FILE

    assert len(key) >= settings.MIN_SECRET_KEY_LENGTH
    assert stored.read_text().strip().encode() == key
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert [path.name for path in data_dir.iterdir()] == [settings.SECRET_KEY_FILE]
    # A restart (a new process, so nothing cached) reads the same key again.
    settings._stored_secret.cache_clear()
    assert settings.secret_key() == key


def test_each_data_folder_has_its_own_key(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = settings.secret_key()
    monkeypatch.setenv(settings.DATA_DIR_VARIABLE, str(tmp_path / "andere"))
    assert settings.secret_key() != first


def test_a_key_another_worker_stored_first_is_kept(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / settings.SECRET_KEY_FILE).write_text("x" * 40 + "\n")
    assert settings.secret_key() == b"x" * 40


def test_an_empty_key_file_is_reported(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / settings.SECRET_KEY_FILE).write_text("")
    with pytest.raises(settings.SecretKeyError, match="leer oder zu kurz"):
        settings.secret_key()


def test_the_data_folder_defaults_to_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.DATA_DIR_VARIABLE, raising=False)
    assert settings.data_dir() == settings.PROJECT_DIR / "data"


def test_two_workers_starting_at_once_agree_on_the_first_key(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_link = settings.os.link

    def other_worker_links_first(source: Path, target: Path) -> None:
        Path(target).write_text("y" * 40 + "\n")
        real_link(source, target)

    monkeypatch.setattr(settings.os, "link", other_worker_links_first)
    assert settings.secret_key() == b"y" * 40
    # The loser's draft is gone.
    assert [path.name for path in data_dir.iterdir()] == [settings.SECRET_KEY_FILE]
