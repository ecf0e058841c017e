"""A signed-in person's own account page: anyone signed in sees their sessions there and
ends any, and changes their own password, giving the current one (their other sessions
end, this browser stays signed in). A web session unused for 30 minutes ends."""

from datetime import timedelta

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import select

from eom.accounts import sessions
from eom.accounts.models import AccessToken, Role, TokenKind
from eom.core.clock import utcnow
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


def test_the_account_page_lists_the_sessions_and_ends_one_or_all_others(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    phone = bearer(client, user.email)
    sign_in(client, user.email)
    page = client.get("/account")
    assert "Web browser" in page.text and "(this one)" in page.text and "API token" in page.text
    assert "testclient" in page.text and "End all other sessions" in page.text
    with db.session_scope() as session:
        listed = sessions.sessions_of(session, user, now=utcnow())
    api_id = next(s.id for s in listed if s.kind == TokenKind.api)
    token = csrf_of(page.text)
    ended = client.post(f"/account/sessions/{api_id}/end", data={"csrf": token})
    assert "The session is ended." in ended.text
    assert client.get("/api/v1/me", headers=phone).status_code == 401
    other = bearer(client, user.email)
    done = client.post("/account/sessions/end-others", data={"csrf": token})
    assert "Your other sessions are ended: 1." in done.text
    assert client.get("/api/v1/me", headers=other).status_code == 401
    assert client.get("/account").status_code == 200


def test_ending_this_browsers_session_signs_it_out(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    with db.session_scope() as session:
        (this,) = sessions.sessions_of(session, user, now=utcnow())
    token = csrf_of(client.get("/account").text)
    response = client.post(
        f"/account/sessions/{this.id}/end", data={"csrf": token}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_a_web_session_unused_for_the_idle_time_is_signed_out(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    with db.session_scope() as session:  # 31 minutes pass without a page
        for token in session.exec(select(AccessToken)):
            token.created_at = token.created_at - timedelta(minutes=31)
            session.add(token)
    response = client.get("/account", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_each_page_view_keeps_a_web_session_alive(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    with db.session_scope() as session:
        for token in session.exec(select(AccessToken)):
            token.created_at = token.created_at - timedelta(minutes=20)
            session.add(token)
    assert client.get("/account").status_code == 200  # used at minute 20: 30 more from now
    with db.session_scope() as session:
        (token,) = session.exec(select(AccessToken)).all()
        assert token.last_used_at is not None
        assert utcnow() - token.last_used_at < timedelta(minutes=1)
