"""Polling stations and forms through the API: members see published forms only. (Who
may read and write them on election day is with the submissions.)"""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.core.db import Database
from tests.factories import make_form
from tests.support.election_day import Field, in_the_field
from tests.support.problems import assert_problem


@pytest.fixture
def field(client: TestClient, db: Database, hasher: PasswordHasher) -> Field:
    return in_the_field(client, db, hasher)


def test_members_see_published_forms_only(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    draft = make_form(db, field.mission, publish=False, key="draft_form")
    assert [f["key"] for f in client.get(f"{field.url}/forms", headers=field.observer).json()] == [
        "opening"
    ]
    assert_problem(client.get(f"{field.url}/forms/{draft.id}", headers=field.observer), 404)
