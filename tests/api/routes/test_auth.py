"""Signing in through the API: tokens, device sessions and their refresh, sign-out, ``/me``
and throttling."""

from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import col, select

from eom.accounts.models import LoginThrottle, Role
from eom.audit.models import AuditEntry
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import PASSWORD, bearer, enrol_totp, make_user, next_code
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


# --- a phone's session for field work ----------------------------------------------------


def _device_sign_in(client: TestClient, email: str) -> dict[str, Any]:
    response = client.post(
        "/api/v1/auth/token", data={"username": email, "password": PASSWORD, "device": "true"}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _bearer(issued: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {issued['access_token']}"}


def test_a_device_sign_in_lasts_36_hours(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    before = utcnow()
    issued = _device_sign_in(client, user.email)
    assert set(issued) == {"access_token", "token_type", "expires_in", "expires_at", "kind"}
    assert (issued["kind"], issued["token_type"]) == ("device", "bearer")
    assert issued["expires_in"] == 36 * 3600
    expires_at = datetime.fromisoformat(issued["expires_at"])
    assert before + timedelta(hours=36) <= expires_at <= utcnow() + timedelta(hours=36)
    assert client.get("/api/v1/me", headers=_bearer(issued)).json()["email"] == user.email


def test_a_plain_sign_in_stays_an_api_token(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    response = client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": PASSWORD}
    )
    assert response.json()["kind"] == "api" and response.json()["expires_in"] == 720 * 60


def test_a_refresh_answers_a_new_device_token_and_ends_the_old_one(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    first = _device_sign_in(client, user.email)
    response = client.post("/api/v1/auth/refresh", headers=_bearer(first))
    assert response.status_code == 200, response.text
    second = response.json()
    assert second["kind"] == "device" and second["expires_in"] == 36 * 3600
    assert second["access_token"] != first["access_token"]
    assert second["expires_at"] >= first["expires_at"]
    assert client.get("/api/v1/me", headers=_bearer(second)).status_code == 200
    assert_problem(
        client.get("/api/v1/me", headers=_bearer(first)),
        401,
        "The access token has expired or was revoked.",
    )
    assert_problem(client.post("/api/v1/auth/refresh", headers=_bearer(first)), 401)


def test_a_refresh_is_audited_like_a_sign_in(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    first = _device_sign_in(client, user.email)
    client.post("/api/v1/auth/refresh", headers=_bearer(first))
    with db.session_scope() as session:
        entries = session.exec(
            select(AuditEntry.action, AuditEntry.entity_type)
            .where(AuditEntry.actor_id == user.id)
            .order_by(col(AuditEntry.id))
        ).all()
    # The sign-in, then the refresh: the old token revoked and a new one made.
    assert entries == [
        ("create", "access_token"),
        ("update", "access_token"),
        ("create", "access_token"),
    ]


def test_only_a_device_token_is_refreshed(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    headers = bearer(client, make_user(db, hasher).email)
    assert_problem(
        client.post("/api/v1/auth/refresh", headers=headers),
        403,
        "Only a device session is refreshed; sign in again with your password.",
    )
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_a_refresh_needs_a_token(client: TestClient) -> None:
    assert_problem(client.post("/api/v1/auth/refresh"), 401, "Sign in to do this.")


def test_a_new_password_ends_a_device_session(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    phone = _bearer(_device_sign_in(client, user.email))
    admin = bearer(client, make_user(db, hasher, role=Role.admin).email)
    changed = client.patch(
        f"/api/v1/users/{user.id}", json={"password": "another long passphrase"}, headers=admin
    )
    assert changed.status_code == 200
    assert_problem(client.post("/api/v1/auth/refresh", headers=phone), 401)
    assert_problem(client.get("/api/v1/me", headers=phone), 401)


def test_an_overlong_username_is_refused_before_any_work(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    # 321 characters cannot be an account's email; a megabyte never reaches the database.
    for username in ("a" * 309 + "@example.org", "a" * 1_000_000):
        response = client.post(
            "/api/v1/auth/token", data={"username": username, "password": PASSWORD}
        )
        assert_problem(response, 422)
    with db.session_scope() as session:
        assert session.exec(select(LoginThrottle)).first() is None


def _password_change(current: str = PASSWORD) -> dict[str, str]:
    new = "a brand new passphrase"
    return {"current_password": current, "password": new, "password_again": new}


def test_a_user_changes_their_own_password_and_keeps_this_session_only(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    other, this = bearer(client, user.email), bearer(client, user.email)
    response = client.post("/api/v1/me/password", json=_password_change(), headers=this)
    assert response.status_code == 200 and response.json() == {"user_id": user.id, "revoked": 1}
    assert client.get("/api/v1/me", headers=this).status_code == 200
    assert_problem(client.get("/api/v1/me", headers=other), 401)
    assert bearer(client, user.email, "a brand new passphrase")


def test_changing_ones_password_needs_the_current_one_and_a_strong_new_one(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    headers = bearer(client, make_user(db, hasher).email)
    wrong = client.post("/api/v1/me/password", json=_password_change("nope"), headers=headers)
    assert assert_problem(wrong, 422)["errors"][0]["loc"] == ["body", "current_password"]
    common = {**_password_change(), "password": "password1234", "password_again": "password1234"}
    assert_problem(client.post("/api/v1/me/password", json=common, headers=headers), 422)
    assert_problem(client.post("/api/v1/me/password", json=_password_change()), 401)


def test_guessing_the_current_password_is_throttled_like_signing_in(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    headers = bearer(client, user.email)
    for _ in range(5):  # EOM_LOGIN_MAX_FAILURES
        client.post("/api/v1/me/password", json=_password_change("wrong guess"), headers=headers)
    refused = client.post("/api/v1/me/password", json=_password_change(), headers=headers)
    assert_problem(refused, 429)
    assert "retry-after" in refused.headers


def test_a_user_lists_and_ends_their_own_sessions(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    phone = _bearer(_device_sign_in(client, user.email))
    this = bearer(client, user.email)
    found = client.get("/api/v1/me/sessions", headers=this).json()
    assert [(s["kind"], s["current"]) for s in found] == [("api", True), ("device", False)]
    assert found[0]["user_agent"] == "testclient"
    assert client.delete(f"/api/v1/me/sessions/{found[1]['id']}", headers=this).status_code == 204
    assert_problem(client.get("/api/v1/me", headers=phone), 401)
    assert_problem(client.delete(f"/api/v1/me/sessions/{found[1]['id']}", headers=this), 404)


def test_another_persons_session_is_not_found(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    theirs = bearer(client, make_user(db, hasher).email)
    their_id = client.get("/api/v1/me/sessions", headers=theirs).json()[0]["id"]
    mine = bearer(client, make_user(db, hasher).email)
    assert_problem(client.delete(f"/api/v1/me/sessions/{their_id}", headers=mine), 404)
    assert client.get("/api/v1/me", headers=theirs).status_code == 200
    assert_problem(client.get("/api/v1/me/sessions"), 401)


def test_a_user_ends_every_other_session_of_theirs(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    others = [bearer(client, user.email) for _ in range(2)]
    this = bearer(client, user.email)
    response = client.post("/api/v1/me/sessions/end-others", headers=this)
    assert response.json() == {"user_id": user.id, "revoked": 2}
    assert client.get("/api/v1/me", headers=this).status_code == 200
    for headers in others:
        assert_problem(client.get("/api/v1/me", headers=headers), 401)


# --- two-factor sign-in ------------------------------------------------------------------


def _token(client: TestClient, email: str, **more: str) -> Any:
    return client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD, **more})


def test_an_enrolled_account_needs_its_code_and_gets_no_token_without_it(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher, role=Role.admin)
    secret, _ = enrol_totp(db, user, settings)
    needed = _token(client, user.email)
    assert_problem(needed, 401, kind="totp-required")
    wrong = _token(client, user.email, totp="000000")
    assert_problem(wrong, 401, "This code is not right, or was already used.", kind="totp-invalid")
    signed_in = _token(client, user.email, totp=next_code(secret))
    assert signed_in.status_code == 200, signed_in.text
    auth = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
    assert client.get("/api/v1/me", headers=auth).json()["email"] == user.email


def test_a_code_signs_in_once(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher)
    secret, _ = enrol_totp(db, user, settings)
    code = next_code(secret)
    assert _token(client, user.email, totp=code).status_code == 200
    assert_problem(_token(client, user.email, totp=code), 401, kind="totp-invalid")


def test_a_recovery_code_signs_in_once(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher)
    _, codes = enrol_totp(db, user, settings)
    assert _token(client, user.email, totp=codes[0], device="true").status_code == 200
    assert_problem(_token(client, user.email, totp=codes[0]), 401, kind="totp-invalid")


def test_a_wrong_password_with_a_right_code_is_still_a_wrong_password(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher)
    secret, _ = enrol_totp(db, user, settings)
    response = client.post(
        "/api/v1/auth/token",
        data={"username": user.email, "password": "not it", "totp": next_code(secret)},
    )
    assert_problem(response, 401, kind="invalid-credentials")


def test_guessing_codes_is_throttled_even_with_the_right_password(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    """The right password does not clear the count: only a right code does."""
    user = make_user(db, hasher)
    secret, _ = enrol_totp(db, user, settings)
    for _ in range(settings.login_max_failures - 1):
        assert_problem(_token(client, user.email, totp="123456"), 401, kind="totp-invalid")
        assert_problem(_token(client, user.email), 401, kind="totp-required")
    assert_problem(_token(client, user.email, totp="123456"), 401, kind="totp-invalid")
    throttled = _token(client, user.email, totp=next_code(secret))
    assert_problem(throttled, 429)
    assert int(throttled.headers["Retry-After"]) > 0


def test_an_account_without_two_factor_ignores_a_code(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    assert _token(client, user.email, totp="123456").status_code == 200


def test_a_code_is_bounded(client: TestClient, db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    assert _token(client, user.email, totp="1" * 41).status_code == 422
