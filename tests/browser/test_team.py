"""DECO staff build a team from the roster with clicks, on a laptop in English and on a
phone in Spanish; each person's result is shown, and the database holds the team."""

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.members import service as members
from eom.planning.members.models import MemberStatus
from eom.planning.missions import service as missions
from tests.factories import make_mission, make_observer, make_user
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser


def test_staff_add_people_from_the_roster_and_confirm_them(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    mission = make_mission(db, code="EOM-BOL-2033", host_country="BO")
    for name, country in (("Ana Núñez", "AR"), ("Ben Okafor", "CA"), ("Luz Quispe", "BO")):
        make_observer(db, full_name=name, nationality=country)
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}")
    page.get_by_role("link", name="Team", exact=True).first.click()
    page.get_by_role("link", name="Add people from the roster").click()
    page.get_by_role("button", name="Search").click()
    for name in ("Ana Núñez", "Ben Okafor", "Luz Quispe"):
        page.get_by_role("checkbox", name=name).check()
    page.get_by_label("Area").fill("La Paz")
    page.get_by_role("button", name="Add those ticked").click()
    expect(page.get_by_role("status").filter(has_text="done")).to_have_text("2 of 3 done.")
    expect(page.locator("#outcomes")).to_contain_text("Luz Quispe is a national of Bolivia")

    page.get_by_role("checkbox", name="Ana Núñez").check()
    page.get_by_role("checkbox", name="Ben Okafor").check()
    page.get_by_label("Change the status of those ticked to").select_option("confirmed")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_role("status").filter(has_text="done")).to_have_text("2 of 2 done.")

    with db.session_scope() as session:
        team = members.members_of(session, missions.get_mission(session, mission.id or 0))
        assert {(o.full_name, m.status, m.area) for m, o in team} == {
            ("Ana Núñez", MemberStatus.confirmed, "La Paz"),
            ("Ben Okafor", MemberStatus.confirmed, "La Paz"),
        }


def test_a_phone_in_spanish_finds_who_is_free_and_adds_them(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    mission = make_mission(db, code="EOM-BOL-2034")
    make_observer(db, full_name="Rosa Libre", nationality="CL")
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}/team/add?lang=es")
    page.get_by_label("Nombre o correo").fill("rosa")
    page.get_by_label("Libres en las fechas de la misión").check()
    page.get_by_role("button", name="Buscar").click()
    page.get_by_role("checkbox", name="Rosa Libre").check()
    page.get_by_role("button", name="Agregar a los marcados").click()
    expect(page.get_by_role("status").filter(has_text="hechos")).to_have_text("1 de 1 hechos.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
