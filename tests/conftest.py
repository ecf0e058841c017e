"""Test fixtures: one database per run (SQLite or PostgreSQL), emptied after every test.

Choose the database with ``--db sqlite|postgresql`` (or ``EOM_TEST_DB``). PostgreSQL
runs create a fresh database on the local server and drop it at the end; under CI an
unreachable server fails the run instead of skipping it.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

# eom.models cannot import the domains above eom: their tables join the metadata here, so
# that tests empty them and compare them with the migrations.
import recommendations.models  # noqa: F401
from api.app import create_app
from eom import migrate
from eom.db import Database
from eom.models import metadata
from eom.security import make_password_hasher
from eom.settings import Settings

POSTGRES_ADMIN_URL = os.environ.get(
    "EOM_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=["sqlite", "postgresql"],
        default=os.environ.get("EOM_TEST_DB", "sqlite"),
        help="which database the suite runs on",
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


def create_postgres_database() -> str:
    """A new empty database on the local server; returns its SQLAlchemy URL."""
    postgres_or_skip()
    name = f"eom_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return f"{base}/{name}"


def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def db_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.config.getoption("--db")
    return kind


def settings_for(data_dir: Path, database_url: str | None, **overrides: object) -> Settings:
    """Settings for tests: cheap password hashing, a fixed secret, the given database."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "secret_key": "test-secret-key",
        "argon2_time_cost": 1,
        "argon2_memory_kib": 1024,
        "sqlite_busy_timeout_ms": 10000,
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture(scope="session")
def fresh_database_url(db_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """A factory of new empty databases of the chosen kind, all dropped at the end."""
    made: list[str] = []

    def make() -> str:
        if db_kind == "postgresql":
            url = create_postgres_database()
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'eom.sqlite3'}"
        made.append(url)
        return url

    yield make
    for url in made:
        if url.startswith("postgresql"):
            drop_postgres_database(url)


@pytest.fixture(scope="session")
def settings(fresh_database_url, tmp_path_factory: pytest.TempPathFactory) -> Settings:  # type: ignore[no-untyped-def]
    return settings_for(tmp_path_factory.mktemp("data"), fresh_database_url())


@pytest.fixture(scope="session")
def migrated_db(settings: Settings) -> Iterator[Database]:
    database = Database(settings)
    migrate.upgrade(database.engine)
    yield database
    database.dispose()


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


@pytest.fixture
def db(migrated_db: Database) -> Iterator[Database]:
    """The migrated test database, emptied after the test."""
    yield migrated_db
    empty_all_tables(migrated_db)


@pytest.fixture(scope="session")
def hasher(settings: Settings) -> PasswordHasher:
    return make_password_hasher(settings)


@pytest.fixture(scope="session")
def app(settings: Settings, migrated_db: Database) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.db.dispose()


@pytest.fixture
def client(app: FastAPI, db: Database) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
