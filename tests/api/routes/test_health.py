from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from eom.core import migrate
from tests.support.databases import settings_for
from tests.support.problems import assert_problem


def test_health_is_ok_when_the_database_answers_and_is_current(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "current",
        "revision": migrate.head_revision(),
    }


def test_health_is_503_when_migrations_are_missing(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    app = create_app(settings_for(tmp_path, fresh_database_url()))
    with TestClient(app) as client:
        assert_problem(
            client.get("/api/v1/health"),
            503,
            "The database schema is not current: run eom db upgrade.",
        )
    app.state.db.dispose()


def test_health_is_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    app = create_app(settings_for(tmp_path, url))
    with TestClient(app) as client:
        assert_problem(client.get("/api/v1/health"), 503, "The database is unreachable.")


def test_health_sees_the_database_brought_up_to_date_while_it_runs(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    # The head the code expects is read once; the database's revision every time.
    app = create_app(settings_for(tmp_path, fresh_database_url()))
    with TestClient(app) as client:
        migrate.upgrade(app.state.db.engine, "head-1")
        assert client.get("/api/v1/health").status_code == 503
        migrate.upgrade(app.state.db.engine)
        assert client.get("/api/v1/health").json()["revision"] == migrate.head_revision()
    app.state.db.dispose()
