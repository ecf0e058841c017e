"""Accounts through the API: only administrators; pagination; ETags and If-Match."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import PASSWORD, bearer, enrol_totp, make_user, signed_in_as
from tests.support.problems import assert_problem

NEW_USER = {
    "email": "new.person@example.org",
    "full_name": "New Person",
    "role": "observer",
    "password": "a long enough password",
}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/v1/users", None),
        ("POST", "/api/v1/users", NEW_USER),
        ("GET", "/api/v1/users/1", None),
        ("PATCH", "/api/v1/users/1", {"full_name": "X"}),
        ("POST", "/api/v1/users/1/password-reset", None),
        ("POST", "/api/v1/users/1/sign-out", None),
        ("DELETE", "/api/v1/users/1/totp", None),
        ("GET", "/api/v1/audit", None),
    ],
)
@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), (Role.observer, 403), (Role.donor, 403), (Role.staff, 403)],
)
def test_only_administrators_manage_accounts_and_read_the_audit_log(
    client: TestClient,
    db: Database,
    hasher: PasswordHasher,
    method: str,
    path: str,
    body: dict | None,
    role: Role | None,
    status: int,
) -> None:
    headers = signed_in_as(client, db, hasher, role) if role else {}
    assert_problem(client.request(method, path, json=body, headers=headers), status)


@pytest.fixture
def admin(client: TestClient, db: Database, hasher: PasswordHasher) -> dict[str, str]:
    return signed_in_as(client, db, hasher, Role.admin)


def test_an_administrator_creates_an_account_without_exposing_its_hash(
    client: TestClient, admin: dict[str, str]
) -> None:
    response = client.post("/api/v1/users", json=NEW_USER, headers=admin)
    assert response.status_code == 201 and response.headers["etag"] == '"1"'
    created = response.json()
    assert created["email"] == "new.person@example.org" and created["role"] == "observer"
    assert "password" not in response.text and "password_hash" not in created


def test_a_taken_email_is_a_409_problem(client: TestClient, admin: dict[str, str]) -> None:
    client.post("/api/v1/users", json=NEW_USER, headers=admin)
    response = client.post("/api/v1/users", json=NEW_USER, headers=admin)
    assert_problem(response, 409, "A user with the email new.person@example.org already exists.")


def test_a_short_password_is_a_422_problem(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post("/api/v1/users", json={**NEW_USER, "password": "short"}, headers=admin)
    assert assert_problem(response, 422)["errors"][0]["loc"] == ["body", "password"]


def test_a_common_password_is_a_422_problem_that_says_so(
    client: TestClient, admin: dict[str, str]
) -> None:
    response = client.post(
        "/api/v1/users", json={**NEW_USER, "password": "password1234"}, headers=admin
    )
    error = assert_problem(response, 422)["errors"][0]
    assert error["loc"] == ["body", "password"] and "too easy to guess" in error["msg"]


def test_lists_are_paginated_with_a_total(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: dict[str, str]
) -> None:
    for n in range(4):
        make_user(db, hasher, email=f"user{n}@example.org")
    page = client.get("/api/v1/users?limit=2&offset=1", headers=admin).json()
    assert page["total"] == 5
    assert [u["email"] for u in page["items"]] == ["user0@example.org", "user1@example.org"]


@pytest.mark.parametrize("query", ["limit=501", "limit=0", "offset=-1", "limit=many"])
def test_out_of_range_pagination_is_a_422_problem(
    client: TestClient, admin: dict[str, str], query: str
) -> None:
    assert_problem(client.get(f"/api/v1/users?{query}", headers=admin), 422)


def test_an_unknown_user_is_a_404_problem(client: TestClient, admin: dict[str, str]) -> None:
    assert_problem(client.get("/api/v1/users/999999", headers=admin), 404)


def test_a_patch_with_the_current_etag_applies_and_returns_a_new_one(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: dict[str, str]
) -> None:
    user = make_user(db, hasher)
    etag = client.get(f"/api/v1/users/{user.id}", headers=admin).headers["etag"]
    response = client.patch(
        f"/api/v1/users/{user.id}",
        json={"full_name": "Renamed"},
        headers={**admin, "If-Match": etag},
    )
    assert response.status_code == 200 and response.json()["full_name"] == "Renamed"
    assert response.headers["etag"] == '"2"'


@pytest.mark.parametrize("stale", ['"0"', 'W/"7"', "garbage"])
def test_a_patch_with_a_stale_etag_is_a_412_problem_and_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: dict[str, str], stale: str
) -> None:
    user = make_user(db, hasher, full_name="Unchanged")
    response = client.patch(
        f"/api/v1/users/{user.id}",
        json={"full_name": "Lost update"},
        headers={**admin, "If-Match": stale},
    )
    assert_problem(response, 412)
    assert client.get(f"/api/v1/users/{user.id}", headers=admin).json()["full_name"] == "Unchanged"


def test_a_deactivated_user_is_signed_out(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: dict[str, str]
) -> None:
    headers = signed_in_as(client, db, hasher, Role.observer)
    me = client.get("/api/v1/me", headers=headers).json()
    client.patch(f"/api/v1/users/{me['id']}", json={"is_active": False}, headers=admin)
    assert_problem(client.get("/api/v1/me", headers=headers), 401)


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        (
            {"is_active": False},
            "You cannot deactivate your own account; another administrator can.",
        ),
        ({"role": "staff"}, "You cannot give up your own administrator role; another one can."),
    ],
    ids=["deactivate", "demote"],
)
def test_an_administrator_cannot_lock_themself_out(
    client: TestClient, admin: dict[str, str], changes: dict[str, object], detail: str
) -> None:
    me = client.get("/api/v1/me", headers=admin).json()
    response = client.patch(f"/api/v1/users/{me['id']}", json=changes, headers=admin)
    assert_problem(response, 403, detail)
    still = client.get(f"/api/v1/users/{me['id']}", headers=admin).json()
    assert (still["role"], still["is_active"]) == ("admin", True)


def test_accounts_are_listed_by_role_and_whether_active(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: dict[str, str]
) -> None:
    make_user(db, hasher, role=Role.donor, email="donor@example.org")
    make_user(db, hasher, role=Role.donor, email="gone@example.org", is_active=False)
    donors = client.get("/api/v1/users?role=donor", headers=admin).json()
    assert [u["email"] for u in donors["items"]] == ["donor@example.org", "gone@example.org"]
    inactive = client.get("/api/v1/users?active=false", headers=admin).json()
    assert (inactive["total"], inactive["items"][0]["email"]) == (1, "gone@example.org")


def test_an_administrator_gets_a_one_time_reset_link_that_works_on_the_pages(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: dict[str, str]
) -> None:
    user = make_user(db, hasher)
    response = client.post(f"/api/v1/users/{user.id}/password-reset", headers=admin)
    assert response.status_code == 201, response.text
    link = response.json()
    assert link["user_id"] == user.id and link["url"].startswith("http://testserver/reset/")
    assert "Set a new password" in client.get(link["url"]).text
    assert_problem(client.post("/api/v1/users/999999/password-reset", headers=admin), 404)


def test_an_administrator_signs_an_account_out_everywhere(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: dict[str, str]
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    laptop = bearer(client, user.email)
    phone = client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": PASSWORD, "device": "1"}
    ).json()["access_token"]
    done = client.post(f"/api/v1/users/{user.id}/sign-out", headers=admin)
    assert done.status_code == 200 and done.json() == {"user_id": user.id, "revoked": 2}
    for headers in (laptop, {"Authorization": f"Bearer {phone}"}):
        assert_problem(client.get("/api/v1/me", headers=headers), 401)
    assert client.get(f"/api/v1/users/{user.id}", headers=admin).json()["is_active"] is True
    assert bearer(client, user.email)  # the password still signs in


def test_signing_out_an_unknown_account_is_a_404_problem(
    client: TestClient, admin: dict[str, str]
) -> None:
    assert_problem(client.post("/api/v1/users/999999/sign-out", headers=admin), 404)


def test_a_name_of_spaces_only_is_refused_not_stored_empty(
    client: TestClient, admin: dict[str, str]
) -> None:
    body = {"email": "blank@example.org", "full_name": "   ", "role": "staff", "password": PASSWORD}
    assert_problem(client.post("/api/v1/users", json=body, headers=admin), 422)


def test_an_administrator_removes_the_two_factor_sign_in_of_a_person_who_lost_it(
    client: TestClient,
    db: Database,
    hasher: PasswordHasher,
    settings: Settings,
    admin: dict[str, str],
) -> None:
    user = make_user(db, hasher)
    enrol_totp(db, user, settings)
    credentials = {"username": user.email, "password": PASSWORD}
    assert_problem(client.post("/api/v1/auth/token", data=credentials), 401, kind="totp-required")
    assert client.delete(f"/api/v1/users/{user.id}/totp", headers=admin).status_code == 204
    assert client.post("/api/v1/auth/token", data=credentials).status_code == 200
    again = client.delete(f"/api/v1/users/{user.id}/totp", headers=admin)
    assert_problem(again, 409, "Two-factor sign-in is not set up for this account.")
    assert_problem(client.delete("/api/v1/users/99999/totp", headers=admin), 404)
