"""Whoever holds a password reset link sets the account's password on its page, once:
then every sign-in of the account ends and the person signs in with the new password. A
used, replaced, expired or unknown link is a page that says so."""

from datetime import timedelta

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import select

from eom.accounts import resets
from eom.accounts import service as accounts
from eom.accounts.models import PasswordReset, Role, TokenKind, User, UserUpdate
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import NotAuthenticated
from tests.factories import make_user
from tests.support.pages import csrf_of, sign_in

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def person(db: Database, hasher: PasswordHasher) -> User:
    return make_user(db, hasher, email="nora@example.org")


def _link(db: Database, user: User, *, hours_ago: float = 0) -> str:
    with db.session_scope() as session:
        plain, _ = resets.create_reset_link(
            session, user, actor=SYSTEM, now=utcnow() - timedelta(hours=hours_ago)
        )
    return f"/reset/{plain}"


def _form(
    client: TestClient, link: str, password: str = NEW_PASSWORD, again: str | None = None
) -> httpx.Response:
    """Fill the link's form as a person does: the password, and again."""
    token = csrf_of(client.get(link).text)
    form = {"password": password, "password_again": password if again is None else again}
    return client.post(link, data={**form, "csrf": token}, follow_redirects=False)


def test_the_link_sets_the_password_and_sends_the_person_to_sign_in(
    client: TestClient, db: Database, hasher: PasswordHasher, person: User
) -> None:
    with db.session_scope() as session:
        old_sign_in, _ = accounts.issue_token(
            session, person, kind=TokenKind.api, lifetime=timedelta(hours=1), now=utcnow()
        )
    link = _link(db, person)
    page = client.get(link)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "For the account nora@example.org." in page.text
    done = _form(client, link)
    assert done.status_code == 303 and done.headers["location"] == "/login"
    login = client.get("/login")
    assert "The password of nora@example.org is set. Sign in with it." in login.text
    assert sign_in(client, person.email, NEW_PASSWORD).status_code == 303
    with db.session_scope() as session, pytest.raises(NotAuthenticated):
        accounts.user_for_token(session, old_sign_in, now=utcnow())


def test_a_used_link_is_gone(client: TestClient, db: Database, person: User) -> None:
    link = _link(db, person)
    _form(client, link)
    again = client.get(link)
    assert again.status_code == 410 and "text/html" in again.headers["content-type"]
    assert "This password reset link was already used." in again.text
    assert 'name="password"' not in again.text


def test_a_link_works_for_24_hours(client: TestClient, db: Database, person: User) -> None:
    assert client.get(_link(db, person, hours_ago=23.9)).status_code == 200
    expired = client.get(_link(db, person, hours_ago=24))
    assert expired.status_code == 410 and "This password reset link has expired." in expired.text
    spanish = client.get(_link(db, person, hours_ago=30) + "?lang=es")
    assert (
        spanish.status_code == 410 and "Este enlace para restablecer la contraseña" in spanish.text
    )


def test_an_unknown_link_is_not_found(client: TestClient, db: Database) -> None:
    unknown = client.get("/reset/not-a-token-anyone-made")
    assert unknown.status_code == 404 and "This password reset link is not known." in unknown.text


def test_two_different_passwords_are_said_beside_the_second_and_nothing_changes(
    client: TestClient, db: Database, hasher: PasswordHasher, person: User
) -> None:
    link = _link(db, person)
    refused = _form(client, link, again="something else entirely")
    assert refused.status_code == 422
    assert (
        '<p class="field-error" id="password_again-error">The two passwords differ.' in refused.text
    )
    short = _form(client, link, password="short")
    assert short.status_code == 422 and 'id="password-error"' in short.text
    common = _form(client, link, password="iloveyou2026")
    assert common.status_code == 422 and "too easy to guess" in common.text
    with db.session_scope() as session:
        assert session.exec(select(PasswordReset.used_at)).one() is None
    assert sign_in(client, person.email, NEW_PASSWORD).status_code == 401


def test_the_link_of_a_deactivated_account_is_gone(
    client: TestClient, db: Database, hasher: PasswordHasher, person: User
) -> None:
    link = _link(db, person)
    with db.session_scope() as session:
        stored = accounts.get_user(session, person.id or 0)
        accounts.update_user(
            session, stored, UserUpdate(is_active=False), actor=SYSTEM, hasher=hasher
        )
    assert client.get(link).status_code == 410


def test_the_form_without_its_token_is_refused_and_the_link_still_works(
    client: TestClient, db: Database, person: User
) -> None:
    link = _link(db, person)
    form = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert client.post(link, data=form).status_code == 403
    assert client.get(link).status_code == 200


def test_an_administrator_makes_the_link_on_the_accounts_page_and_it_works(
    client: TestClient, db: Database, hasher: PasswordHasher, person: User
) -> None:
    admin = make_user(db, hasher, role=Role.admin)
    sign_in(client, admin.email)
    token = csrf_of(client.get(f"/admin/accounts/{person.id}").text)
    shown = client.post(f"/admin/accounts/{person.id}/reset-link", data={"csrf": token})
    url = shown.text.split('value="http://testserver', 1)[1].split('"', 1)[0]
    client.cookies.clear()
    assert _form(client, url).status_code == 303
    assert sign_in(client, person.email, NEW_PASSWORD).status_code == 303
