"""One whole mission, run by DECO staff with clicks only: created, taken from `requested` to
`closed`, its agreements recorded, a team of 20 built from the roster, its stations
uploaded and assigned, its forms published, an incident verified and the board's
incidents exported, a budget and three movements in two currencies entered,
recommendations drafted and published, an earlier one assessed — in English; then a
shorter walk in Spanish. The database afterwards holds exactly what the clicks said.

What observers do on their phones (acknowledging the code, reporting the incident) is
done through the services here: the field app is not these pages."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Page, expect
from sqlmodel import select

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.documents.models import DocumentKind
from eom.field import forms, incidents, stations
from eom.field.models import FormStatus, IncidentCategory, IncidentCreate, Severity
from eom.funding import budgets, movements
from eom.planning.conduct import service as conduct
from eom.planning.members import service as members
from eom.planning.members.models import MemberStatus
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from recommendations import follow_up
from recommendations import service as recommendations
from recommendations.models import FollowUpStatus
from tests.factories import (
    make_document,
    make_donor,
    make_observer,
    make_recommendation,
    make_user,
    publish,
    reported_mission,
)
from tests.support.browser import sign_in

pytestmark = pytest.mark.browser

CODE = "EOM-PAN-2026"
STATIONS = "region,municipality,centre,code,registered_voters\n" + "".join(
    f"Panamá,San Miguelito,Escuela {n},PA-{n:03d},{300 + n}\n" for n in range(1, 11)
)


def _stored(db: Database) -> Mission:
    with db.session_scope() as session:
        return session.exec(select(Mission).where(Mission.code == CODE)).one()


def _step(page: Page, step: str, on: str) -> None:
    page.get_by_role("button", name=f"Move to: {step}…").click()
    page.get_by_label("Date").fill(on)
    page.get_by_role("button", name=f"Confirm: {step}").click()
    expect(page.locator(".flash")).to_contain_text(f"{CODE} is now: {step}.")


def _sign_the_code_on_their_phones(db: Database, mission: Mission) -> None:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        items = [i.id or 0 for i in conduct.items_in_force(session, fresh.id or 0)]
        for member, _ in members.members_of(session, fresh):
            conduct.acknowledge(session, member, items, actor=SYSTEM)


def _report_an_incident_from_the_field(db: Database, mission: Mission) -> None:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        member, _ = members.members_of(session, fresh)[0]
        report = IncidentCreate(
            uuid=str(uuid.uuid4()),
            category=IncidentCategory.vote_buying,
            severity=Severity.high,
            place="Escuela 1, San Miguelito",
            occurred_at=datetime(2026, 10, 4, 15, 0, tzinfo=UTC),
            description="Food bags handed out in the queue.",
        )
        incidents.report(session, fresh, member, report, actor=SYSTEM)


def _tick_all(page: Page, selector: str) -> None:
    for box in page.locator(selector).all():
        box.check()


def _plan(page: Page) -> None:
    """The mission, and its first steps up to its agreements."""
    page.get_by_role("link", name="New mission").click()
    page.get_by_label("Code").fill(CODE)
    page.get_by_label("Country").select_option(label="Panama")
    page.get_by_label("Election", exact=True).select_option("general")
    page.get_by_label("Invitation received on").fill("2026-03-02")
    page.get_by_label("Election date").fill("2026-10-04")
    page.get_by_role("button", name="Create mission").click()
    expect(page.locator(".flash")).to_contain_text(f"Mission {CODE} created.")
    _step(page, "Accepted", "2026-03-10")
    _step(page, "Preliminary visit", "2026-04-01")
    for agreement in ("privileges_immunities", "observation_procedures"):
        page.get_by_label("Agreement", exact=True).select_option(agreement)
        page.get_by_label("Signed with").fill("Tribunal Electoral de Panamá")
        page.get_by_label("Signed on").fill("2026-05-04")
        page.get_by_role("button", name="Record the agreement").click()
        expect(page.locator(".flash")).to_contain_text("Agreement recorded")
    _step(page, "Agreements signed", "2026-05-04")


def _team(page: Page, live_server: str, db: Database, mission: Mission) -> None:
    """A team of 20 from the roster, confirmed, accredited and deployed."""
    page.get_by_role("link", name="Team", exact=True).first.click()
    page.get_by_role("link", name="Add people from the roster").click()
    page.get_by_label("Name or email").fill("Walker")
    page.get_by_role("button", name="Search").click()
    _tick_all(page, "#found input[name=observer]")
    page.get_by_label("Area").fill("Panamá")
    page.get_by_role("button", name="Add those ticked").click()
    expect(page.get_by_role("status").filter(has_text="done")).to_have_text("20 of 20 done.")
    _sign_the_code_on_their_phones(db, mission)
    for status in ("confirmed", "accredited", "deployed"):
        page.goto(f"{live_server}/missions/{mission.id}/team")
        _tick_all(page, "#members input[name=member]")
        page.get_by_label("Change the status of those ticked to").select_option(status)
        page.get_by_role("button", name="Change status").click()
        expect(page.get_by_role("status").filter(has_text="done")).to_have_text("20 of 20 done.")


def _stations_and_forms(page: Page, live_server: str, mission: Mission) -> None:
    """Stations uploaded and assigned, the standard forms published, deployment."""
    page.goto(f"{live_server}/missions/{mission.id}")
    page.get_by_role("link", name="Polling stations").click()
    page.get_by_label("CSV file with the columns").set_input_files(
        {"name": "stations.csv", "mimeType": "text/csv", "buffer": STATIONS.encode()}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Stations imported: 10 new, 0 updated.")).to_be_visible()
    _tick_all(page, "#stations input[name=station]")
    page.get_by_label("Member").select_option(label="Walker 00 · Short-term observer · Panamá")
    page.get_by_role("button", name="Send to the stations ticked").click()
    expect(page.get_by_text("Sent to 10 stations.")).to_be_visible()
    page.goto(f"{live_server}/missions/{mission.id}/forms")
    page.get_by_role("button", name="Copy").click()
    for n in range(5):
        page.goto(f"{live_server}/missions/{mission.id}/forms")
        page.locator("#forms a", has_text="version 1").nth(n).click()
        page.get_by_role("button", name="Publish version 1").click()
        expect(page.get_by_text("is published: observers can fill it in.")).to_be_visible()
    page.goto(f"{live_server}/missions/{mission.id}")
    _step(page, "Deployed", "2026-09-25")


def _election_day(page: Page, db: Database, mission: Mission) -> None:
    """An incident reported from the field, verified on the board."""
    _report_an_incident_from_the_field(db, mission)
    page.get_by_role("link", name="Election-day board").click()
    page.get_by_label("Note").fill("Confirmed by the core team.")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("No incidents wait for verification.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").nth(1).click()  # the incidents
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Food bags handed out in the queue." in exported
    assert "Confirmed by the core team." in exported


def _money(page: Page, live_server: str, mission: Mission) -> None:
    """A budget, a rate, and three movements in two currencies."""
    page.goto(f"{live_server}/funding/rates")
    page.get_by_label("Currency (ISO code)").fill("SEK")
    page.get_by_label("Date").fill("2026-06-01")
    page.get_by_label("US dollars per unit").fill("0.095")
    page.get_by_role("button", name="Record the rate").click()
    page.goto(f"{live_server}/missions/{mission.id}/funding")
    page.get_by_label("Travel").fill("60000")
    page.get_by_label("Personnel").fill("90000")
    page.get_by_role("button", name="Save as a new revision").click()
    expect(page.get_by_text("Budget revision 1 saved.")).to_be_visible()
    entries = (
        ("pledge", "2026-06-01", "1000000", "SEK", "Sweden", ""),
        ("commitment", "2026-06-01", "800000", "SEK", "Sweden", ""),
        ("expenditure", "2026-09-30", "12500.50", "USD", "", "travel"),
    )
    for kind, on, amount, currency, donor, line in entries:
        form = page.locator("#record")
        form.get_by_label("Movement").select_option(kind)
        form.get_by_label("Date").fill(on)
        form.get_by_label("Amount").fill(amount)
        form.get_by_label("Currency").select_option(currency)
        if donor:
            form.get_by_label("Donor (pledges, commitments, receipts)").select_option(label=donor)
        if line:
            form.get_by_label("Budget line").select_option(line)
        form.get_by_role("button", name="Record the movement").click()
        expect(page.get_by_text("recorded:")).to_be_visible()


def _recommendations(
    page: Page, live_server: str, db: Database, mission: Mission, earlier: int
) -> None:
    """Recommendations drafted and published, an earlier one assessed, the lifecycle finished
    (the statement and the final report published through the service: their pages are
    not this walk's)."""
    publish(db, make_document(db, mission, DocumentKind.preliminary_statement))
    page.goto(f"{live_server}/missions/{mission.id}")
    _step(page, "Preliminary report", "2026-10-06")
    page.get_by_role("link", name="Recommendations", exact=True).last.click()
    for number, text in (
        (1, "Publish the results of every polling station online."),
        (2, "Regulate the financing of electoral campaigns."),
    ):
        page.get_by_role("link", name="New recommendation").click()
        page.get_by_label("Text in English").fill(text)
        page.get_by_label("Text in Spanish").fill(f"Texto de la recomendación número {number}.")
        page.get_by_label("Theme").select_option(
            "electoral_technology" if number == 1 else "political_financing"
        )
        page.get_by_label("Institution").select_option("electoral_body")
        if number == 2:
            page.get_by_label("Reiterates an earlier recommendation").select_option(str(earlier))
        page.get_by_role("button", name="Save the draft").click()
        expect(page.get_by_text(f"Recommendation {number} drafted.")).to_be_visible()
    publish(db, make_document(db, mission, DocumentKind.final_report))
    page.goto(f"{live_server}/missions/{mission.id}")
    _step(page, "Final report", "2026-11-20")
    page.get_by_role("link", name="Recommendations", exact=True).last.click()
    for number in (1, 2):
        page.get_by_role("button", name=f"Publish recommendation {number}").click()
        expect(page.get_by_text(f"Recommendation {number} published.")).to_be_visible()
    page.get_by_role("link", name="Follow-up of earlier recommendations").click()
    item = page.locator(f"#rec-{earlier}")
    item.get_by_text("Assess recommendation").click()
    item.get_by_label("Status found").select_option("partially_implemented")
    item.get_by_label("Assessed on").fill("2026-10-04")
    item.get_by_label("Evidence").fill("A new law caps donations; its oversight is not funded.")
    item.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("Assessment recorded.")).to_be_visible()
    page.goto(f"{live_server}/missions/{mission.id}")
    _step(page, "Follow-up", "2026-11-25")
    _step(page, "Closed", "2026-12-01")


