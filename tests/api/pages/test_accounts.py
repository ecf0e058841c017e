"""Administrators manage accounts on the pages: the list and its filters, a new account,
an account's role, deactivating and reactivating it, a one-time password reset link. A
refused form comes back with the input and the reason beside the field, and changes
nothing; only administrators may, and only with the form's token."""

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts import service as accounts
from eom.accounts.models import Role, TokenKind, User
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import NotAuthenticated
from eom.core.settings import Settings
from tests.factories import enrol_totp, make_user
from tests.support.pages import csrf_of, sign_in

NEW = {
    "full_name": "Nora Nueva",
    "email": "nora@example.org",
    "role": "staff",
    "password": "a long enough password",
}


@pytest.fixture
def admin(client: TestClient, db: Database, hasher: PasswordHasher) -> User:
    """The signed-in administrator."""
    user = make_user(db, hasher, role=Role.admin, email="admin@example.org", full_name="Ada")
    sign_in(client, user.email)
    return user


@pytest.fixture
def csrf(client: TestClient, admin: User) -> str:
    return csrf_of(client.get("/admin/accounts/new").text)


def _stored(db: Database, user: User) -> User:
    with db.session_scope() as session:
        return accounts.get_user(session, user.id or 0)


def test_the_list_shows_every_account_and_filters_by_role_and_active(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: User
) -> None:
    make_user(db, hasher, role=Role.donor, email="dana@example.org", full_name="Dana")
    make_user(db, hasher, role=Role.donor, email="old@example.org", is_active=False)
    page = client.get("/admin/accounts")
    assert page.status_code == 200
    assert "3 accounts" in page.text and "dana@example.org" in page.text
    assert "Never" in page.text and utcnow().strftime("%Y-%m-%d") in page.text  # Ada signed in
    donors = client.get("/admin/accounts?role=donor&active=false").text
    assert "1 accounts" in donors and "old@example.org" in donors
    assert "dana@example.org" not in donors
    assert "admin@example.org" in client.get("/admin/accounts?role=&active=").text


def test_an_administrator_opens_an_account(client: TestClient, db: Database, csrf: str) -> None:
    done = client.post("/admin/accounts/new", data={**NEW, "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"])
    assert "Account opened for nora@example.org." in page.text and "DECO staff" in page.text
    with db.session_scope() as session:
        made = accounts.find_user_by_email(session, "nora@example.org")
        assert made is not None and made.role == Role.staff and made.is_active


def test_a_taken_email_is_said_beside_it_with_the_input_kept_and_nothing_stored(
    client: TestClient, db: Database, hasher: PasswordHasher, csrf: str
) -> None:
    make_user(db, hasher, email="nora@example.org", full_name="The First Nora")
    form = {**NEW, "email": "Nora@Example.org", "full_name": "Second Nora", "csrf": csrf}
    refused = client.post("/admin/accounts/new", data=form)
    assert refused.status_code == 422
    taken = "A user with the email nora@example.org already exists."
    assert f'<p class="field-error" id="email-error">{taken}' in refused.text
    assert 'value="Nora@Example.org"' in refused.text and 'value="Second Nora"' in refused.text
    assert NEW["password"] not in refused.text
    short = client.post(
        "/admin/accounts/new?lang=es", data={**NEW, "password": "short", "csrf": csrf}
    )
    assert short.status_code == 422 and 'id="password-error"' in short.text
    assert "Es demasiado corto." in short.text
    common = client.post(
        "/admin/accounts/new", data={**NEW, "password": "password1234", "csrf": csrf}
    )
    assert common.status_code == 422
    assert 'id="password-error">Esta contraseña es demasiado fácil de adivinar' in common.text
    with db.session_scope() as session:
        found, total = accounts.list_users(session, limit=10, offset=0)
    assert total == 2 and "Second Nora" not in [u.full_name for u in found]


