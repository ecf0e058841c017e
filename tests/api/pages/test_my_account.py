"""A signed-in person's own account page: anyone signed in changes their own password there,
giving the current one; their other sessions end and this browser stays signed in."""

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import PASSWORD, bearer, make_user
from tests.support.pages import csrf_of, sign_in

NEW = "a brand new passphrase"


def _change(client: TestClient, current: str = PASSWORD, new: str = NEW, lang: str = "en"):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get(f"/account/password?lang={lang}").text)
    form = {"current_password": current, "password": new, "password_again": new, "csrf": token}
    return client.post(f"/account/password?lang={lang}", data=form, follow_redirects=False)


def test_every_role_finds_their_account_in_the_menu(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    for role in Role:
        user = make_user(db, hasher, role=role, full_name="Nora Nueva")
        sign_in(client, user.email)
        assert 'href="/account"' in client.get("/").text
        page = client.get("/account")
        assert page.status_code == 200 and user.email in page.text
        assert 'href="/account/password"' in page.text
        client.cookies.clear()


def test_a_person_changes_their_password_and_stays_signed_in_here_only(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    phone = bearer(client, user.email)
    sign_in(client, user.email)
    done = _change(client)
    assert done.status_code == 303 and done.headers["location"] == "/account"
    page = client.get("/account")
    assert page.status_code == 200 and "Your password is changed." in page.text
    assert client.get("/api/v1/me", headers=phone).status_code == 401
    client.cookies.clear()
    assert sign_in(client, user.email, NEW).status_code == 303


def test_a_wrong_current_password_or_a_common_new_one_is_said_beside_its_field(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    wrong = _change(client, current="not the password", lang="es")
    assert wrong.status_code == 422
    assert 'id="current_password-error">Esta no es su contraseña actual.' in wrong.text
    common = _change(client, new="password1234")
    assert common.status_code == 422 and 'id="password-error">This password is too easy' in (
        common.text
    )
    assert NEW not in wrong.text and PASSWORD not in wrong.text
    assert client.get("/account").status_code == 200


def test_signed_out_the_account_pages_send_to_sign_in(client: TestClient) -> None:
    for path in ("/account", "/account/password"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_the_form_without_its_token_is_refused(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    form = {"current_password": PASSWORD, "password": NEW, "password_again": NEW}
    assert client.post("/account/password", data=form).status_code == 403
    client.cookies.clear()
    assert sign_in(client, user.email).status_code == 303
