import stat
from pathlib import Path

import pytest

from eom.core.settings import Settings


def test_default_database_is_a_sqlite_file_under_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.resolved_database_url == f"sqlite:///{tmp_path.resolve() / 'eom.sqlite3'}"


def test_settings_are_read_from_eom_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EOM_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("EOM_TOKEN_LIFETIME_MINUTES", "30")
    settings = Settings()
    assert settings.resolved_database_url == "postgresql+psycopg://u@h/db"
    assert settings.token_lifetime_minutes == 30


def test_unset_secret_key_is_created_once_private_and_reused(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path).resolved_secret_key()
    again = Settings(data_dir=tmp_path).resolved_secret_key()
    assert first == again and len(first) >= 48
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_the_audit_signing_key_and_checkpoints_live_under_the_data_dir_unless_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = Settings(data_dir=tmp_path)
    assert default.resolved_audit_key_file == tmp_path / "audit-signing-key"
    assert default.resolved_audit_checkpoints == tmp_path / "audit-checkpoints.jsonl"
    monkeypatch.setenv("EOM_AUDIT_KEY_FILE", "/etc/eom/audit-key")
    monkeypatch.setenv("EOM_AUDIT_CHECKPOINTS", "/srv/anchors/eom.jsonl")
    chosen = Settings(data_dir=tmp_path)
    assert chosen.resolved_audit_key_file == Path("/etc/eom/audit-key")
    assert chosen.resolved_audit_checkpoints == Path("/srv/anchors/eom.jsonl")


def test_cors_origins_are_none_by_default_and_read_comma_separated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings().cors_origins == []
    monkeypatch.setenv("EOM_CORS_ORIGINS", "https://field.example.org, http://localhost:5173/")
    assert Settings().cors_origins == ["https://field.example.org", "http://localhost:5173"]


@pytest.mark.parametrize("origin", ["field.example.org", "https://x.org/app", "ftp://x.org"])
def test_a_cors_origin_is_a_scheme_and_a_host_only(
    monkeypatch: pytest.MonkeyPatch, origin: str
) -> None:
    monkeypatch.setenv("EOM_CORS_ORIGINS", origin)
    with pytest.raises(ValueError, match="is not an origin"):
        Settings()
