"""The audit log through the API: who changed what. (That only administrators read it is
checked beside the accounts, in test_users.py.)"""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import signed_in_as

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
