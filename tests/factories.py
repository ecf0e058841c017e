"""Small factories for tests: each makes one thing through the services and commits it."""

import itertools

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts import service as accounts
from eom.accounts.models import Role, User, UserCreate
from eom.audit.service import SYSTEM
from eom.db import Database

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def make_user(
    db: Database,
    hasher: PasswordHasher,
    *,
    role: Role = Role.staff,
    email: str | None = None,
    password: str = PASSWORD,
    full_name: str = "Test Person",
    is_active: bool = True,
) -> User:
    email = email or f"{role.value}{next(_numbers)}@example.org"
    data = UserCreate(
        email=email, full_name=full_name, role=role, password=password, is_active=is_active
    )
    with db.session_scope() as session:
        return accounts.create_user(session, data, actor=SYSTEM, hasher=hasher)


def bearer(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """The Authorization header of a fresh API sign-in."""
    response = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def signed_in_as(
    client: TestClient, db: Database, hasher: PasswordHasher, role: Role
) -> dict[str, str]:
    user = make_user(db, hasher, role=role)
    return bearer(client, user.email)
