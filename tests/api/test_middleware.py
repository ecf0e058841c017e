"""What every answer passes through: a request id, which every log line of the request
carries too; the language chosen by query, remembered in a cookie; the security headers."""

import logging
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from api.app import create_app
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import make_user
from tests.support.problems import assert_problem


def test_every_answer_carries_a_new_request_id(client: TestClient) -> None:
    first = client.get("/api/v1/health").headers["x-request-id"]
    second = client.get("/api/v1/health").headers["x-request-id"]
    assert len(first) == 16 and first != second


def test_a_plain_request_id_from_the_caller_is_kept_and_any_other_replaced(
    client: TestClient,
) -> None:
    kept = client.get("/api/v1/health", headers={"X-Request-ID": "lb-7f3a.91"})
    assert kept.headers["x-request-id"] == "lb-7f3a.91"
    forged = client.get("/api/v1/health", headers={"X-Request-ID": 'x" injected=1'})
    assert forged.headers["x-request-id"] != 'x" injected=1'
    assert len(forged.headers["x-request-id"]) == 16


def test_a_refused_sign_in_is_logged_with_the_request_id(
    client: TestClient, db: Database, hasher: PasswordHasher, caplog: pytest.LogCaptureFixture
) -> None:
    user = make_user(db, hasher)
    with caplog.at_level(logging.WARNING, logger="api.sign_in"):
        answer = client.post(
            "/api/v1/auth/token", data={"username": user.email, "password": "not the password"}
        )
    assert answer.status_code == 401
    (line,) = [r for r in caplog.records if r.name == "api.sign_in"]
    assert user.email in line.getMessage() and "failure 1 in a row" in line.getMessage()
    assert line.request_id == answer.headers["x-request-id"]  # type: ignore[attr-defined]


def test_an_unexpected_error_is_a_500_logged_with_its_request_id(
    settings: Settings, db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings)

    @app.get("/api/v1/broken")
    def broken() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        with caplog.at_level(logging.ERROR):
            answer = test_client.get("/api/v1/broken")
    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("application/problem+json")
    logged = [r for r in caplog.records if r.name == "eom.api" and r.exc_info]
    assert logged and logged[0].request_id == answer.headers["x-request-id"]  # type: ignore[attr-defined]
    app.state.db.dispose()


def test_a_503_answer_is_logged_with_method_path_and_status(
    client: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from eom.core import migrate

    def unreachable(*_: object, **__: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(migrate, "current_revision", unreachable)
    with caplog.at_level(logging.ERROR, logger="api.middleware"):
        answer = client.get("/api/v1/health")
    assert answer.status_code == 503
    (line,) = [r for r in caplog.records if r.name == "api.middleware"]
    assert line.getMessage().startswith("GET /api/v1/health answered 503")


def test_the_language_chosen_by_query_is_remembered_in_a_cookie(client: TestClient) -> None:
    client.get("/?lang=es")
    assert client.cookies.get("lang") == "es"
    assert_problem(client.get("/api/v1/nowhere"), 404, "No hay nada aquí.")


def test_responses_carry_security_headers(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
