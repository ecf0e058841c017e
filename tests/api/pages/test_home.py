"""Signing in to and out of the web pages: an HttpOnly, SameSite session cookie."""

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.core.db import Database
from tests.factories import make_user
from tests.support.pages import csrf_of, sign_in


def test_signing_in_sets_an_httponly_samesite_session_cookie(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, full_name="Sofía Pérez")
    response = sign_in(client, user.email)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("eom_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    home = client.get("/")
    assert "Welcome, Sofía Pérez." in home.text and "Sign out" in home.text


def test_a_wrong_password_shows_the_form_again_with_a_message(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    response = sign_in(client, user.email, "not the password")
    assert response.status_code == 401
    assert "Incorrect email or password." in response.text and user.email in response.text


def test_signing_out_revokes_the_web_session(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    session_token = client.cookies.get("eom_session")
    token = csrf_of(client.get("/").text)
    response = client.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert response.status_code == 303
    client.cookies.set("eom_session", session_token or "")
    assert "Sign out" not in client.get("/").text
