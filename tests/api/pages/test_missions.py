"""The mission pages: the report linked once it is published (and to staff before), and
the worklist of earlier recommendations on a new mission's page."""

from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.missions.models import MissionStatus
from recommendations.models import FollowUpStatus
from tests.factories import (
    advance,
    assess,
    make_mission,
    make_observer,
    make_recommendation,
    make_user,
    reported_mission,
    set_budget,
    signed_in_as,
)
from tests.support.pages import sign_in
from tests.support.pdfs import text_of
from tests.support.worlds import MissionReports, mission_reports


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> MissionReports:
    return mission_reports(client, db, hasher)


def test_the_mission_page_links_the_report_once_it_is_published(
    client: TestClient, world: MissionReports
) -> None:
    assert (
        f"/missions/{world.published}/report.pdf" in client.get(f"/missions/{world.published}").text
    )
    assert "report.pdf" not in client.get(f"/missions/{world.unpublished}").text
    download = client.get(f"/missions/{world.published}/report.pdf")
    assert download.headers["content-type"] == "application/pdf"
    refused = client.get(f"/missions/{world.unpublished}/report.pdf")
    assert refused.status_code == 404 and refused.headers["content-type"].startswith("text/html")


def test_staff_signed_in_on_the_pages_download_a_draft_report(
    client: TestClient, world: MissionReports, db: Database, hasher: PasswordHasher
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert (
        f"/missions/{world.unpublished}/report.pdf"
        in client.get(f"/missions/{world.unpublished}").text
    )
    response = client.get(f"/missions/{world.unpublished}/report.pdf?lang=es")
    assert response.status_code == 200
    assert "Resumen de la misión" in text_of(response.content)


EARLIER = {"requested_on": date(2020, 6, 1), "election_date": date(2020, 10, 18)}


def test_staff_find_the_worklist_on_the_new_missions_page(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    pending = make_recommendation(
        db, reported_mission(db, **EARLIER), text_en="Ban the use of public resources."
    )
    done = make_recommendation(db, reported_mission(db, **EARLIER), text_en="Publish all results.")
    assess(db, done, FollowUpStatus.fully_implemented, date(2022, 1, 1))
    new = advance(db, make_mission(db), MissionStatus.accepted)
    token = signed_in_as(client, db, hasher, Role.staff)["Authorization"].removeprefix("Bearer ")
    client.cookies.set("eom_session", token)
    page = client.get(f"/missions/{new.id}").text
    client.cookies.clear()
    assert f'href="/recommendations/{pending.id}"' in page
    assert "Ban the use of public resources." in page and "Publish all results." not in page


@pytest.fixture
def staff_client(client: TestClient, db: Database, hasher: PasswordHasher) -> TestClient:
    sign_in(client, make_user(db, hasher, role=Role.staff, full_name="Ana Torres").email)
    return client


def test_a_requested_mission_offers_no_board_and_no_report(
    staff_client: TestClient, db: Database
) -> None:
    requested = make_mission(db, code="EOM-ARG-2027")
    deployed = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    page = staff_client.get(f"/missions/{requested.id}").text
    assert "/board" not in page and "report.pdf" not in page
    page = staff_client.get(f"/missions/{deployed.id}").text
    assert f"/missions/{deployed.id}/board" in page and "report.pdf" in page


def test_the_timeline_says_who_recorded_each_step_and_never_a_process(
    staff_client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.accepted)  # recorded by the system
    headers = signed_in_as(staff_client, db, hasher, Role.staff)
    staff_client.post(
        f"/api/v1/missions/{mission.id}/transitions",
        json={"to": "preliminary_visit", "on": "2026-02-01"},
        headers=headers,
    )
    timeline = staff_client.get(f"/missions/{mission.id}").text.split('class="timeline"')[1]
    timeline = timeline.split("</ol>")[0]
    assert "recorded by Test Person" in timeline
    assert "system" not in timeline and "seed" not in timeline


def test_the_mission_page_shows_the_budget_in_force(staff_client: TestClient, db: Database) -> None:
    mission = make_mission(db)
    assert "No budget entered yet." in staff_client.get(f"/missions/{mission.id}").text
    set_budget(db, mission, {"personnel": "100000.00"})
    set_budget(db, mission, {"personnel": "120000.00", "travel": "5000.50"})
    assert "$125,000.50" in staff_client.get(f"/missions/{mission.id}").text
    assert "125.000,50\xa0US$" in staff_client.get(f"/missions/{mission.id}?lang=es").text


def test_the_roster_filters_by_names_in_the_readers_language_and_ignores_accents(
    staff_client: TestClient, db: Database
) -> None:
    make_observer(db, full_name="José Núñez", nationality="UY", languages=["es", "pt"])
    make_observer(db, full_name="John Smith", nationality="JM", languages=["en"])
    page = staff_client.get("/roster?q=nunez&lang=es").text
    assert "José Núñez" in page and "John Smith" not in page
    assert '<option value="UY" >Uruguay</option>' in page or ">Uruguay</option>" in page
    assert ">Portugués</option>" in page  # languages named, not coded
    assert "John Smith" in staff_client.get("/roster?language=en").text


def test_a_roster_filter_the_roster_does_not_offer_is_said_so_beside_its_field(
    staff_client: TestClient, db: Database
) -> None:
    make_observer(db, full_name="José Núñez", nationality="UY")
    answer = staff_client.get("/roster?nationality=Argentina&q=jos&lang=en")
    assert answer.status_code == 422
    assert 'id="nationality-error">Choose a country from the list.' in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert "José Núñez" in answer.text and 'value="jos"' in answer.text  # the rest still runs
