"""Reports not tied to a station, filled on a phone: a long-term observer picks an area
of their own for the periodic report, a specialist files their theme's instrument for
the whole mission; each is stored once, under its area or under none."""

from datetime import date
from typing import Any

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, Page, Playwright, expect
from sqlalchemy import text

from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.reference import Theme
from eom.planning.members.models import MemberRole
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    PASSWORD,
    advance,
    deploy,
    make_form,
    make_member,
    make_mission,
    make_observer,
    make_station,
    make_user,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def mission(db: Database) -> Mission:
    """Observing today, with stations in two municipalities of La Paz and one of Oruro."""
    mission = advance(
        db,
        make_mission(db, code="EOM-LTO-2026", election_date=date.today()),
        MissionStatus.deployed,
    )
    for region, municipality in (
        ("La Paz", "El Alto"),
        ("La Paz", "Viacha"),
        ("Oruro", "Caracollo"),
    ):
        make_station(db, mission, region=region, municipality=municipality)
    return mission


def _member(db: Database, hasher: PasswordHasher, mission: Mission, **role: object) -> str:
    email = f"{role['role']}@observers.example"
    deploy(db, make_member(db, mission, make_observer(db, email=email), **role))
    make_user(db, hasher, role=Role.observer, email=email)
    return email


def _phone(browser: Browser, playwright: Playwright, language: str) -> Page:
    context = browser.new_context(**playwright.devices["Pixel 7"], locale=language)
    context.set_default_timeout(15_000)
    return context.new_page()


def _sign_in(page: Page, url: str, email: str, words: dict[str, str]) -> None:
    page.goto(f"{url}/field/")
    page.get_by_label(words["email"]).fill(email)
    page.get_by_label(words["password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["sign_in"]).click()
    expect(page.get_by_role("heading", name="EOM-LTO-2026")).to_be_visible()


def _answer_and_send(page: Page, words: dict[str, str]) -> None:
    page.get_by_role("group", name=words["on_time"]).get_by_label(words["yes"]).check()
    page.get_by_role("group", name=words["assessment"]).get_by_label(words["good"]).check()
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("heading", name=words["outbox"])).to_be_visible()
    # online, the app sends at once: the outbox empties
    expect(page.get_by_text(words["nothing_waiting"])).to_be_visible()


def _stored(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT station_id, area, region FROM submission"))
        return [tuple(row) for row in rows]


ENGLISH = {
    "email": "Email", "password": "Password", "sign_in": "Sign in", "fill_in": "Fill in",
    "area": "Area (region or municipality)", "on_time": "Opened on time?", "yes": "Yes",
    "assessment": "Assessment", "good": "Good", "save": "Save to send", "outbox": "Outbox",
    "nothing_waiting": "Nothing is waiting to be sent.", "other_forms": "Other forms",
}  # fmt: skip


def test_a_long_term_observer_files_the_periodic_report_for_a_town_of_their_area(
    browser: Browser, playwright: Playwright, live_server: str, db: Database,
    hasher: PasswordHasher, mission: Mission,
) -> None:  # fmt: skip
    make_form(db, mission, key="periodic", title_en="Periodic report", scope="area")
    email = _member(db, hasher, mission, role=MemberRole.long_term_observer, area="La Paz")
    page = _phone(browser, playwright, "en-US")
    _sign_in(page, live_server, email, ENGLISH)

    page.get_by_role("link", name="Fill in: Periodic report").click()
    expect(page.get_by_label("Polling station")).to_have_count(0)
    area = page.get_by_label(ENGLISH["area"])
    # only the observer's own region and then its municipalities are offered (the app
    # fills the list from its stored assignments: wait for it, never read it half built)
    expect(area.locator("option:not([value=''])")).to_have_count(3)
    assert area.locator("option:not([value=''])").all_inner_texts() == [
        "La Paz", "El Alto", "Viacha",
    ]  # fmt: skip
    area.select_option("Viacha")
    _answer_and_send(page, ENGLISH)

    assert _stored(db) == [(None, "Viacha", "La Paz")]
    page.context.close()


SPANISH = {
    "email": "Correo electrónico", "password": "Contraseña", "sign_in": "Iniciar sesión",
    "on_time": "¿Abrió a tiempo?", "yes": "Sí", "assessment": "Evaluación", "good": "Buena",
    "save": "Guardar para enviar", "outbox": "Bandeja de salida",
    "nothing_waiting": "No hay nada pendiente de envío.",
}  # fmt: skip


def test_a_gender_specialist_files_their_instrument_for_the_whole_mission_in_spanish(
    browser: Browser, playwright: Playwright, live_server: str, db: Database,
    hasher: PasswordHasher, mission: Mission,
) -> None:  # fmt: skip
    make_form(db, mission, key="gender", title_es="Género", scope="mission", theme=Theme.gender)
    make_form(db, mission, key="media", title_es="Medios", scope="mission", theme=Theme.media)
    email = _member(db, hasher, mission, role=MemberRole.specialist, theme=Theme.gender)
    page = _phone(browser, playwright, "es-ES")
    _sign_in(page, live_server, email, SPANISH)

    # their own theme's instrument comes first; another theme's waits under "other forms"
    expect(page.get_by_role("link", name="Completar: Género")).to_be_visible()
    expect(page.get_by_role("link", name="Completar: Medios")).to_be_hidden()
    page.get_by_role("link", name="Completar: Género").click()
    expect(page.get_by_label("Mesa de votación")).to_have_count(0)
    expect(page.get_by_label("Área (región o municipio)")).to_have_count(0)
    _answer_and_send(page, SPANISH)

    assert _stored(db) == [(None, None, None)]
    page.context.close()
