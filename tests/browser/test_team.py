"""DECO staff build a team from the roster with clicks, on a laptop in English and on a
phone in Spanish; each person's result is shown, and the database holds the team. The
roster itself is uploaded from a CSV file on its page."""

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect
from sqlmodel import select

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.members import service as members
from eom.planning.members.models import MemberStatus
from eom.planning.missions import service as missions
from eom.planning.observers.models import Observer
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


def test_a_phone_in_spanish_uploads_the_roster_from_a_csv_file(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    roster = (
        "full_name;nationality;gender;languages;expertise;email;phone\n"
        "Rosa Quispe;PE;female;es qu;gender;rosa.quispe@observers.example;+51 1 555 0100\n"
        "Tomás Rivas;UY;male;es pt;media;tomas.rivas@observers.example;\n"
    )
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/roster?lang=es")
    page.get_by_role("link", name="Importar la lista desde CSV").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Archivo CSV con un observador por fila").set_input_files(
        {"name": "lista.csv", "mimeType": "text/csv", "buffer": roster.encode("cp1252")}
    )
    page.get_by_role("button", name="Subir").click()
    expect(page.get_by_role("status")).to_have_text("Lista importada: 2 nuevos, 0 actualizados.")
    expect(page.locator("#roster")).to_contain_text("Tomás Rivas")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with db.session_scope() as session:
        assert sorted(o.full_name for o in session.exec(select(Observer))) == [
            "Rosa Quispe",
            "Tomás Rivas",
        ]
