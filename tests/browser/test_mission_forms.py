"""DECO staff create a mission and take it through its first steps with clicks only, on
a laptop in English and on a tablet in Spanish; the database holds what the clicks said."""

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect
from sqlmodel import select

from eom.accounts.models import Role
from eom.core.db import Database
from eom.funding import budgets
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import make_mission, make_user
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser


def _mission(db: Database, code: str) -> tuple[Mission, list[str]]:
    with db.session_scope() as session:
        mission = session.exec(select(Mission).where(Mission.code == code)).one()
        kinds = [a.kind.value for a in missions.agreements_of(session, mission)]
        return mission, kinds


def test_staff_create_a_mission_and_take_it_to_its_agreements_by_clicks(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions")
    page.get_by_role("link", name="New mission").click()
    page.get_by_label("Code").fill("EOM-CRI-2028")
    page.get_by_label("Country").select_option(label="Costa Rica")
    page.get_by_label("Election", exact=True).select_option("general")
    page.get_by_label("Invitation received on").fill("2026-09-15")
    page.get_by_label("Election date").fill("2028-02-06")
    page.get_by_label("Runoff (if any)").fill("2028-01-01")  # before the election: refused
    page.get_by_label("Planned budget in USD (optional)").fill("380000")
    page.get_by_role("button", name="Create mission").click()
    expect(page.locator("#runoff_date-error")).to_contain_text("after the election date")
    expect(page.get_by_label("Code")).to_have_value("EOM-CRI-2028")  # the input is kept
    page.get_by_label("Runoff (if any)").fill("2028-04-02")
    page.get_by_role("button", name="Create mission").click()
    expect(page.locator(".flash")).to_contain_text("Mission EOM-CRI-2028 created.")

    for step, on in (("Accepted", "2026-09-20"), ("Preliminary visit", "2026-10-05")):
        page.get_by_role("button", name=f"Move to: {step}…").click()
        page.get_by_label("Date").fill(on)
        page.get_by_role("button", name=f"Confirm: {step}").click()
        expect(page.locator(".flash")).to_contain_text(f"EOM-CRI-2028 is now: {step}.")
    page.get_by_label("Signed with").fill("Ministerio de Relaciones Exteriores")
    page.get_by_label("Signed on").fill("2026-10-20")
    page.get_by_role("button", name="Record the agreement").click()
    expect(page.locator(".flash")).to_contain_text("Agreement recorded")

    mission, agreements = _mission(db, "EOM-CRI-2028")
    assert (mission.status, mission.host_country) == (MissionStatus.preliminary_visit, "CR")
    assert str(mission.runoff_date) == "2028-04-02" and agreements == ["privileges_immunities"]
    with db.session_scope() as session:
        assert budgets.totals_in_force(session, [mission.id or 0])[mission.id or 0] == 380000


def test_a_tablet_in_spanish_edits_the_plan_and_cancels_with_a_reason(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    page.set_viewport_size({"width": 820, "height": 1180})
    mission = make_mission(db, code="EOM-HND-2029")
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}?lang=es")
    page.get_by_role("link", name="Editar el plan").click()
    page.get_by_label("Fecha de la elección").fill("2029-11-25")
    page.get_by_role("button", name="Guardar").click()
    expect(page.locator(".flash")).to_contain_text("Guardado")
    page.get_by_role("button", name="Cancelar la misión…").click()
    page.get_by_role("button", name="Confirmar: Cancelada").click()
    expect(page.locator("#reason-error")).to_contain_text("Diga por qué")
    page.get_by_label("Motivo").fill("El gobierno retiró la invitación.")
    page.get_by_role("button", name="Confirmar: Cancelada").click()
    expect(page.locator(".timeline")).to_contain_text("El gobierno retiró la invitación.")
    expect(page.get_by_role("link", name="Editar el plan")).to_have_count(0)

    stored, _ = _mission(db, "EOM-HND-2029")
    assert stored.status == MissionStatus.cancelled and str(stored.election_date) == "2029-11-25"
