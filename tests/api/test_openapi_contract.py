"""Schemathesis explores every operation of the OpenAPI schema against the app in process,
signed in as an administrator, and runs all its default checks on every response.

(Its pytest plugin does not run on pytest 9.2, so each operation is driven through its
Python API: a Hypothesis strategy per operation.)"""

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok

from api.app import create_app
from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import bearer, make_user


def _operations() -> list[tuple[str, str]]:
    """Every (method, path) of the schema, read from an app that never touches a database."""
    offline = create_app(
        Settings(
            data_dir=Path(tempfile.gettempdir()),
            database_url="sqlite:///unused.db",
            secret_key="unused",
        )
    )
    paths = offline.openapi()["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item)


OPERATIONS = _operations()
EXPECTED = ["2xx", "3xx", "401", "403", "404", "409", "412", "429"]
CROSS_FIELD_RULES = {
    "/api/v1/missions": "runoff after election, invitation not in the future, dates in order",
    "/api/v1/missions/{mission_id}": "the same, on the mission as changed",
    "/api/v1/code-of-conduct": "item keys unique, a pledge present",
    "/api/v1/observers/import": "the CSV text is checked row by row",
    "/api/v1/missions/{mission_id}/members": "a theme for specialists only",
    "/api/v1/missions/{mission_id}/members/{member_id}": "the same, on the member as changed",
    "/api/v1/missions/{mission_id}/members/{member_id}/acknowledgements": "items in force only",
    "/api/v1/missions/{mission_id}/members/{member_id}/stations": "stations of the mission only",
    "/api/v1/missions/{mission_id}/stations/import": "the CSV text is checked row by row",
    "/api/v1/missions/{mission_id}/forms": "question ids unique, bounds and choices by type",
    "/api/v1/missions/{mission_id}/forms/{form_id}": "the same, and the key kept",
    "/api/v1/missions/{mission_id}/submissions": "answers checked against the form version",
    "/api/v1/missions/{mission_id}/incidents": "a station of the mission or a named place",
    "/api/v1/missions/{mission_id}/meetings": "text is trimmed before its length is checked",
    "/api/v1/donors": "a state donor names its country",
    "/api/v1/donors/{donor_id}": "a state donor names its country",
    "/api/v1/donors/{donor_id}/accounts": "only a donor account speaks for a donor",
    "/api/v1/missions/{mission_id}/budget": "each budget category once",
    "/api/v1/funding/transactions": (
        "a donor for incoming money, a line for expenditure, an amount in whole minor units"
        " of its currency (no fraction of a yen)"
    ),
    "/api/v1/funding/exchange-rates": "no rate for the US dollar itself",
    "/api/v1/funding/exchange-rates/import": "the CSV text is checked row by row",
    "/api/v1/donors/{donor_id}/statement.pdf": "the period starts no later than it ends",
    "/api/v1/recommendations/import": "the CSV text is checked row by row",
    "/api/v1/recommendations/assessments/import": "the CSV text is checked row by row",
    "/api/v1/users": "a password that is not common or guessable (zxcvbn); a name is trimmed",
    "/api/v1/users/{user_id}": "the same, for a new password",
    "/api/v1/me/password": "the current password, and the new one the same twice and strong",
}


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    # A conditional request with a stale If-Match is schema-valid and rightly refused: 412.
    # Rules across fields, which JSON Schema cannot state, are refused with 422 where noted.
    config = SchemathesisConfig.from_dict(
        {
            "checks": {"positive_data_acceptance": {"expected-statuses": EXPECTED}},
            "operations": [
                {
                    "include-path": path,
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*EXPECTED, "422"]}
                    },
                }
                for path in CROSS_FIELD_RULES
            ],
        }
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


@pytest.fixture
def admin_headers(app: FastAPI, db: Database, hasher: PasswordHasher) -> Iterator[dict[str, str]]:
    admin = make_user(db, hasher, role=Role.admin, email="fuzz.admin@example.org")
    with TestClient(app) as client:
        yield bearer(client, admin.email)


def test_the_contract_covers_every_json_route(api_schema: schemathesis.BaseSchema) -> None:
    results = list(api_schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results), "every operation of the schema loads"
    listed = {(op.method.upper(), op.path) for op in operations}
    assert listed == set(OPERATIONS)
    assert ("POST", "/api/v1/auth/token") in listed and len(listed) >= 9


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_operation_keeps_its_contract(
    api_schema: schemathesis.BaseSchema, admin_headers: dict[str, str], method: str, path: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=admin_headers)

    check()
