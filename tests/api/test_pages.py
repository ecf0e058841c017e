"""Signing in to the web pages: an HttpOnly, SameSite cookie and CSRF-checked forms."""

import re

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.db import Database
from tests.factories import PASSWORD, make_user


def csrf_of(page: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert match, "the form carries a CSRF token"
    return match.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf": token},
        follow_redirects=False,
    )


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


def test_a_form_without_its_csrf_token_is_refused(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "eom_session" not in response.headers.get("set-cookie", "")


def test_a_csrf_token_from_another_browser_is_refused(
    app,
    db: Database,
    hasher: PasswordHasher,  # type: ignore[no-untyped-def]
) -> None:
    user = make_user(db, hasher)
    with TestClient(app) as attacker, TestClient(app) as victim:
        token = csrf_of(attacker.get("/login").text)
        victim.get("/login")
        response = victim.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf": token}
        )
    assert response.status_code == 403


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


def test_the_navigation_follows_the_role(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    assert 'href="/docs"' not in client.get("/").text
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert 'href="/docs"' in client.get("/").text


def test_pages_switch_to_spanish(client: TestClient) -> None:
    page = client.get("/login?lang=es").text
    assert '<html lang="es">' in page and "Iniciar sesión" in page and "Contraseña" in page
