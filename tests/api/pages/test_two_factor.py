"""Two-factor sign-in on the pages: a person sets it up from their account (a QR code and
the key as text, confirmed by a first code, then the recovery codes shown once), signs
in with a code on a second step before any session exists, and turns it off with the
password and a code. Staff without it are asked on their home page to set it up."""

import re

import pyotp
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role, User
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import PASSWORD, enrol_totp, make_user, next_code
from tests.support.pages import csrf_of, sign_in


def _key_on(page: str) -> str:
    match = re.search(r'id="totp-key">([A-Z2-7 ]+)</code>', page)
    assert match, "the page shows the key as text"
    return match.group(1).replace(" ", "")


def _second_step(client: TestClient, user: User, code: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    asked = sign_in(client, user.email)
    assert asked.status_code == 200 and 'name="ticket"' in asked.text
    ticket = re.search(r'name="ticket" value="([^"]+)"', asked.text)
    assert ticket
    form = {"ticket": ticket.group(1), "code": code, "csrf": csrf_of(asked.text)}
    return client.post(f"/login/code?lang={lang}", data=form, follow_redirects=False)


def test_a_person_sets_it_up_and_sees_their_recovery_codes_once(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    sign_in(client, user.email)
    page = client.get("/account/two-factor")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    secret = _key_on(page.text)
    assert (
        "<svg" in page.text and f"otpauth://totp/EOM:{user.email.replace('@', '%40')}" in page.text
    )
    offer = re.search(r'name="offer" value="([^"]+)"', page.text)
    assert offer and secret not in offer.group(1)
    form = {"offer": offer.group(1), "code": pyotp.TOTP(secret).now(), "csrf": csrf_of(page.text)}
    done = client.post("/account/two-factor", data=form)
    assert done.status_code == 200 and done.headers["Cache-Control"] == "no-store"
    codes = re.findall(r"<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code></li>", done.text)
    assert len(codes) == 10
    account = client.get("/account").text
    assert "On since" in account and not any(code in account for code in codes)
    again = client.get("/account/two-factor").text
    assert "Recovery codes left: 10." in again and 'id="totp-key"' not in again


def test_a_wrong_first_code_is_said_beside_its_field_and_keeps_the_key(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    page = client.get("/account/two-factor?lang=es")
    secret = _key_on(page.text)
    offer = re.search(r'name="offer" value="([^"]+)"', page.text)
    assert offer
    form = {"offer": offer.group(1), "code": "12", "csrf": csrf_of(page.text)}
    refused = client.post("/account/two-factor?lang=es", data=form)
    assert refused.status_code == 422
    assert 'id="code-error">Este código no es correcto o ya se usó.' in refused.text
    assert _key_on(refused.text) == secret


def test_signing_in_asks_for_the_code_before_any_session_exists(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher, full_name="Ana Admin", role=Role.admin)
    secret, _ = enrol_totp(db, user, settings)
    wrong = _second_step(client, user, "000000")
    assert sign_in(client, user.email).headers["Cache-Control"] == "no-store"
    assert "eom_session" not in client.cookies
    assert wrong.status_code == 401 and "This code is not right" in wrong.text
    done = _second_step(client, user, next_code(secret))
    assert done.status_code == 303 and "eom_session" in client.cookies
    assert "Ana Admin" in client.get("/").text


def test_guessing_codes_on_the_second_step_is_throttled(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher)
    secret, _ = enrol_totp(db, user, settings)
    for _ in range(settings.login_max_failures):
        assert _second_step(client, user, "123456").status_code == 401
    throttled = sign_in(client, user.email)
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
    assert "Too many failed sign-in attempts." in throttled.text


def test_a_recovery_code_signs_in_on_the_second_step_once(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher)
    _, codes = enrol_totp(db, user, settings)
    assert _second_step(client, user, codes[9]).status_code == 303
    client.cookies.clear()
    assert _second_step(client, user, codes[9], lang="es").status_code == 401


def test_a_forged_ticket_starts_the_sign_in_again(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher)
    secret, _ = enrol_totp(db, user, settings)
    token = csrf_of(client.get("/login").text)
    form = {"ticket": f"{user.id}.9999999999.abc", "code": next_code(secret), "csrf": token}
    response = client.post("/login/code", data=form)
    assert response.status_code == 401 and 'action="/login"' in response.text
    assert "Enter your email and password again." in response.text


def test_a_person_turns_it_off_with_the_password_and_a_code(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher)
    secret, codes = enrol_totp(db, user, settings)
    _second_step(client, user, codes[0])
    token = csrf_of(client.get("/account/two-factor").text)
    form = {"password": "not it", "code": next_code(secret), "csrf": token}
    refused = client.post("/account/two-factor/disable", data=form)
    assert refused.status_code == 422 and 'id="password-error"' in refused.text
    form = {"password": PASSWORD, "code": "000000", "csrf": token}
    refused = client.post("/account/two-factor/disable", data=form)
    assert refused.status_code == 422 and 'id="code-error"' in refused.text
    form = {"password": PASSWORD, "code": next_code(secret), "csrf": token}
    done = client.post("/account/two-factor/disable", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/account"
    client.cookies.clear()
    assert sign_in(client, user.email).status_code == 303  # the password alone again


def test_staff_without_it_are_asked_to_set_it_up_on_their_home_page(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    staff, observer = make_user(db, hasher), make_user(db, hasher, role=Role.observer)
    sign_in(client, staff.email)
    assert 'id="enrol-two-factor"' in client.get("/").text
    client.cookies.clear()
    sign_in(client, observer.email)
    assert 'id="enrol-two-factor"' not in client.get("/").text
    client.cookies.clear()
    secret, _ = enrol_totp(db, staff, settings)
    _second_step(client, staff, next_code(secret))
    assert 'id="enrol-two-factor"' not in client.get("/").text


def test_signed_out_the_page_and_its_forms_send_to_sign_in(client: TestClient) -> None:
    response = client.get("/account/two-factor", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    token = csrf_of(client.get("/login").text)
    for path in ("/account/two-factor", "/account/two-factor/disable"):
        refused = client.post(path, data={"csrf": token, "code": "1"}, follow_redirects=False)
        assert refused.status_code == 401, path


def test_the_forms_without_their_token_are_refused(
    client: TestClient, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    assert client.post("/account/two-factor", data={"code": "123456"}).status_code == 403
    form = {"password": PASSWORD, "code": "123456"}
    assert client.post("/account/two-factor/disable", data=form).status_code == 403
    assert client.post("/login/code", data={"ticket": "1.2.3", "code": "1"}).status_code == 403
