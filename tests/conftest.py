"""Test fixtures: one database per run (SQLite or PostgreSQL), emptied after every test.

Choose the database with ``--db sqlite|postgresql`` (or ``EOM_TEST_DB``). PostgreSQL
runs create a fresh database on the local server and drop it at the end; under CI an
unreachable server fails the run instead of skipping it.
"""

import os
from collections.abc import Callable, Iterator

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from eom.audit import checkpoints
from eom.audit.checkpoints import Anchoring
from eom.core import migrate
from eom.core.db import Database
from eom.core.security import make_password_hasher
from eom.core.settings import Settings
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    empty_all_tables,
    postgres_or_skip,
    settings_for,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=["sqlite", "postgresql"],
        default=os.environ.get("EOM_TEST_DB", "sqlite"),
        help="which database the suite runs on",
    )


@pytest.fixture(scope="session")
def db_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.config.getoption("--db")
    return kind


@pytest.fixture(scope="session")
def fresh_database_url(
    db_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], str]]:
    """A factory of new empty databases of the chosen kind, all dropped at the end."""
    made: list[str] = []

    def make() -> str:
        if db_kind == "postgresql":
            postgres_or_skip()
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


@pytest.fixture
def db(migrated_db: Database) -> Iterator[Database]:
    """The migrated test database, emptied after the test."""
    yield migrated_db
    empty_all_tables(migrated_db)


@pytest.fixture
def anchoring(settings: Settings) -> Iterator[Anchoring]:
    """Where the server signs and keeps the audit log's checkpoints (its key and file under
    the settings' data folder), removed after the test: the log of the next is not theirs."""
    anchoring = Anchoring.of(settings)
    yield anchoring
    for path in (anchoring.checkpoints, anchoring.key_file):
        path.unlink(missing_ok=True)
    checkpoints.public_key_path(anchoring.key_file).unlink(missing_ok=True)


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
