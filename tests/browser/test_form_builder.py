"""DECO staff build a mission's checklists in a real browser: copy the standard set, add a
choice question to a draft, move it up, preview and publish it; then, on a phone in
Spanish, a refused question comes back with the reason beside its field."""

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.core.db import Database
from eom.field import forms
from eom.field.models import FormStatus
from eom.planning.missions import service as missions
from tests.factories import make_form, make_mission, make_user
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser


def test_staff_copy_the_standard_set_add_a_choice_question_and_publish(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db, code="EOM-CRI-2026")
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}")
    page.get_by_role("link", name="Forms", exact=True).click()
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("Copied 12 forms as drafts")).to_be_visible()
    page.locator("#forms tr").filter(has_text="Opening").get_by_role("link").click()
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question in English").fill("Which materials were missing?")
    page.get_by_label("Question in Spanish").fill("¿Qué materiales faltaban?")
    page.get_by_label("Answer", exact=True).select_option("multiple_choice")
    page.get_by_label("Choice 1 in English").fill("Ballots")
    page.get_by_label("Choice 1 in Spanish").fill("Papeletas")
    page.get_by_label("Choice 2 in English").fill("Ink")
    page.get_by_label("Choice 2 in Spanish").fill("Tinta")
    page.get_by_label("Choice 2 signals a problem").check()
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("Question added.")).to_be_visible()
    count = page.locator("#question-list > li").count()
    page.get_by_role("button", name=f"Move question {count} up").click()
    expect(page.locator("#question-list > li").nth(count - 2)).to_contain_text(
        "Which materials were missing?"
    )
    page.get_by_role("link", name="Preview as an observer").click()
    expect(page.get_by_role("group", name="Which materials were missing?")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("is published: observers can fill it in.")).to_be_visible()
    with db.session_scope() as session:
        stored = missions.get_mission(session, mission.id or 0)
        opening = next(f for f in forms.list_forms(session, stored) if f.key == "opening")
        assert opening.status == FormStatus.published
        missing = opening.questions[-2]
        assert missing["id"] == "which_materials_were_missing"
        assert [(c["value"], c["concern"]) for c in missing["choices"]] == [
            ("ballots", False),
            ("ink", True),
        ]


def test_on_a_phone_in_spanish_a_refused_question_says_why_beside_the_field(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db)
    form = make_form(db, mission, publish=False)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}/forms/{form.id}/questions/new?lang=es")
    page.get_by_label("Pregunta en inglés").fill("How many voters?")
    page.get_by_label("Pregunta en español").fill("¿Cuántos electores?")
    page.get_by_label("Respuesta", exact=True).select_option("integer")
    page.get_by_label("Mínimo").fill("100")
    page.get_by_label("Máximo").fill("10")
    page.get_by_role("button", name="Añadir la pregunta").click()
    expect(page.locator("#maximum-error")).to_have_text("El máximo es menor que el mínimo.")
    expect(page.get_by_label("Pregunta en español")).to_have_value("¿Cuántos electores?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Máximo").fill("1000")
    page.get_by_role("button", name="Añadir la pregunta").click()
    expect(page.get_by_text("Pregunta añadida.")).to_be_visible()
