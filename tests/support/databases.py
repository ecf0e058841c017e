"""Databases for tests (and benchmarks): new empty PostgreSQL databases on the local
server, the settings that point at a database, and emptying every table after a test."""

import os
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from eom.core.db import Database
from eom.core.settings import Settings
from eom.migrations.tables import metadata

POSTGRES_ADMIN_URL = os.environ.get(
    "EOM_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def postgres_or_skip() -> None:
    """Fail under CI, skip elsewhere, when the local PostgreSQL server does not answer."""
    try:
        psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        message = f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def create_postgres_database(prefix: str = "eom_test") -> str:
    """A new empty database on the local server, named ``prefix`` and a random suffix;
    returns its SQLAlchemy URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return f"{base}/{name}"


def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def settings_for(data_dir: Path, database_url: str | None, **overrides: object) -> Settings:
    """Settings for tests: cheap password hashing, a fixed secret, the given database, and
    no bound on expensive reads a minute (one app serves a whole session of tests, whose
    anonymous calls all count as one caller; tests/api/test_throttle.py sets its own)."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "secret_key": "test-secret-key",
        "argon2_time_cost": 1,
        "argon2_memory_kib": 1024,
        "sqlite_busy_timeout_ms": 10000,
        "expensive_reads_per_minute": 1_000_000,
    }
    values.update(overrides)
    return Settings.model_validate(values)


# What the migrations themselves store (version 1 of the code of conduct) stays.
_KEEP_MIGRATED_ROWS = {
    "conduct_version": "WHERE number > 1",
    "conduct_item": "WHERE version_id IS NULL"
    " OR version_id NOT IN (SELECT id FROM conduct_version WHERE number = 1)",
}


def empty_all_tables(database: Database) -> None:
    """Delete every row the test made, children first."""
    with database.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            where = _KEEP_MIGRATED_ROWS.get(table.name, "")
            connection.execute(text(f'DELETE FROM "{table.name}" {where}'))
