"""The field app's own calls: ``/api/v1/me/assignments``, the shape the app is written
against, and who gets what."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import stations
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    advance,
    bearer,
    field_observer,
    make_form,
    make_mission,
    make_station,
    signed_in_as,
)
from tests.support.election_day import Field
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
    assert set(assignment) == {"mission", "member", "stations", "forms", "conduct"}
    assert {"id", "code", "host_country", "status", "election_date", "chief"} <= set(
        assignment["mission"]
    )
    assert {"id", "role", "status", "theme", "area", "conduct_complete"} <= set(
        assignment["member"]
    )
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


def test_another_observers_missions_never_appear(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    _, email = field_observer(db, hasher, field.mission)
    other = client.get(ASSIGNMENTS, headers=bearer(client, email)).json()
    (assignment,) = other["missions"]
    assert assignment["stations"] == [] and other["user"]["email"] == email
    mine = client.get(ASSIGNMENTS, headers=field.observer).json()
    assert mine["missions"][0]["member"]["id"] != assignment["member"]["id"]


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
