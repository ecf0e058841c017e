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
from tests.support.contract import EXPECTED, per_path_rules


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


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    # The answers a valid request may rightly get, and the 422 of rules across fields
    # (tests/support/contract.py).
    config = SchemathesisConfig.from_dict(
        {
            "checks": {"positive_data_acceptance": {"expected-statuses": EXPECTED}},
            "operations": per_path_rules(),
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
