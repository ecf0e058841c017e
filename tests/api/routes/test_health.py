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
