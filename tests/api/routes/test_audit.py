"""The audit log through the API: who changed what. (That only administrators read it is
checked beside the accounts, in test_users.py.)"""

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.clock import utcnow
from eom.core.db import Database
from tests.factories import make_user, signed_in_as
from tests.support.problems import assert_problem

NEW_USER = {
    "email": "new.person@example.org",
    "full_name": "New Person",
    "role": "observer",
    "password": "a long enough password",
}


@pytest.fixture
def admin(client: TestClient, db: Database, hasher: PasswordHasher) -> dict[str, str]:
    return signed_in_as(client, db, hasher, Role.admin)


def test_the_audit_log_shows_who_changed_what(client: TestClient, admin: dict[str, str]) -> None:
    client.post("/api/v1/users", json=NEW_USER, headers=admin)
    page = client.get("/api/v1/audit?entity_type=user&limit=1", headers=admin).json()
    (latest,) = page["items"]
    assert latest["action"] == "create" and "new.person@example.org" in latest["after"]
    assert latest["actor"].startswith("admin")


def test_the_audit_log_is_filtered_by_actor_record_and_days(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: dict[str, str]
) -> None:
    created = client.post("/api/v1/users", json=NEW_USER, headers=admin).json()
    make_user(db, hasher, email="by.the.system@example.org")
    today = utcnow().date()

    def listed(query: str) -> list[tuple[str, str]]:
        response = client.get(f"/api/v1/audit?entity_type=user&{query}", headers=admin)
        assert response.status_code == 200, response.text
        return [(e["actor"], e["entity_id"]) for e in response.json()["items"]]

    me = client.get("/api/v1/me", headers=admin).json()["email"]
    assert listed("actor=ADMIN") == [(me, str(created["id"]))]
    assert listed(f"entity_id={created['id']}") == [(me, str(created["id"]))]
    assert listed(f"from={today}&to={today}") == listed("")
    assert listed(f"to={today - timedelta(days=1)}") == []
    assert listed("actor=system")[0][0] == "system"


@pytest.mark.parametrize("query", ["from=yesterday", "to=2026-02-30", "actor=%00", "entity_type=X"])
def test_a_malformed_filter_is_a_422_problem(
    client: TestClient, admin: dict[str, str], query: str
) -> None:
    assert_problem(client.get(f"/api/v1/audit?{query}", headers=admin), 422)
