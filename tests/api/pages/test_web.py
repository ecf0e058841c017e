"""What every page shares: CSRF-checked forms, navigation by role, the reader's language."""

from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import PASSWORD, make_user
from tests.support.pages import csrf_of, sign_in


def test_a_form_without_its_csrf_token_is_refused(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "eom_session" not in response.headers.get("set-cookie", "")


def test_a_csrf_token_from_another_browser_is_refused(
    app: FastAPI,
    db: Database,
    hasher: PasswordHasher,
) -> None:
    user = make_user(db, hasher)
    with TestClient(app) as attacker, TestClient(app) as victim:
        token = csrf_of(attacker.get("/login").text)
        victim.get("/login")
        response = victim.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf": token}
        )
    assert response.status_code == 403


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


def test_a_refused_page_is_an_html_page_in_the_readers_language(client: TestClient) -> None:
    missing = client.get("/missions/999999?lang=es")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert "<h1>No encontrado</h1>" in missing.text and 'href="/">Inicio</a>' in missing.text
    invalid = client.get("/missions/not-a-number?lang=en")
    assert invalid.status_code == 422 and "text/html" in invalid.headers["content-type"]
    assert "Input should be" not in invalid.text and "Write a whole number." in invalid.text


def test_the_api_keeps_answering_problem_documents(client: TestClient) -> None:
    answer = client.get("/api/v1/missions/999999")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"


def test_a_page_for_staff_refuses_others_with_a_page(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    refused = client.get("/roster")
    assert refused.status_code == 403 and "text/html" in refused.headers["content-type"]
    assert "Only DECO staff may do this." in refused.text


def test_an_expired_form_is_said_so_on_a_page(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    client.get("/login?lang=es")
    refused = client.post("/login", data={"email": "a@b.cc", "password": "x", "csrf": "stale"})
    assert refused.status_code == 403 and "text/html" in refused.headers["content-type"]
    assert "El formulario expiró." in refused.text


def test_the_language_links_keep_the_pages_filters(client: TestClient) -> None:
    page = client.get("/missions?status=closed&country=PE&page=2").text
    assert 'href="/missions?status=closed&amp;country=PE&amp;page=2&amp;lang=es"' in page


def test_the_navigation_marks_the_current_section(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert '<a href="/missions" aria-current="page">' in client.get("/missions/1").text
    assert '<a href="/" aria-current="page">' in client.get("/").text


def test_signing_in_and_out_say_what_was_done(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, full_name="Ana Torres")
    home = sign_in(client, user.email)
    assert 'role="status">Signed in as Ana Torres.' in client.get("/").text or home
    token = csrf_of(client.get("/").text)
    out = client.post("/logout", data={"csrf": token})
    assert 'role="status">You are signed out.' in out.text
    assert "You are signed out." not in client.get("/login").text  # said once


def test_every_page_offers_a_skip_link_and_a_favicon(client: TestClient) -> None:
    page = client.get("/").text
    assert '<a class="skip" href="#content">' in page and '<main id="content"' in page
    assert client.get("/static/favicon.svg").status_code == 200
    assert client.get("/palette.css").headers["content-type"].startswith("text/css")
