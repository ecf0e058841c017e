"""Meetings with interlocutors through the API: the core team and coordinators file them
(retries safe, other content 409, bad days 422), staff read all of a mission's, a filer
their own, and nobody else anything."""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.planning.members.models import MemberRole
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    MEETING,
    advance,
    bearer,
    field_observer,
    make_member,
    make_mission,
    make_observer,
    make_user,
    signed_in_as,
)
from tests.support.problems import assert_problem


@dataclass(frozen=True)
class Team:
    """EOM-BOL-2026 deployed, and the headers of everyone who might ask about its meetings."""

    mission: Mission
    callers: dict[str, dict[str, str]]

    @property
    def url(self) -> str:
        return f"/api/v1/missions/{self.mission.id}/meetings"

    @property
    def coordinator(self) -> dict[str, str]:
        return self.callers["coordinator"]


def meeting(**overrides: Any) -> dict[str, Any]:
    """A new meeting (its own uuid) with the electoral body."""
    return {**MEETING, "uuid": str(uuid.uuid4()), **overrides}


@pytest.fixture
def team(client: TestClient, db: Database, hasher: PasswordHasher) -> Team:
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)

    def member(role: MemberRole) -> dict[str, str]:
        _, email = field_observer(db, hasher, mission, role=role)
        return bearer(client, email)

    stranger = make_user(db, hasher, role=Role.observer, email=make_observer(db).email)
    return Team(
        mission,
        {
            "anonymous": {},
            "coordinator": member(MemberRole.regional_coordinator),
            "chief": member(MemberRole.chief),
            "observer": member(MemberRole.short_term_observer),
            "stranger": bearer(client, stranger.email),
            "donor": signed_in_as(client, db, hasher, Role.donor),
            "staff": signed_in_as(client, db, hasher, Role.staff),
        },
    )


def test_first_receipt_is_201_a_retry_200_and_other_content_409(
    client: TestClient, team: Team
) -> None:
    body = meeting()
    first = client.post(team.url, json=body, headers=team.coordinator)
    again = client.post(team.url, json=body, headers=team.coordinator)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    stored = first.json()
    assert {k: stored[k] for k in MEETING} == MEETING
    assert stored["uuid"] == body["uuid"] and stored["mission_id"] == team.mission.id
    assert_problem(
        client.post(
            team.url, json={**body, "summary": "Something else."}, headers=team.coordinator
        ),
        409,
        f"Meeting {body['uuid']} was already received with different content.",
        kind="uuid-reused",
    )


def test_only_the_core_team_and_the_coordinators_file_meetings(
    client: TestClient, team: Team
) -> None:
    found = {
        caller: client.post(team.url, json=meeting(), headers=headers).status_code
        for caller, headers in team.callers.items()
    }
    assert found == {
        "anonymous": 401,
        "coordinator": 201,
        "chief": 201,
        "observer": 403,
        "stranger": 403,
        "donor": 403,
        "staff": 403,
    }
    assert_problem(
        client.post(team.url, json=meeting(), headers=team.callers["observer"]),
        403,
        "Only the core team and the coordinators of EOM-BOL-2026 file its meetings.",
        kind="not-core-team",
    )
    assert_problem(
        client.post("/api/v1/missions/999999/meetings", json=meeting(), headers=team.coordinator),
        404,
    )


def test_a_coordinator_not_yet_deployed_files_no_meeting(
    client: TestClient, db: Database, hasher: PasswordHasher, team: Team
) -> None:
    observer = make_observer(db)
    make_member(db, team.mission, observer, role=MemberRole.regional_coordinator)
    make_user(db, hasher, role=Role.observer, email=observer.email)
    assert_problem(
        client.post(team.url, json=meeting(), headers=bearer(client, observer.email)),
        403,
        "Only a deployed member of EOM-BOL-2026 may report for it.",
        kind="not-deployed",
    )


@pytest.mark.parametrize(
    ("change", "field", "kind"),
    [
        ({"met_on": "2026-07-01"}, "met_on", "observed-outside-dates"),
        ({"summary": "  "}, "summary", "invalid-input"),
        ({"institution_type": "church"}, "institution_type", "invalid-input"),
        ({"institution": None}, "institution", "invalid-input"),
        ({"theme": "weather"}, "theme", "invalid-input"),
    ],
    ids=["outside the mission's days", "blank summary", "kind", "no institution", "theme"],
)
def test_a_meeting_that_does_not_fit_is_a_422_naming_the_field(
    client: TestClient, team: Team, change: dict[str, Any], field: str, kind: str
) -> None:
    problem = assert_problem(
        client.post(team.url, json=meeting(**change), headers=team.coordinator), 422, kind=kind
    )
    assert field in {error["loc"][-1] for error in problem["errors"]}