def test_an_administrator_changes_a_role(
    client: TestClient, db: Database, hasher: PasswordHasher, csrf: str
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    done = client.post(f"/admin/accounts/{user.id}/role", data={"role": "donor", "csrf": csrf})
    assert f"{user.email} is now: Donor." in done.text
    assert _stored(db, user).role == Role.donor


def test_deactivating_signs_the_person_out_and_reactivating_lets_them_back(
    client: TestClient, db: Database, hasher: PasswordHasher, csrf: str
) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        plain, _ = accounts.issue_token(
            session, user, kind=TokenKind.web, lifetime=timedelta(hours=1), now=utcnow()
        )
    off = client.post(f"/admin/accounts/{user.id}/active", data={"active": "false", "csrf": csrf})
    assert f"{user.email} is deactivated and signed out everywhere." in off.text
    with db.session_scope() as session, pytest.raises(NotAuthenticated):
        accounts.user_for_token(session, plain, now=utcnow())
    on = client.post(f"/admin/accounts/{user.id}/active", data={"active": "true", "csrf": csrf})
    assert f"{user.email} is active again." in on.text and _stored(db, user).is_active


@pytest.mark.parametrize(
    ("action", "form", "field", "message"),
    [
        ("active", {"active": "false"}, "active", "You cannot deactivate your own account"),
        ("role", {"role": "staff"}, "role", "You cannot give up your own administrator role"),
    ],
    ids=["deactivate", "demote"],
)
def test_an_administrator_cannot_lock_themself_out_and_is_told_beside_the_field(
    client: TestClient,
    db: Database,
    admin: User,
    csrf: str,
    action: str,
    form: dict[str, str],
    field: str,
    message: str,
) -> None:
    refused = client.post(f"/admin/accounts/{admin.id}/{action}", data={**form, "csrf": csrf})
    assert refused.status_code == 422
    assert f'<p class="field-error" id="{field}-error">{message}' in refused.text
    stored = _stored(db, admin)
    assert (stored.role, stored.is_active, stored.version) == (Role.admin, True, 1)


def test_a_reset_link_is_shown_once_and_not_kept_by_the_browser(
    client: TestClient, db: Database, hasher: PasswordHasher, csrf: str
) -> None:
    user = make_user(db, hasher)
    shown = client.post(f"/admin/accounts/{user.id}/reset-link", data={"csrf": csrf})
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    assert 'value="http://testserver/reset/' in shown.text
    account = client.get(f"/admin/accounts/{user.id}").text
    assert 'id="open-link"' in account and "/reset/" not in account


def test_signing_out_everywhere_ends_every_session_and_keeps_the_account(
    client: TestClient, db: Database, hasher: PasswordHasher, csrf: str
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    tokens = []
    for kind in (TokenKind.device, TokenKind.api):
        with db.session_scope() as session:
            plain, _ = accounts.issue_token(
                session, user, kind=kind, lifetime=timedelta(hours=36), now=utcnow()
            )
            tokens.append(plain)
    assert (
        "Sessions that still work (API, pages and phones): 2."
        in client.get(f"/admin/accounts/{user.id}").text
    )
    done = client.post(f"/admin/accounts/{user.id}/sign-out", data={"csrf": csrf})
    assert f"{user.email} is signed out everywhere (2 sessions ended)." in done.text
    assert "Sessions that still work (API, pages and phones): 0." in done.text
    with db.session_scope() as session:
        for plain in tokens:
            with pytest.raises(NotAuthenticated):
                accounts.user_for_token(session, plain, now=utcnow())
    assert _stored(db, user).is_active


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/admin/accounts/new", NEW),
        ("/admin/accounts/{id}/role", {"role": "admin"}),
        ("/admin/accounts/{id}/active", {"active": "false"}),
        ("/admin/accounts/{id}/reset-link", {}),
        ("/admin/accounts/{id}/sign-out", {}),
        ("/admin/accounts/{id}/two-factor/remove", {}),
    ],
)
def test_a_form_without_its_token_is_refused_and_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher, admin: User, path: str, form: dict
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    refused = client.post(path.format(id=user.id), data=form)
    assert refused.status_code == 403
    stored = _stored(db, user)
    assert (stored.role, stored.is_active, stored.version) == (Role.observer, True, 1)
    with db.session_scope() as session:
        assert accounts.find_user_by_email(session, NEW["email"]) is None
    assert "Make a password reset link" in client.get(f"/admin/accounts/{user.id}").text
    assert 'id="open-link"' not in client.get(f"/admin/accounts/{user.id}").text


@pytest.mark.parametrize("path", ["/admin/accounts", "/admin/accounts/new", "/admin/accounts/1"])
def test_signed_out_the_pages_send_to_sign_in(client: TestClient, db: Database, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/login?next={path}"


@pytest.mark.parametrize("role", [Role.staff, Role.observer, Role.donor])
def test_only_administrators_manage_accounts(
    client: TestClient, db: Database, hasher: PasswordHasher, role: Role
) -> None:
    other = make_user(db, hasher)
    sign_in(client, make_user(db, hasher, role=role).email)
    for path in ("/admin/accounts", "/admin/accounts/new", f"/admin/accounts/{other.id}"):
        refused = client.get(path)
        assert refused.status_code == 403 and "Only administrators may do this." in refused.text
    token = csrf_of(client.get("/").text)
    posted = client.post(
        f"/admin/accounts/{other.id}/active", data={"active": "false", "csrf": token}
    )
    assert posted.status_code == 403 and _stored(db, other).is_active


def test_administrators_find_accounts_and_the_audit_log_in_the_navigation(
    client: TestClient, admin: User
) -> None:
    home = client.get("/").text
    assert 'href="/admin/accounts"' in home and 'href="/admin/audit"' in home
    page = client.get("/admin/accounts/new").text
    assert '<a href="/admin/accounts" aria-current="page">Accounts</a>' in page


def test_an_administrator_removes_an_accounts_two_factor_sign_in(
    client: TestClient,
    db: Database,
    hasher: PasswordHasher,
    settings: Settings,
    admin: User,
    csrf: str,
) -> None:
    user = make_user(db, hasher)
    assert 'id="two-factor-form"' not in client.get(f"/admin/accounts/{user.id}").text
    enrol_totp(db, user, settings)
    assert 'id="two-factor-form"' in client.get(f"/admin/accounts/{user.id}").text
    done = client.post(f"/admin/accounts/{user.id}/two-factor/remove", data={"csrf": csrf})
    assert done.status_code == 200
    assert f"Two-factor sign-in of {user.email} is removed" in done.text
    assert 'id="two-factor-form"' not in done.text
    with db.session_scope() as session:
        assert not accounts.has_second_factor(session, user)


def test_only_administrators_remove_two_factor_sign_in(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    other = make_user(db, hasher)
    enrol_totp(db, other, settings)
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    token = csrf_of(client.get("/").text)
    posted = client.post(f"/admin/accounts/{other.id}/two-factor/remove", data={"csrf": token})
    assert posted.status_code == 403
    with db.session_scope() as session:
        assert accounts.has_second_factor(session, other)
