"""Signing in through the API: tokens, sign-out, ``/me`` and throttling."""

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import PASSWORD, bearer, make_user
from tests.support.problems import assert_problem


def test_a_user_signs_in_and_sees_who_they_are(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.staff, full_name="Sofía Pérez")
    response = client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    issued = response.json()
    assert issued["token_type"] == "bearer" and issued["expires_in"] == 720 * 60
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {issued['access_token']}"})
    assert me.json() == {
        "id": user.id,
        "email": user.email,
        "full_name": "Sofía Pérez",
        "role": "staff",
    }


def test_a_wrong_password_is_a_401_problem(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    response = client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": "not the password"}
    )
    assert_problem(response, 401, "Incorrect email or password.")
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_missing_token_is_a_401_problem(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/me"), 401, "Sign in to do this.")


def test_a_made_up_token_is_a_401_problem(client: TestClient) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer made-up"})
    assert_problem(response, 401, "The access token is not valid.")


def test_signing_out_revokes_the_token(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    headers = bearer(client, make_user(db, hasher).email)
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert_problem(
        client.get("/api/v1/me", headers=headers),
        401,
        "The access token has expired or was revoked.",
    )


def test_repeated_failures_are_slowed_down_with_retry_after(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    wrong = {"username": user.email, "password": "not the password"}
    for _ in range(5):
        assert client.post("/api/v1/auth/token", data=wrong).status_code == 401
    right = {"username": user.email, "password": PASSWORD}
    response = client.post("/api/v1/auth/token", data=right)
    body = assert_problem(response, 429)
    assert response.headers["retry-after"] == "30"
    assert "Try again in 30 seconds" in body["detail"]


def test_failures_for_one_account_do_not_slow_down_another(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    victim, other = make_user(db, hasher), make_user(db, hasher)
    for _ in range(6):
        client.post("/api/v1/auth/token", data={"username": victim.email, "password": "nope"})
    assert bearer(client, other.email)
