"""What a person does on the sign-in page, in a real browser."""

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser


def test_a_staff_member_signs_in_switches_to_spanish_and_signs_out(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher, tmp_path: Path
) -> None:
    user = make_user(db, hasher, role=Role.staff, full_name="Sofía Planificadora")
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_text("Welcome, Sofía Planificadora.")).to_be_visible()
    expect(page.get_by_text("Sofía Planificadora · DECO staff")).to_be_visible()
    page.screenshot(path=str(tmp_path / "signed-in.png"))

    page.get_by_role("link", name="ES", exact=True).click()
    expect(page.get_by_text("Le damos la bienvenida, Sofía Planificadora.")).to_be_visible()
    page.get_by_role("button", name="Cerrar sesión").click()
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()


def test_a_wrong_password_is_told_plainly_and_nothing_opens(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Incorrect email or password.")
    expect(page.get_by_label("Email")).to_have_value(user.email)
    assert not any(c["name"] == "eom_session" for c in page.context.cookies())