def test_a_meeting_dated_after_today_is_a_422(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    today = utcnow().date()
    under_way = advance(db, make_mission(db, election_date=today), MissionStatus.deployed)
    _, email = field_observer(db, hasher, under_way, role=MemberRole.chief)
    tomorrow = (today + timedelta(days=1)).isoformat()
    problem = assert_problem(
        client.post(
            f"/api/v1/missions/{under_way.id}/meetings",
            json=meeting(met_on=tomorrow),
            headers=bearer(client, email),
        ),
        422,
        f"{tomorrow} is after today: a report is sent after it happens.",
        kind="dated-after-today",
    )
    assert problem["errors"] == [{"loc": ["met_on"], "msg": "after today"}]


def test_after_the_final_report_a_meeting_is_a_409(
    client: TestClient, db: Database, team: Team
) -> None:
    advance(db, team.mission, MissionStatus.final_report)
    assert_problem(
        client.post(team.url, json=meeting(), headers=team.coordinator),
        409,
        "EOM-BOL-2026 is final_report and takes no more reports: its figures are final.",
        kind="closed-to-filings",
    )


def test_each_caller_reads_only_the_meetings_that_are_theirs(
    client: TestClient, team: Team
) -> None:
    for caller in ("coordinator", "coordinator", "chief"):
        client.post(team.url, json=meeting(), headers=team.callers[caller])
    seen = {c: client.get(team.url, headers=h) for c, h in team.callers.items()}
    assert {c: r.status_code for c, r in seen.items()} == {
        "anonymous": 401,
        "coordinator": 200,
        "chief": 200,
        "observer": 200,
        "stranger": 403,
        "donor": 403,
        "staff": 200,
    }
    totals = {c: seen[c].json()["total"] for c in ("coordinator", "chief", "observer", "staff")}
    assert totals == {"coordinator": 2, "chief": 1, "observer": 0, "staff": 3}


def test_staff_list_a_missions_meetings_the_latest_held_first_by_theme_and_institution(
    client: TestClient, team: Team
) -> None:
    press = meeting(
        met_on="2026-08-12",
        institution_type="media",
        institution="Asociación Nacional de la Prensa",
        theme="media",
    )
    tribunal, ministry = (
        meeting(met_on="2026-08-05"),
        meeting(met_on="2026-08-14", institution_type="government", theme=None),
    )
    for body in (press, tribunal, ministry):
        client.post(team.url, json=body, headers=team.coordinator)
    staff = team.callers["staff"]

    def uuids(query: str = "") -> list[str]:
        answer = client.get(f"{team.url}{query}", headers=staff)
        assert answer.status_code == 200, answer.text
        return [m["uuid"] for m in answer.json()["items"]]

    assert uuids() == [ministry["uuid"], press["uuid"], tribunal["uuid"]]
    assert uuids("?theme=media") == [press["uuid"]]
    assert uuids("?institution_type=electoral_body") == [tribunal["uuid"]]
    assert uuids("?theme=media&institution_type=government") == []
    assert uuids("?limit=1&offset=1") == [press["uuid"]]
    assert_problem(client.get(f"{team.url}?theme=weather", headers=staff), 422)


def test_a_meeting_is_read_by_its_uuid_by_its_filer_and_staff_only(
    client: TestClient, team: Team
) -> None:
    body = meeting()
    assert client.post(team.url, json=body, headers=team.coordinator).status_code == 201
    path = f"/api/v1/meetings/{body['uuid']}"
    seen = {c: client.get(path, headers=h) for c, h in team.callers.items()}
    # Nobody else learns that the uuid exists: the same 404 as for one never filed.
    assert {c: r.status_code for c, r in seen.items()} == {
        "anonymous": 401,
        "coordinator": 200,
        "chief": 404,
        "observer": 404,
        "stranger": 404,
        "donor": 404,
        "staff": 200,
    }
    assert seen["coordinator"].json() == seen["staff"].json()
    assert_problem(seen["chief"], 404, f"No meeting {body['uuid']}.")
    unknown = str(uuid.uuid4())
    assert_problem(
        client.get(f"/api/v1/meetings/{unknown}", headers=team.coordinator),
        404,
        f"No meeting {unknown}.",
    )
    assert_problem(client.get("/api/v1/meetings/not-a-uuid", headers=team.coordinator), 422)
