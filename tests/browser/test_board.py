"""DECO staff follow election day on the board, in a real browser."""

import re
import uuid
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, Page, expect

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import filing, incidents, stations
from eom.field.models import IncidentCategory, IncidentCreate, Severity, SubmissionIn
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    advance,
    field_observer,
    make_form,
    make_mission,
    make_station,
    make_user,
)
from tests.support.browser import sign_in
from tests.support.election_day import board_day

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
        filing.file_one(session, fresh, member, data, actor=SYSTEM)
        report = IncidentCreate(
            uuid=str(uuid.uuid4()),
            category=IncidentCategory.vote_buying,
            severity=Severity.high,
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
    expect(page.locator("#live")).to_have_attribute("hx-trigger", "every 4s")

    page.get_by_label("Note").fill("Confirmed by the regional coordinator.")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Incident \d+ confirmed\."))
    expect(page.get_by_text("No incidents wait for verification.")).to_be_visible()

    page.get_by_role("link", name="ES", exact=True).click()
    expect(page.get_by_role("heading", name="Jornada electoral · EOM-BOL-2026")).to_be_visible()
    expect(page.get_by_text("Ningún incidente espera verificación.")).to_be_visible()


def _filed(db: Database, mission_id: int, member: object, form_id: int, station_id: int) -> None:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission_id)
        data = SubmissionIn(
            uuid=str(uuid.uuid4()),
            form_id=form_id,
            station_id=station_id,
            observed_at=datetime(2026, 8, 17, 11, 30, tzinfo=UTC),
            answers={"opened_on_time": False, "assessment": "poor"},
        )
        filing.file_one(session, fresh, member, data, actor=SYSTEM)  # type: ignore[arg-type]


def test_the_board_updates_in_place_and_keeps_what_the_reader_typed_and_opened(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    member, _ = field_observer(db, hasher, mission)
    form = make_form(db, mission)
    first = make_station(db, mission, code="LP-001")
    second = make_station(db, mission, code="LP-002")
    silent = make_station(db, mission, code="LP-003")
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        assigned = [first.id or 0, second.id or 0, silent.id or 0]
        stations.assign_stations(session, fresh, member, assigned, actor=SYSTEM)
        report = IncidentCreate(
            uuid=str(uuid.uuid4()),
            category=IncidentCategory.vote_buying,
            severity=Severity.high,
            station_id=first.id,
            occurred_at=datetime(2026, 8, 17, 12, tzinfo=UTC),
            description="Vouchers handed out in the queue.",
        )
        incidents.report(session, fresh, member, report, actor=SYSTEM)
    _filed(db, mission.id or 0, member, form.id or 0, first.id or 0)
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server}/missions/{mission.id}/board")
    page.evaluate(
        "window.updates = 0; document.addEventListener('htmx:afterSwap', () => updates++)"
    )
    expect(page.get_by_text("1 reports received.")).to_be_visible()
    opening = page.locator("#coverage").get_by_role("row", name="Opening")
    opening.locator("summary").click()
    note = page.get_by_label("Note")
    note.fill("Half typed: checking with the coordinat")

    _filed(db, mission.id or 0, member, form.id or 0, second.id or 0)
    # A function, not an expression: the page's policy forbids eval, which an expression needs.
    page.wait_for_function("() => window.updates >= 2", timeout=15_000)

    expect(page.get_by_text("2 reports received.")).to_be_visible()  # at most 5 s behind
    assert refused == []  # htmx updates the board within the Content-Security-Policy
    expect(note).to_have_value("Half typed: checking with the coordinat")
    expect(note).to_be_focused()
    expect(page.locator("#missing-opening")).to_have_attribute("open", "")
    expect(page.locator("#missing-opening")).to_contain_text("LP-003")
    expect(page.locator("#updated time")).to_be_visible()
    # The answer that signals a problem is marked as such on the chart.
    expect(page.get_by_role("img", name="Opened on time?")).to_contain_text("⚠ No")


def test_the_board_of_a_mission_long_over_does_not_refresh(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db, code="EOM-BOL-2020"), MissionStatus.closed)
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/missions/{mission.id}/board")
    expect(
        page.get_by_text("Election day is over: this board no longer updates itself.")
    ).to_be_visible()
    expect(page.locator("#live")).not_to_have_attribute("hx-trigger", "every 4s")


def test_staff_filter_the_board_and_drill_down_to_a_station_where_they_verify(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    day = board_day(db, hasher)
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server}{day.board}")
    page.get_by_label("Region", exact=True).select_option("Norte")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"region=Norte"))
    expect(page.get_by_text("3 reports received.")).to_be_visible()
    expect(page.locator("#live")).to_have_attribute("hx-get", re.compile(r"/live\?region=Norte"))
    expect(page.get_by_role("link", name="Download CSV").first).to_have_attribute(
        "href", re.compile(r"submissions\.csv\?region=Norte")
    )

    page.get_by_role("link", name="Show everything").click()
    page.locator("#by-region").get_by_role("link", name="Norte").click()
    expect(page.get_by_role("heading", name="Norte · Election day · EOM-BOL-2026")).to_be_visible()
    page.locator("#region-stations").get_by_role("link", name="N-001").click()
    expect(page.get_by_role("heading", name="Station N-001 · EOM-BOL-2026")).to_be_visible()
    corrected = "A later filing corrects this one; its answers no longer count."
    expect(page.get_by_text(corrected)).to_be_visible()

    page.get_by_label("Note").fill("Confirmed by the regional coordinator.")
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(rf"/stations/{day.north.id}/filings#incident-"))
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Incident \d+ confirmed\."))
    expect(page.locator(f"#incident-{day.incident_north}")).to_contain_text("Incident confirmed")

    page.locator("#station").get_by_role("link", name="Ana Pérez").click()
    expect(page.get_by_role("heading", name="Ana Pérez · EOM-BOL-2026")).to_be_visible()
    expect(page.locator("article.filing")).to_have_count(3)


def test_a_station_and_a_region_read_in_spanish_on_a_phone(
    browser: Browser, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    day = board_day(db, hasher)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="es-ES"
    )
    phone = context.new_page()
    try:
        phone.goto(f"{live_server}/login?lang=en")  # the sign-in helper reads English labels
        sign_in(phone, live_server, make_user(db, hasher, role=Role.staff).email)
        for path in (
            f"{day.station_page(day.north)}?lang=es",
            f"{day.board}/regions/Norte?lang=es",
            f"{day.member_page(day.ben)}?lang=es",
        ):
            phone.goto(f"{live_server}{path}")
            expect(phone.get_by_role("heading", level=1)).to_contain_text("EOM-BOL-2026")
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
        phone.goto(f"{live_server}{day.station_page(day.north)}?lang=es")
        expect(phone.get_by_text("¿Abrió a tiempo?").first).to_be_visible()
        expect(phone.get_by_role("heading", name="Informes")).to_be_visible()
    finally:
        context.close()
