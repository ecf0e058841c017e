"""An administrator in a real browser: gives a person a password reset link that the
person then uses, and reads the audit log on a phone in Spanish."""

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, Page, expect

from eom.accounts.models import Role
from eom.audit import checkpoints
from eom.audit.checkpoints import Anchoring
from eom.core.db import Database
from tests.factories import make_user
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser


def test_an_administrator_passes_on_a_reset_link_and_the_person_sets_a_password(
    page: Page, browser: Browser, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    make_user(db, hasher, role=Role.observer, email="olga@example.org", full_name="Olga Obs")
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, make_user(db, hasher, role=Role.admin).email)
    page.get_by_role("link", name="Accounts").click()
    page.get_by_label("Role").select_option("observer")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Olga Obs").click()
    page.get_by_role("button", name="Make a password reset link").click()
    expect(page.get_by_text("It is shown only now")).to_be_visible()
    link = page.get_by_label("The link").input_value()

    person = browser.new_context(locale="en-US").new_page()
    person.goto(link)
    person.get_by_label("New password").fill("olga's new passphrase")
    person.get_by_label("The same password again").fill("olga's new passphrase")
    person.get_by_role("button", name="Set the password").click()
    expect(person.get_by_text("The password of olga@example.org is set.")).to_be_visible()
    sign_in(person, live_server, "olga@example.org", "olga's new passphrase")
    expect(person.get_by_text("Signed in as Olga Obs.")).to_be_visible()
    person.goto(link)
    expect(person.get_by_role("heading", name="No longer available")).to_be_visible()
    person.context.close()


def test_the_audit_log_reads_on_a_phone_in_spanish(
    browser: Browser,
    live_server: str,
    db: Database,
    hasher: PasswordHasher,
    anchoring: Anchoring,
) -> None:
    make_user(db, hasher, full_name="Persona " + "Larguísima" * 12)
    with db.session_scope() as session:
        checkpoints.checkpoint(session, anchoring)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="es-ES"
    )
    phone = context.new_page()
    phone.goto(f"{live_server}/?lang=en")  # the sign-in helper reads the English labels
    sign_in(phone, live_server, make_user(db, hasher, role=Role.admin).email)
    phone.goto(f"{live_server}/?lang=es")
    phone.get_by_text("Menú").click()
    phone.get_by_role("link", name="Registro de auditoría").click()
    expect(phone.get_by_text("la cadena está intacta")).to_be_visible()
    expect(
        phone.get_by_text("Contiene lo que fijaron 1 puntos de control firmados")
    ).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # the digest wraps
    phone.get_by_label("Tipo de registro").select_option("user")
    phone.get_by_role("button", name="Filtrar").click()
    phone.get_by_text("Creado con").last.click()  # newest first: the oldest is hers
    expect(phone.get_by_role("cell", name="Persona Larguísima", exact=False).first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
