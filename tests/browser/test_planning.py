"""What DECO staff, observers and visitors do on the planning pages, in a real browser."""

from datetime import date

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.members.models import MemberRole, MemberStatus
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    acknowledge_all,
    advance,
    make_member,
    make_mission,
    make_observer,
    make_user,
    set_status,
)
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser


def test_staff_find_a_mission_and_read_its_page_in_both_languages(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    make_mission(db, code="EOM-PER-2026", host_country="PE", election_date=date(2026, 4, 12))
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    chief = make_member(
        db,
        mission,
        make_observer(db, full_name="Rosa Chief", gender="female"),
        role=MemberRole.chief,
    )
    acknowledge_all(db, chief)
    make_member(db, mission, make_observer(db, full_name="Tom Unsigned", gender="male"))
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)

    page.get_by_role("link", name="Missions", exact=True).click()
    page.get_by_label("Country").select_option("BO")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="EOM-PER-2026")).to_have_count(0)
    page.get_by_role("link", name="EOM-BOL-2026").click()

    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.locator("ol.timeline li")).to_have_count(7)
    expect(page.locator(".charts .chart")).to_have_count(4)
    row = page.get_by_role("row", name="Tom Unsigned")
    expect(row).to_contain_text("Not signed")
    expect(page.get_by_role("row", name="Rosa Chief")).to_contain_text("Signed")
    expect(page.get_by_text("1 have not signed the code of conduct.")).to_be_visible()

    page.get_by_role("link", name="ES", exact=True).click()
    expect(page.get_by_role("heading", name="Cronología")).to_be_visible()
    expect(page.get_by_role("row", name="Tom Unsigned")).to_contain_text("Sin firmar")
    expect(page.get_by_role("img", name="Equilibrio de género")).to_be_visible()


def test_staff_search_the_roster(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    make_observer(db, full_name="Lucía Fernández", nationality="UY", languages=["es", "pt"])
    make_observer(db, full_name="John Smith", nationality="JM", languages=["en"])
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.get_by_role("link", name="Roster").click()
    page.get_by_label("Name or email").fill("lucía")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("row", name="Lucía Fernández")).to_contain_text("Uruguay")
    expect(page.get_by_role("row", name="John Smith")).to_have_count(0)
    page.get_by_label("Name or email").fill("fernandez")  # accents do not matter
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("row", name="Lucía Fernández")).to_be_visible()
    page.get_by_label("Name or email").fill("")
    page.get_by_label("Language", exact=True).select_option(label="English")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("row", name="John Smith")).to_be_visible()
    page.get_by_role("link", name="ES", exact=True).click()
    expect(page.get_by_role("heading", name="Lista de observadores")).to_be_visible()
    expect(page.get_by_role("row", name="John Smith")).to_contain_text("Jamaica")
    page.get_by_role("link", name="Misiones", exact=True).click()
    expect(page.get_by_role("heading", name="Misiones")).to_be_visible()


def test_an_observer_reads_and_acknowledges_the_code(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db, code="EOM-ECU-2027"), MissionStatus.agreements_signed)
    member = make_member(db, mission, make_observer(db, email="olivia@observers.example"))
    set_status(db, member, MemberStatus.confirmed)
    make_user(db, hasher, role=Role.observer, email="olivia@observers.example")
    sign_in(page, live_server, "olivia@observers.example")
    page.get_by_role("link", name="My code of conduct").click()
    expect(page.get_by_text("Items to acknowledge")).to_be_visible()
    boxes = page.get_by_role("checkbox")
    expect(boxes).to_have_count(12)
    box = boxes.first.bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 24  # a thumb's target
    for n in range(12):
        boxes.nth(n).check()
    page.get_by_role("button", name="Acknowledge the items ticked").click()
    expect(page.get_by_role("status")).to_have_text("Acknowledged: 12 items.")
    expect(page.get_by_text("All items acknowledged")).to_be_visible()
    expect(page.get_by_role("checkbox")).to_have_count(0)
    page.get_by_role("link", name="ES", exact=True).click()
    expect(page.get_by_text("Todos los puntos aceptados")).to_be_visible()
    expect(page.get_by_text("Respetar la soberanía")).to_be_visible()


def test_visitors_see_accepted_missions_without_their_people(
    page: Page, live_server: str, db: Database
) -> None:
    make_mission(db, code="EOM-HID-2026")
    shown = advance(db, make_mission(db, code="EOM-PUB-2026"), MissionStatus.accepted)
    make_member(db, shown, make_observer(db, full_name="Private Person"))
    page.goto(f"{live_server}/missions")
    expect(page.get_by_role("link", name="EOM-HID-2026")).to_have_count(0)
    page.get_by_role("link", name="EOM-PUB-2026").click()
    expect(page.get_by_role("heading", name="EOM-PUB-2026")).to_be_visible()
    expect(page.get_by_text("Private Person")).to_have_count(0)
    expect(page.get_by_text("Budget")).to_have_count(0)
