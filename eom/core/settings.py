"""Settings read from the environment (prefix ``EOM_``), built only when asked for."""

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# A scheme, a host and maybe a port: what a browser sends as ``Origin`` (no path).
ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?/?")


class Settings(BaseSettings):
    """Everything the server, the CLI and the tests configure."""

    model_config = SettingsConfigDict(env_prefix="EOM_", env_file=None, extra="ignore")

    data_dir: Path = Path("./data")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; a SQLite file under data_dir when unset"
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs CSRF tokens; when unset, a random key kept in data_dir/secret_key",
    )
    token_lifetime_minutes: int = Field(default=720, ge=1)
    session_idle_minutes: int = Field(
        default=30, ge=1, description="a web session unused this long ends (pages only)"
    )
    device_token_lifetime_hours: int = Field(
        default=36, ge=1, description="a phone's session for field work, refreshed while online"
    )
    login_max_failures: int = Field(default=5, ge=1, description="failures before slowing down")
    login_lockout_seconds: int = Field(default=30, ge=1, description="first wait; doubles")
    login_lockout_max_seconds: int = Field(default=900, ge=1)
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    db_pool_size: int = Field(default=8, ge=1)
    db_pool_timeout_seconds: float = Field(default=30, gt=0, description="wait for a connection")
    argon2_time_cost: int = Field(default=2, ge=1)
    argon2_memory_kib: int = Field(default=19456, ge=8)
    cookie_secure: bool = Field(default=False, description="send cookies over HTTPS only")
    public_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s/]+(/[^\s]*)?$",
        description="the site's address in links sent by email, e.g. https://eom.example.org",
    )
    smtp_host: str | None = Field(default=None, description="no email is sent when unset")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = Field(default=None, description="the sender, e.g. EOM <eom@x.org>")
    smtp_starttls: bool = Field(default=True, description="upgrade the connection with TLS")
    max_json_bytes: int = Field(
        default=5_000_000, ge=1024, description="the largest JSON or form body taken (413 past it)"
    )
    max_csv_bytes: int = Field(
        default=21_000_000,
        ge=1024,
        description="the largest CSV import taken: a 20 MB file and the form around it",
    )
    max_photo_bytes: int = Field(
        default=6_000_000,
        ge=1024,
        description="the largest photo upload taken: a 5 MiB picture and the form around it",
    )
    freeze_at_startup: bool = Field(
        default=False,
        description="once the app has started and loaded what every request reads, put it "
        "out of the garbage collector's reach (gc.freeze), so that no request waits for a "
        "full collection; `eom serve` turns it on",
    )
    expensive_reads_at_once: int = Field(
        default=2, ge=1, description="PDFs, exports and IATI files one caller may be sent at once"
    )
    expensive_reads_per_minute: int = Field(
        default=30, ge=1, description="PDFs, exports and IATI files one caller may ask in a minute"
    )
    bench_endpoints: bool = Field(
        default=False,
        description="serve the bare insert endpoint used by bench/ (never in production)",
    )
    log_format: Literal["text", "json"] = Field(
        default="text", description="text lines for people, JSON lines for a log collector"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    audit_key_file: Path | None = Field(
        default=None,
        description="the Ed25519 key that signs audit checkpoints; data_dir/audit-signing-key",
    )
    audit_public_key: Path | None = Field(
        default=None,
        description="the public key that checks them, for a server that holds no signing key",
    )
    audit_checkpoints: Path | None = Field(
        default=None, description="the signed checkpoints; data_dir/audit-checkpoints.jsonl"
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="origins (https://field.example.org, comma-separated) whose pages may "
        "call the API from a browser; none by default",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins_by_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins_only(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            if origin != "*" and not ORIGIN.fullmatch(origin):
                raise ValueError(f"{origin!r} is not an origin such as https://field.example.org")
        return [origin.rstrip("/") for origin in origins]

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_in_capitals(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or the default SQLite file under ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'eom.sqlite3').resolve()}"

    @property
    def resolved_audit_key_file(self) -> Path:
        """Where the key that signs the audit log's checkpoints is kept (never the database)."""
        return self.audit_key_file or self.data_dir / "audit-signing-key"

    @property
    def resolved_audit_checkpoints(self) -> Path:
        """The file the audit log's signed checkpoints are appended to."""
        return self.audit_checkpoints or self.data_dir / "audit-checkpoints.jsonl"

    def resolved_secret_key(self) -> str:
        """The configured key, or one created once and kept beside the default database."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.data_dir / "secret_key"
        if not path.exists():
            import secrets

            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(48))
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings()