def _holds_what_the_clicks_said(
    db: Database, mission: Mission, earlier: int, sweden: int | None
) -> None:
    """The database afterwards."""
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        assert fresh.status == MissionStatus.closed and fresh.host_country == "PA"
        assert [t.to_status for t in missions.transitions_of(session, fresh)] == [
            MissionStatus.accepted,
            MissionStatus.preliminary_visit,
            MissionStatus.agreements_signed,
            MissionStatus.deployed,
            MissionStatus.preliminary_report,
            MissionStatus.final_report,
            MissionStatus.follow_up,
            MissionStatus.closed,
        ]
        assert len(missions.agreements_of(session, fresh)) == 2
        team = members.members_of(session, fresh)
        assert len(team) == 20 and {m.status for m, _ in team} == {MemberStatus.deployed}
        first = next(m for m, o in team if o.full_name == "Walker 00")
        assert len(stations.assigned_station_ids(session, first)) == 10
        statuses = [f.status for f in forms.list_forms(session, fresh)]
        # The standard set's twelve forms copied, the five the walk opened published.
        assert (statuses.count(FormStatus.published), len(statuses)) == (5, 12)
        [incident] = incidents.list_incidents(session, fresh, member=None, limit=10, offset=0)[0]
        assert incident.verification.value == "confirmed"
        assert budgets.totals_in_force(session, [fresh.id or 0])[fresh.id or 0] == Decimal(
            "150000.00"
        )
        money, _ = movements.list_movements(session, limit=10, offset=0, mission_id=fresh.id)
        assert sorted((m.kind.value, m.currency, str(m.amount)) for m in money) == [
            ("commitment", "SEK", "800000.00"),
            ("expenditure", "USD", "12500.50"),
            ("pledge", "SEK", "1000000.00"),
        ]
        assert {m.donor_id for m in money} == {sweden, None}
        filters = recommendations.Filters(mission_id=fresh.id, published_only=False)
        recs, total = recommendations.list_recommendations(session, filters, limit=10, offset=0)
        assert total == 2 and all(r.published for r, _ in recs)
        assert {r.reiterates_id for r, _ in recs} == {None, earlier}
        [assessment] = follow_up.history(
            session, recommendations.get_recommendation(session, earlier or 0)
        )
        assert assessment.status == FollowUpStatus.partially_implemented
        assert assessment.assessed_by_mission_id == fresh.id


