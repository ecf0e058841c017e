"""The field app's own calls: ``/api/v1/me/assignments`` (the shape the app is written
against, and who gets what) and what the caller sent (``/api/v1/me/submissions``,
``/api/v1/me/incidents`` and ``/api/v1/me/meetings``)."""

import uuid
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import select

from eom.accounts.models import Role, User
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import stations
from eom.planning.members.models import MemberRole
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionStatus
from eom.planning.observers.models import Observer
from tests.factories import (
    MEETING,
    advance,
    bearer,
    field_observer,
    make_form,
    make_member,
    make_mission,
    make_observer,
    make_station,
    send_to,
    signed_in_as,
)
from tests.support.election_day import GOOD, Field
from tests.support.problems import assert_problem

ASSIGNMENTS = "/api/v1/me/assignments"


@pytest.fixture
def field(client: TestClient, db: Database, hasher: PasswordHasher) -> Field:
    """A deployed observer sent to the mission's one station, with its one form."""
    mission = advance(db, make_mission(db), MissionStatus.deployed)
    member, email = field_observer(db, hasher, mission)
    form, station = make_form(db, mission), make_station(db, mission)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        stations.assign_stations(session, fresh, member, [station.id or 0], actor=SYSTEM)
    return Field(mission, form.id or 0, station.id or 0, bearer(client, email))


def test_the_answer_has_the_shape_the_app_is_written_against(
    client: TestClient, field: Field
) -> None:
    found = client.get(ASSIGNMENTS, headers=field.observer)
    assert found.status_code == 200
    body = found.json()
    assert set(body) == {"user", "generated_at", "missions"}
    assert set(body["user"]) == {"id", "email", "full_name", "role"}
    (assignment,) = body["missions"]
    assert set(assignment) == {
        "mission",
        "member",
        "arrives_on",
        "leaves_on",
        "stations",
        "areas",
        "forms",
        "files_meetings",
        "conduct",
    }
    assert (assignment["arrives_on"], assignment["leaves_on"]) == ("2026-07-28", "2026-08-27")
    assert assignment["files_meetings"] is False  # a short-term observer
    assert {"id", "code", "host_country", "status", "election_date", "chief"} <= set(
        assignment["mission"]
    )
    assert {"id", "role", "status", "theme", "area", "arrives_on", "leaves_on"} <= set(
        assignment["member"]
    )
    assert "conduct_complete" in assignment["member"]
    (station,) = assignment["stations"]
    assert set(station) == {
        "id",
        "mission_id",
        "code",
        "region",
        "municipality",
        "centre",
        "registered_voters",
    }
    assert station["id"] == field.station_id
    (form,) = assignment["forms"]
    assert {"id", "key", "version", "phase", "title_en", "title_es", "questions"} <= set(form)
    assert form["id"] == field.form_id and form["status"] == "published"
    assert form["answers_schema"]["additionalProperties"] is False
    assert set(assignment["conduct"]) == {"member_id", "version", "items", "complete"}
    assert {"key", "text_en", "text_es", "acknowledged_at"} <= set(
        assignment["conduct"]["items"][0]
    )


