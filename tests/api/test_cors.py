"""CORS for a field app served elsewhere: only the origins of ``EOM_CORS_ORIGINS`` may call
the API from a browser, with a bearer token and no cookies; pages are never offered, and
with no origins set there is no CORS header at all."""

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from api.app import create_app
from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import signed_in_as

FIELD_APP = "https://field.example.org"


@pytest.fixture
def cors_client(settings: Settings, db: Database) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update={"cors_origins": [FIELD_APP]}))
    with TestClient(app) as client:
        yield client
    app.state.db.dispose()


def preflight(client: TestClient, path: str, origin: str) -> dict[str, str]:
    answer = client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization, if-none-match",
        },
    )
    return dict(answer.headers)


def test_a_configured_origin_may_call_the_api_with_a_bearer_token(
    cors_client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    allowed = preflight(cors_client, "/api/v1/me/assignments", FIELD_APP)
    assert allowed["access-control-allow-origin"] == FIELD_APP
    assert "authorization" in allowed["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in allowed
    staff = signed_in_as(cors_client, db, hasher, Role.staff)
    answer = cors_client.get("/api/v1/missions", headers={**staff, "Origin": FIELD_APP})
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == FIELD_APP
    assert "etag" in answer.headers["access-control-expose-headers"].lower()


def test_another_origin_and_the_pages_are_not_offered(cors_client: TestClient) -> None:
    refused = cors_client.options(
        "/api/v1/missions",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    page = cors_client.get("/login", headers={"Origin": FIELD_APP})
    assert "access-control-allow-origin" not in page.headers


def test_without_origins_no_cors_header_is_sent(client: TestClient) -> None:
    answer = client.get("/api/v1/missions", headers={"Origin": FIELD_APP})
    assert answer.status_code == 200
    assert not [name for name in answer.headers if name.startswith("access-control-")]
    assert "access-control-allow-origin" not in preflight(client, "/api/v1/missions", FIELD_APP)
