"""Two-factor sign-in in a real browser: a staff member asked on their home page sets it up
with the key as text (the code computed by pyotp, as their app would), then signs in
with a code; a person in Spanish sets it up and signs in with a recovery code; the field
app asks for the code when the account has one."""

from datetime import timedelta

import pyotp
import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import PASSWORD, enrol_totp, make_user, next_code

pytestmark = pytest.mark.browser


def _app_from_the_page(page: Page) -> pyotp.TOTP:
    """What an authenticator app holds once the key on the page is typed into it."""
    return pyotp.TOTP(page.locator("#totp-key").inner_text().replace(" ", ""))


def _sign_in(page: Page, email: str, *, email_label: str, password_label: str, button: str) -> None:
    page.get_by_label(email_label).fill(email)
    page.get_by_label(password_label).fill(PASSWORD)
    page.get_by_role("button", name=button).click()


def test_a_staff_member_sets_it_up_and_signs_in_with_a_code(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.staff, full_name="Tomás Técnico")
    page.goto(f"{live_server}/login")
    _sign_in(page, user.email, email_label="Email", password_label="Password", button="Sign in")
    page.get_by_role("link", name="Set up two-factor sign-in").click()
    expect(page.locator("figure.qr svg")).to_be_visible()
    app = _app_from_the_page(page)
    page.get_by_label("Code", exact=True).fill(app.now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, user.email, email_label="Email", password_label="Password", button="Sign in")
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert not any(c["name"] == "eom_session" for c in page.context.cookies())
    page.get_by_label("Code", exact=True).fill(app.at(utcnow() + timedelta(seconds=30)))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as Tomás Técnico.")).to_be_visible()
    expect(page.locator("#enrol-two-factor")).to_have_count(0)


def test_a_person_in_spanish_sets_it_up_and_signs_in_with_a_recovery_code(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, role=Role.observer, full_name="Olga Observadora")
    page.goto(f"{live_server}/login?lang=es")
    labels = {"email_label": "Correo electrónico", "password_label": "Contraseña"}
    _sign_in(page, user.email, **labels, button="Iniciar sesión")
    page.goto(f"{live_server}/account?lang=es")
    page.get_by_role("link", name="Configurar el inicio de sesión en dos pasos").click()
    page.get_by_label("Código", exact=True).fill("000000")
    page.get_by_role("button", name="Activar el inicio de sesión en dos pasos").click()
    expect(page.locator("#code-error")).to_have_text("Este código no es correcto o ya se usó.")
    page.get_by_label("Código", exact=True).fill(_app_from_the_page(page).now())
    page.get_by_role("button", name="Activar el inicio de sesión en dos pasos").click()
    expect(page.get_by_role("heading", name="Sus códigos de recuperación")).to_be_visible()
    recovery = page.locator("#recovery-codes li").first.inner_text()
    page.get_by_role("button", name="Cerrar sesión").click()

    _sign_in(page, user.email, **labels, button="Iniciar sesión")
    expect(page.get_by_role("heading", name="Escriba su código")).to_be_visible()
    page.get_by_label("Código", exact=True).fill(recovery)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_text("Olga Observadora · Observador")).to_be_visible()
    page.goto(f"{live_server}/account/two-factor")
    expect(page.get_by_text("Códigos de recuperación restantes: 9.")).to_be_visible()


def test_the_field_app_asks_for_the_code_of_an_account_with_two_factor(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher, settings: Settings
) -> None:
    user = make_user(db, hasher, role=Role.observer)
    secret, _ = enrol_totp(db, user, settings)
    page.goto(f"{live_server}/field/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Your account has two-factor sign-in: enter the code of your app, or a recovery code."
    )
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("This code is not right, or was already used.")
    page.get_by_label("Code", exact=True).fill(next_code(secret))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("You are not a member of any mission yet.")).to_be_visible()