def test_a_member_is_told_the_areas_they_may_report_on_and_each_forms_scope(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    make_station(db, field.mission, region="La Paz", municipality="Viacha")
    make_station(db, field.mission, region="Oruro", municipality="Caracollo")
    make_form(db, field.mission, key="periodic", phase="long_term", scope="area")
    make_form(db, field.mission, key="gender", phase="long_term", scope="mission", theme="gender")
    member, email = field_observer(db, hasher, field.mission)
    with db.session_scope() as session:
        session.merge(member.model_copy(update={"area": "La Paz"}))
    (everywhere,) = client.get(ASSIGNMENTS, headers=field.observer).json()["missions"]
    (in_la_paz,) = client.get(ASSIGNMENTS, headers=bearer(client, email)).json()["missions"]
    assert everywhere["areas"] == ["La Paz", "Oruro", "Caracollo", "El Alto", "Viacha"]
    assert in_la_paz["areas"] == ["La Paz", "El Alto", "Viacha"]
    scopes = {f["key"]: (f["scope"], f["theme"]) for f in everywhere["forms"]}
    assert scopes == {
        "opening": ("station", None),
        "periodic": ("area", None),
        "gender": ("mission", "gender"),
    }


def test_an_area_report_and_a_thematic_one_are_filed_through_the_api(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    area = make_form(db, field.mission, key="periodic", phase="long_term", scope="area").id
    theme = make_form(db, field.mission, key="media", scope="mission", theme="media").id
    url = f"/api/v1/missions/{field.mission.id}/submissions"
    body = {"observed_at": "2026-08-17T07:05:00+00:00", "answers": GOOD}
    filed = client.post(
        url,
        json={**body, "uuid": str(uuid.uuid4()), "form_id": area, "area": "El Alto"},
        headers=field.observer,
    )
    thematic = client.post(
        url, json={**body, "uuid": str(uuid.uuid4()), "form_id": theme}, headers=field.observer
    )
    misfit = client.post(
        url,
        json={**body, "uuid": str(uuid.uuid4()), "form_id": theme, "station_id": field.station_id},
        headers=field.observer,
    )
    assert (filed.status_code, thematic.status_code) == (201, 201)
    assert (filed.json()["area"], filed.json()["station_id"]) == ("El Alto", None)
    assert thematic.json()["area"] is None and thematic.json()["station_id"] is None
    assert_problem(misfit, 422)
    assert misfit.json()["errors"] == [{"loc": ["station_id"], "msg": "not asked by this form"}]
    staff = signed_in_as(client, db, hasher, Role.staff)
    statistics = f"/api/v1/missions/{field.mission.id}/statistics"
    on_media = client.get(f"{statistics}?theme=media", headers=staff).json()
    on_gender = client.get(f"{statistics}?theme=gender", headers=staff).json()
    assert (on_media["submissions"], on_gender["submissions"]) == (1, 0)
    assert client.get(f"{statistics}?theme=sport", headers=staff).status_code == 422


def test_another_observers_missions_never_appear(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    _, email = field_observer(db, hasher, field.mission)
    other = client.get(ASSIGNMENTS, headers=bearer(client, email)).json()
    (assignment,) = other["missions"]
    assert assignment["stations"] == [] and other["user"]["email"] == email
    mine = client.get(ASSIGNMENTS, headers=field.observer).json()
    assert mine["missions"][0]["member"]["id"] != assignment["member"]["id"]


def test_an_accounts_roster_entry_stays_its_own_when_either_email_changes(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    # Before, the link was the email: an account given another person's email read their
    # missions, and a roster entry whose email was corrected lost its account.
    mine = client.get(ASSIGNMENTS, headers=field.observer).json()["missions"][0]["member"]["id"]
    someone = make_member(db, make_mission(db), make_observer(db, email="b@observers.example"))
    admin = signed_in_as(client, db, hasher, Role.admin)
    me = client.get(ASSIGNMENTS, headers=field.observer).json()["user"]
    with db.session_scope() as session:
        account = session.exec(select(User).where(User.email == me["email"])).one()
    moved = client.patch(
        f"/api/v1/users/{account.id}", json={"email": "b@observers.example"}, headers=admin
    )
    assert moved.status_code == 200, moved.text
    seen = client.get(ASSIGNMENTS, headers=field.observer).json()["missions"]
    assert [m["member"]["id"] for m in seen] == [mine] and someone.id != mine
    with db.session_scope() as session:
        entry = session.exec(select(Observer).where(Observer.email == me["email"])).one()
        entry.email = "renamed@observers.example"
        session.add(entry)
    seen = client.get(ASSIGNMENTS, headers=field.observer).json()["missions"]
    assert [m["member"]["id"] for m in seen] == [mine]
    filed = client.post(f"{field.url}/submissions", json=field.submission(), headers=field.observer)
    assert filed.status_code == 201 and filed.json()["member_id"] == mine


@pytest.mark.parametrize("role", [Role.staff, Role.admin, Role.donor, Role.observer])
def test_a_user_on_no_roster_gets_an_empty_list(
    client: TestClient, db: Database, hasher: PasswordHasher, role: Role
) -> None:
    found = client.get(ASSIGNMENTS, headers=signed_in_as(client, db, hasher, role))
    assert found.status_code == 200 and found.json()["missions"] == []


def test_signed_out_it_is_a_401(client: TestClient) -> None:
    assert_problem(client.get(ASSIGNMENTS), 401, "Sign in to do this.")


def test_the_contract_names_the_answer(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"MyAssignments", "Assignment", "AssignedForm", "MemberConduct"} <= set(schemas)
    operation = client.get("/openapi.json").json()["paths"][ASSIGNMENTS]["get"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/MyAssignments"}


# --- what I sent ------------------------------------------------------------------------


def _incident(field: Field) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "category": "other",
        "severity": "low",
        "place": "Plaza principal",
        "occurred_at": "2026-08-17T10:00:00-04:00",
        "description": "A queue of two hundred at noon.",
    }


def test_an_observer_lists_what_they_sent_with_corrections(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    first = field.submission()
    fix = field.submission(supersedes=first["uuid"])
    for body in (first, fix):
        posted = client.post(f"{field.url}/submissions", json=body, headers=field.observer)
        assert posted.status_code == 201, posted.text
    member, email = field_observer(db, hasher, field.mission)
    send_to(db, member, field.station_id)
    other = bearer(client, email)
    client.post(f"{field.url}/submissions", json=field.submission(), headers=other)
    listed = client.get("/api/v1/me/submissions", headers=field.observer)
    assert listed.status_code == 200 and listed.json()["total"] == 2
    correction, corrected = listed.json()["items"]
    assert (correction["uuid"], correction["supersedes"]) == (fix["uuid"], first["uuid"])
    assert (corrected["uuid"], corrected["superseded"]) == (first["uuid"], True)
    assert corrected["superseded_by"] == fix["uuid"]
    one = client.get("/api/v1/me/submissions?limit=1&offset=1", headers=field.observer).json()
    assert [s["uuid"] for s in one["items"]] == [first["uuid"]] and one["total"] == 2
    elsewhere = client.get("/api/v1/me/submissions?mission_id=999999", headers=field.observer)
    assert elsewhere.json() == {"items": [], "total": 0}
    assert client.get("/api/v1/me/submissions", headers=other).json()["total"] == 1


def test_an_observer_lists_the_incidents_they_reported(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    bodies = [_incident(field) for _ in range(2)]
    for body in bodies:
        posted = client.post(f"{field.url}/incidents", json=body, headers=field.observer)
        assert posted.status_code == 201, posted.text
    _, email = field_observer(db, hasher, field.mission)
    client.post(f"{field.url}/incidents", json=_incident(field), headers=bearer(client, email))
    listed = client.get("/api/v1/me/incidents", headers=field.observer).json()
    assert [i["uuid"] for i in listed["items"]] == [bodies[1]["uuid"], bodies[0]["uuid"]]
    assert listed["total"] == 2


def test_a_coordinator_is_told_they_file_meetings_and_lists_the_ones_they_filed(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    _, email = field_observer(db, hasher, field.mission, role=MemberRole.regional_coordinator)
    coordinator = bearer(client, email)
    (assignment,) = client.get(ASSIGNMENTS, headers=coordinator).json()["missions"]
    assert assignment["files_meetings"] is True
    bodies = [{**MEETING, "uuid": str(uuid.uuid4()), "met_on": f"2026-08-0{n}"} for n in (1, 2)]
    for body in bodies:
        posted = client.post(f"{field.url}/meetings", json=body, headers=coordinator)
        assert posted.status_code == 201, posted.text
    listed = client.get("/api/v1/me/meetings", headers=coordinator).json()
    assert [m["uuid"] for m in listed["items"]] == [bodies[1]["uuid"], bodies[0]["uuid"]]
    assert listed["total"] == 2
    assert client.get("/api/v1/me/meetings", headers=field.observer).json()["total"] == 0


@pytest.mark.parametrize(
    "path", ["/api/v1/me/submissions", "/api/v1/me/incidents", "/api/v1/me/meetings"]
)
def test_what_a_user_on_no_roster_sent_is_nothing_and_signed_out_a_401(
    client: TestClient, db: Database, hasher: PasswordHasher, path: str
) -> None:
    staff = signed_in_as(client, db, hasher, Role.staff)
    assert client.get(path, headers=staff).json() == {"items": [], "total": 0}
    assert_problem(client.get(path), 401)
