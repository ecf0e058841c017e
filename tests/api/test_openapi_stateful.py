"""Schemathesis chains operations (its stateful phase): it creates records and reuses the
ids that come back, through the links it infers from the schema, as DECO staff and as a
deployed observer, with its checks on every response. A CI-sized run; the full one, with
100 examples per operation, is ``python -m bench.contract``."""

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.missions.models import MissionStatus
from tests.factories import advance, bearer, field_observer, make_mission, make_user
from tests.support.contract import engine_schema, run


@pytest.fixture
def staff_headers(app: FastAPI, db: Database, hasher: PasswordHasher) -> Iterator[dict[str, str]]:
    staff = make_user(db, hasher, role=Role.staff, email="chain.staff@example.org")
    with TestClient(app) as client:
        yield bearer(client, staff.email)


@pytest.fixture
def observer_headers(
    app: FastAPI, db: Database, hasher: PasswordHasher
) -> Iterator[dict[str, str]]:
    mission = advance(db, make_mission(db), MissionStatus.deployed)
    _, email = field_observer(db, hasher, mission, email="chain.observer@example.org")
    with TestClient(app) as client:
        yield bearer(client, email)


def test_chained_calls_keep_the_contract_as_staff(
    app: FastAPI, staff_headers: dict[str, str]
) -> None:
    result = run(engine_schema(app, staff_headers, phases=["stateful"], examples=25))
    assert result.failures == []
    # The chains reached past creation: records made, then read or changed by their ids.
    assert result.scenarios >= 10 and result.statuses[201] > 0 and result.statuses[200] > 0


def test_chained_calls_keep_the_contract_as_an_observer(
    app: FastAPI, observer_headers: dict[str, str]
) -> None:
    result = run(engine_schema(app, observer_headers, phases=["stateful"], examples=25))
    assert result.failures == []
    # An observer reads their own work and is refused the staff's.
    assert result.scenarios >= 10 and result.statuses[200] > 0 and result.statuses[403] > 0