def test_staff_run_a_whole_mission_with_clicks_in_english(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    earlier = make_recommendation(
        db,
        reported_mission(
            db, code="EOM-PAN-2019", host_country="PA", election_date=date(2019, 5, 5)
        ),
        publish=True,
        text_en="Regulate the financing of electoral campaigns.",
    )
    for n in range(20):
        make_observer(db, full_name=f"Walker {n:02d}", nationality="CA")
    sweden = make_donor(db, name="Sweden", kind="member_state", country="SE")
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)

    _plan(page)
    mission = _stored(db)
    _team(page, live_server, db, mission)
    _stations_and_forms(page, live_server, mission)
    _election_day(page, db, mission)
    _money(page, live_server, mission)
    _recommendations(page, live_server, db, mission, earlier.id or 0)
    _holds_what_the_clicks_said(db, mission, earlier.id or 0, sweden.id)


def test_a_shorter_walk_in_spanish_on_a_tablet(
    page: Page, live_server: str, db: Database, hasher: PasswordHasher
) -> None:
    page.set_viewport_size({"width": 820, "height": 1180})
    for n in range(3):
        make_observer(db, full_name=f"Caminante {n}", nationality="CL")
    sign_in(page, live_server, make_user(db, hasher, role=Role.staff).email)
    page.goto(f"{live_server}/?lang=es")
    page.get_by_role("link", name="Nueva misión").click()
    page.get_by_label("Código").fill(CODE)
    page.get_by_label("País").select_option(label="Panamá")
    page.get_by_label("Elección", exact=True).select_option("general")
    page.get_by_label("Invitación recibida el").fill("2026-03-02")
    page.get_by_label("Fecha de la elección").fill("2026-10-04")
    page.get_by_role("button", name="Crear la misión").click()
    expect(page.locator(".flash")).to_contain_text(f"Misión {CODE} creada.")
    page.get_by_role("button", name="Pasar a: Aceptada…").click()
    page.get_by_label("Fecha").fill("2026-03-10")
    page.get_by_role("button", name="Confirmar: Aceptada").click()
    page.get_by_role("link", name="Equipo", exact=True).first.click()
    page.get_by_role("link", name="Agregar personas del registro").click()
    page.get_by_label("Nombre o correo").fill("Caminante")
    page.get_by_role("button", name="Buscar").click()
    _tick_all(page, "#found input[name=observer]")
    page.get_by_role("button", name="Agregar a los marcados").click()
    expect(page.get_by_role("status").filter(has_text="hechos")).to_have_text("3 de 3 hechos.")
    page.goto(f"{live_server}/missions/{_stored(db).id}/funding")
    page.get_by_label("Viajes").fill("25000")
    page.get_by_role("button", name="Guardar como nueva revisión").click()
    expect(page.get_by_text("Revisión 1 del presupuesto guardada.")).to_be_visible()
    with db.session_scope() as session:
        fresh = missions.get_mission(session, _stored(db).id or 0)
        assert fresh.status == MissionStatus.accepted
        assert sorted(o.full_name for _, o in members.members_of(session, fresh)) == [
            "Caminante 0",
            "Caminante 1",
            "Caminante 2",
        ]
        assert budgets.totals_in_force(session, [fresh.id or 0])[fresh.id or 0] == Decimal(
            "25000.00"
        )
