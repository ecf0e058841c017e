"""DECO staff follow election day on the board, in a real browser."""

import uuid
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.db import Database
from eom.field import incidents, stations, submissions
from eom.field.models import IncidentCreate, SubmissionIn
from eom.missions import service as missions
from eom.missions.models import MissionStatus
from tests.browser.test_planning import sign_in
from tests.factories import (
    advance,
    field_observer,
    make_form,
    make_mission,
    make_station,
    make_user,
)

pytestmark = pytest.mark.browser


def test_staff_see_reports_coverage_and_verify_an_incident(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    member, _ = field_observer(db, hasher, mission)
    form = make_form(db, mission)
    reported, silent = (
        make_station(db, mission, code="LP-001"),
        make_station(db, mission, code="LP-002"),
    )
    observed = datetime(2026, 8, 17, 11, 0, tzinfo=UTC)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        stations.assign_stations(
            session, fresh, member, [reported.id or 0, silent.id or 0], actor=SYSTEM
        )
        data = SubmissionIn(
            uuid=str(uuid.uuid4()),
            form_id=form.id or 0,
            station_id=reported.id or 0,
            observed_at=observed,
            answers={"opened_on_time": True, "assessment": "good"},
        )
        submissions.receive(session, fresh, member, data, actor=SYSTEM)
        report = IncidentCreate(
            uuid=str(uuid.uuid4()),
            category="vote_buying",
            severity="high",
            place="Plaza Murillo",
            occurred_at=observed,
            description="Vouchers handed out in the queue.",
        )
        incidents.report(session, fresh, member, report, actor=SYSTEM)
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}")
    page.get_by_role("link", name="Election-day board").click()

    expect(page.get_by_text("1 reports received.")).to_be_visible()
    opening = page.locator("#coverage").get_by_role("row", name="Opening")
    expect(opening).to_contain_text("2")
    opening.locator("summary").click()
    expect(opening).to_contain_text("LP-002")
    expect(page.get_by_role("img", name="Opened on time?")).to_be_visible()
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_attribute("content", "30")

    page.get_by_label("Note").fill("Confirmed by the regional coordinator.")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("No incidents wait for verification.")).to_be_visible()

    page.get_by_role("link", name="ES").click()
    expect(page.get_by_role("heading", name="Jornada electoral · EOM-BOL-2026")).to_be_visible()
    expect(page.get_by_text("Ningún incidente espera verificación.")).to_be_visible()
