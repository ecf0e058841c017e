"""Submissions and incidents through the API: retries, conflicts, batches, verification,
the statistics, and who may read what on election day."""

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    advance,
    assigned_station,
    bearer,
    field_observer,
    make_form,
    make_station,
    send_to,
    signed_in_as,
)
from tests.support.election_day import GOOD, Field, in_the_field
from tests.support.problems import assert_problem


@pytest.fixture
def field(client: TestClient, db: Database, hasher: PasswordHasher) -> Field:
    return in_the_field(client, db, hasher)


def test_a_uuid_belongs_to_its_filer_and_another_member_resending_it_is_refused(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    # The other member sends the very same content: before, they got the first one's record.
    other, email = field_observer(db, hasher, field.mission)
    send_to(db, other, field.station_id)
    someone_else = bearer(client, email)
    body = field.submission()
    assert (
        client.post(f"{field.url}/submissions", json=body, headers=field.observer).status_code
        == 201
    )
    resent = client.post(f"{field.url}/submissions", json=body, headers=someone_else)
    refused = assert_problem(resent, 409, kind="uuid-taken")
    assert "answers" not in refused and "member_id" not in refused
    batch = client.post(
        f"{field.url}/submissions/batch", json={"items": [body]}, headers=someone_else
    )
    (item,) = batch.json()["results"]
    assert (item["result"], item["submission"]) == ("conflict", None)
    incident = {
        "uuid": str(uuid.uuid4()),
        "occurred_at": "2026-08-17T09:00:00-04:00",
        "station_id": field.station_id,
        "category": "vote_buying",
        "severity": "low",
        "description": "Someone offered money in the queue.",
    }
    assert (
        client.post(f"{field.url}/incidents", json=incident, headers=field.observer).status_code
        == 201
    )
    again = client.post(f"{field.url}/incidents", json=incident, headers=someone_else)
    assert_problem(again, 409, kind="uuid-taken")


def test_first_receipt_is_201_a_retry_200_and_other_content_409(
    client: TestClient, field: Field
) -> None:
    body = field.submission()
    first = client.post(f"{field.url}/submissions", json=body, headers=field.observer)
    again = client.post(f"{field.url}/submissions", json=body, headers=field.observer)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert first.json()["observed_at"] == "2026-08-17T11:05:00Z"
    changed = {**body, "answers": {**GOOD, "staff_present": 9}}
    assert_problem(
        client.post(f"{field.url}/submissions", json=changed, headers=field.observer),
        409,
        f"Submission {body['uuid']} was already received with different content.",
    )


def test_answers_that_do_not_fit_are_a_422_listing_each_question(
    client: TestClient, field: Field
) -> None:
    body = field.submission(answers={"staff_present": 40, "colour": "blue"})
    problem = assert_problem(
        client.post(f"{field.url}/submissions", json=body, headers=field.observer),
        422,
        "The answers do not fit version 1 of opening.",
    )
    assert {tuple(e["loc"]) for e in problem["errors"]} == {
        ("answers", "colour"),
        ("answers", "opened_on_time"),
        ("answers", "staff_present"),
        ("answers", "assessment"),
    }


def test_a_device_time_without_an_offset_is_refused(client: TestClient, field: Field) -> None:
    body = field.submission(observed_at="2026-08-17T07:05:00")
    assert_problem(client.post(f"{field.url}/submissions", json=body, headers=field.observer), 422)


def test_a_batch_answers_each_item_in_order_and_stores_every_valid_one(
    client: TestClient, field: Field
) -> None:
    stored = field.submission()
    client.post(f"{field.url}/submissions", json=stored, headers=field.observer)
    items = [
        field.submission(),
        stored,
        {**stored, "answers": {**GOOD, "staff_present": 1}},
        field.submission(answers={"opened_on_time": "maybe"}),
        {"uuid": "not-a-uuid"},
        field.submission(),
    ]
    response = client.post(
        f"{field.url}/submissions/batch", json={"items": items}, headers=field.observer
    )
    results = [r["result"] for r in response.json()["results"]]
    assert results == ["created", "duplicate", "conflict", "invalid", "invalid", "created"]
    assert response.json()["results"][3]["errors"][0]["loc"] == ["answers", "opened_on_time"]
    again = client.post(
        f"{field.url}/submissions/batch", json={"items": items}, headers=field.observer
    )
    assert [r["result"] for r in again.json()["results"]] == [
        "duplicate",
        "duplicate",
        "conflict",
        "invalid",
        "invalid",
        "duplicate",
    ]
    assert client.get(f"{field.url}/submissions", headers=field.observer).json()["total"] == 3


def test_a_batch_holds_at_most_500_items(client: TestClient, field: Field) -> None:
    items = [field.submission() for _ in range(501)]
    assert_problem(
        client.post(
            f"{field.url}/submissions/batch", json={"items": items}, headers=field.observer
        ),
        422,
    )


def test_incidents_are_reported_once_and_verified_by_staff(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    report = {
        "uuid": str(uuid.uuid4()),
        "category": "vote_buying",
        "severity": "high",
        "station_id": field.station_id,
        "occurred_at": "2026-08-17T10:00:00-04:00",
        "description": "Cash offered at the door.",
    }
    assert (
        client.post(f"{field.url}/incidents", json=report, headers=field.observer).status_code
        == 201
    )
    assert (
        client.post(f"{field.url}/incidents", json=report, headers=field.observer).status_code
        == 200
    )
    incident = client.get(f"{field.url}/incidents", headers=field.observer).json()["items"][0]
    staff = signed_in_as(client, db, hasher, Role.staff)
    verdict = {"verification": "rejected", "note": "Not corroborated."}
    assert_problem(
        client.patch(
            f"{field.url}/incidents/{incident['id']}", json=verdict, headers=field.observer
        ),
        403,
    )
    done = client.patch(f"{field.url}/incidents/{incident['id']}", json=verdict, headers=staff)
    assert done.status_code == 200 and done.json()["verification"] == "rejected"
    # The observer reads who verified it as a name and a role, never a staff email.
    seen = client.get(f"/api/v1/incidents/{report['uuid']}", headers=field.observer).json()
    assert seen["verified_by"] == {"name": "Test Person", "role": "staff"}
    mine = client.get("/api/v1/me/incidents", headers=field.observer).json()["items"]
    assert [i["verified_by"] for i in mine] == [seen["verified_by"]]
    assert "@" not in str(seen) + str(mine)
    assert_problem(
        client.patch(f"{field.url}/incidents/{incident['id']}", json=verdict, headers=staff),
        409,
        f"Incident {incident['id']} was already rejected.",
    )


def test_an_incident_resent_with_other_content_answers_409(
    client: TestClient, field: Field
) -> None:
    report = {
        "uuid": str(uuid.uuid4()),
        "category": "vote_buying",
        "severity": "high",
        "station_id": field.station_id,
        "occurred_at": "2026-08-17T10:00:00-04:00",
        "description": "Cash offered at the door.",
    }
    url = f"{field.url}/incidents"
    assert client.post(url, json=report, headers=field.observer).status_code == 201
    changed = {**report, "severity": "critical"}
    assert_problem(
        client.post(url, json=changed, headers=field.observer),
        409,
        f"Incident {report['uuid']} was already received with different content.",
    )
    listed = client.get(url, headers=field.observer).json()["items"]
    assert [i["severity"] for i in listed] == ["high"]


def test_an_incident_needs_a_station_or_a_place(client: TestClient, field: Field) -> None:
    report = {
        "uuid": str(uuid.uuid4()),
        "category": "other",
        "severity": "low",
        "occurred_at": "2026-08-17T10:00:00-04:00",
        "description": "Something.",
    }
    assert_problem(client.post(f"{field.url}/incidents", json=report, headers=field.observer), 422)


def test_an_incident_may_carry_the_devices_position_all_three_parts_or_none(
    client: TestClient, field: Field
) -> None:
    report = {
        "uuid": str(uuid.uuid4()),
        "category": "other",
        "severity": "low",
        "place": "Plaza principal",
        "occurred_at": "2026-08-17T10:00:00-04:00",
        "description": "Something.",
        "latitude": -16.4955,
        "longitude": -68.1336,
        "accuracy_m": 8.5,
    }
    stored = client.post(f"{field.url}/incidents", json=report, headers=field.observer)
    assert stored.status_code == 201
    assert {k: stored.json()[k] for k in ("latitude", "longitude", "accuracy_m", "place")} == {
        "latitude": -16.4955,
        "longitude": -68.1336,
        "accuracy_m": 8.5,
        "place": "Plaza principal",
    }
    partial = {**report, "uuid": str(uuid.uuid4()), "accuracy_m": None}
    refused = assert_problem(
        client.post(f"{field.url}/incidents", json=partial, headers=field.observer), 422
    )
    assert "latitude, longitude and accuracy: all three or none" in refused["errors"][0]["msg"]


def test_filings_sent_at_once_are_each_stored_once(
    app: FastAPI, client: TestClient, field: Field
) -> None:
    """Thirty observers' phones at once, ten of them retrying: thirty answers, twenty rows."""
    bodies = [field.submission() for _ in range(20)]

    async def send_all() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://eom") as caller:
            sends = [
                caller.post(f"{field.url}/submissions", json=body, headers=field.observer)
                for body in bodies + bodies[:10]
            ]
            return list(await asyncio.gather(*sends))

    responses = asyncio.run(send_all())
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 10 + [201] * 20
    listed = client.get(f"{field.url}/submissions", headers=field.observer).json()
    assert listed["total"] == 20


# --- who may read and write what ------------------------------------------------------


CALLERS = ("anonymous", "reporter", "other_member", "donor", "staff")


@pytest.fixture
def callers(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> dict[str, dict[str, str]]:
    member, other = field_observer(db, hasher, field.mission)
    send_to(db, member, field.station_id)
    return {
        "anonymous": {},
        "reporter": field.observer,
        "other_member": bearer(client, other),
        "donor": signed_in_as(client, db, hasher, Role.donor),
        "staff": signed_in_as(client, db, hasher, Role.staff),
    }


def test_each_caller_reads_only_what_is_theirs(
    client: TestClient, field: Field, callers: dict[str, dict[str, str]]
) -> None:
    client.post(f"{field.url}/submissions", json=field.submission(), headers=field.observer)
    seen = {c: client.get(f"{field.url}/submissions", headers=h) for c, h in callers.items()}
    assert {c: r.status_code for c, r in seen.items()} == {
        "anonymous": 401,
        "reporter": 200,
        "other_member": 200,
        "donor": 403,
        "staff": 200,
    }
    assert {c: seen[c].json()["total"] for c in ("reporter", "other_member", "staff")} == {
        "reporter": 1,
        "other_member": 0,
        "staff": 1,
    }


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("POST", "/submissions", (401, 201, 201, 403, 403)),
        ("GET", "/incidents", (401, 200, 200, 403, 200)),
        ("GET", "/statistics", (401, 403, 403, 403, 200)),
        ("GET", "/forms", (401, 200, 200, 403, 200)),
        ("GET", "/forms/{form_id}/schema", (401, 200, 200, 403, 200)),
        ("GET", "/stations", (401, 200, 200, 403, 200)),
        ("POST", "/forms", (401, 403, 403, 403, 201)),
    ],
)
def test_who_may_do_what_on_election_day(
    client: TestClient,
    field: Field,
    callers: dict[str, dict[str, str]],
    method: str,
    path: str,
    expected: tuple[int, ...],
) -> None:
    def body() -> dict[str, Any] | None:
        if path == "/submissions":
            return field.submission()
        if path == "/forms":
            from tests.factories import SIMPLE_FORM

            return {**SIMPLE_FORM, "key": f"k{uuid.uuid4().hex[:8]}"}
        return None

    found = tuple(
        client.request(
            method,
            f"{field.url}{path.format(form_id=field.form_id)}",
            json=body(),
            headers=callers[c],
        ).status_code
        for c in CALLERS
    )
    assert dict(zip(CALLERS, found, strict=True)) == dict(zip(CALLERS, expected, strict=True))


# --- a filing read back by its uuid -------------------------------------------------------


def _incident(field: Field) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "category": "vote_buying",
        "severity": "high",
        "station_id": field.station_id,
        "occurred_at": "2026-08-17T10:00:00-04:00",
        "description": "Cash offered at the door.",
    }


def test_filings_after_the_final_report_are_a_409(
    client: TestClient, db: Database, field: Field
) -> None:
    advance(db, field.mission, MissionStatus.final_report)
    refused = "EOM-BOL-2026 is final_report and takes no more reports: its figures are final."
    for path, body in (
        ("/submissions", field.submission()),
        ("/submissions/batch", {"items": [field.submission()]}),
        ("/incidents", _incident(field)),
    ):
        assert_problem(
            client.post(f"{field.url}{path}", json=body, headers=field.observer), 409, refused
        )


def test_filings_after_the_preliminary_report_are_stored_and_marked_late(
    client: TestClient, db: Database, field: Field
) -> None:
    on_time = client.post(
        f"{field.url}/submissions", json=field.submission(), headers=field.observer
    )
    assert on_time.status_code == 201 and on_time.json()["late"] is False
    advance(db, field.mission, MissionStatus.preliminary_report)
    late = client.post(f"{field.url}/submissions", json=field.submission(), headers=field.observer)
    batch = client.post(
        f"{field.url}/submissions/batch",
        json={"items": [field.submission()]},
        headers=field.observer,
    )
    incident = client.post(f"{field.url}/incidents", json=_incident(field), headers=field.observer)
    assert (late.status_code, incident.status_code) == (201, 201)
    assert late.json()["late"] and incident.json()["late"]
    assert batch.json()["results"][0]["submission"]["late"]
    listed = client.get(f"{field.url}/submissions", headers=field.observer).json()["items"]
    assert sorted(s["late"] for s in listed) == [False, True, True]


def test_a_checklist_observed_outside_the_mission_s_days_is_a_422_naming_the_field(
    client: TestClient, field: Field
) -> None:
    future = field.submission(observed_at="2030-08-17T07:05:00-04:00")
    problem = assert_problem(
        client.post(f"{field.url}/submissions", json=future, headers=field.observer), 422
    )
    assert [e["loc"] for e in problem["errors"]] == [["observed_at"]]
    batch = client.post(
        f"{field.url}/submissions/batch",
        json={"items": [future, field.submission(observed_at="2026-06-01T10:00:00-04:00")]},
        headers=field.observer,
    ).json()["results"]
    assert [(r["result"], r["errors"][0]["loc"]) for r in batch] == [
        ("invalid", ["observed_at"]),
        ("invalid", ["observed_at"]),
    ]
    assert client.get(f"{field.url}/submissions", headers=field.observer).json()["total"] == 0


def test_filings_outside_the_observers_own_days_are_a_422_naming_the_field(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    (me,) = client.get(f"{field.url}/members", headers=field.observer).json()
    staff = signed_in_as(client, db, hasher, Role.staff)
    days = {"arrives_on": "2026-08-13", "leaves_on": "2026-08-19"}
    assert client.patch(f"{field.url}/members/{me['id']}", json=days, headers=staff).is_success
    before = field.submission(observed_at="2026-08-12T10:00:00-04:00")
    problem = assert_problem(
        client.post(f"{field.url}/submissions", json=before, headers=field.observer),
        422,
        "2026-08-12T10:00:00-04:00 is outside your days on EOM-BOL-2026 "
        "(2026-08-13 to 2026-08-19).",
    )
    assert [e["loc"] for e in problem["errors"]] == [["observed_at"]]
    incident = {
        "uuid": str(uuid.uuid4()),
        "category": "vote_buying",
        "severity": "high",
        "station_id": field.station_id,
        "occurred_at": "2026-08-20T10:00:00-04:00",
        "description": "Cash offered at the door.",
    }
    url = f"{field.url}/incidents"
    problem = assert_problem(client.post(url, json=incident, headers=field.observer), 422)
    assert [e["loc"] for e in problem["errors"]] == [["occurred_at"]]
    on_their_days = {**incident, "occurred_at": "2026-08-17T10:00:00-04:00"}
    assert client.post(url, json=on_their_days, headers=field.observer).status_code == 201
    assert (
        client.post(
            f"{field.url}/submissions", json=field.submission(), headers=field.observer
        ).status_code
        == 201
    )


def test_a_station_the_observer_was_not_sent_to_is_a_422_naming_it(
    client: TestClient, db: Database, field: Field
) -> None:
    elsewhere = make_station(db, field.mission).id
    body = field.submission(station_id=elsewhere)
    problem = assert_problem(
        client.post(f"{field.url}/submissions", json=body, headers=field.observer),
        422,
        f"Station {elsewhere} is not a station you were sent to in EOM-BOL-2026.",
    )
    assert [e["loc"] for e in problem["errors"]] == [["station_id"]]
    batch = client.post(
        f"{field.url}/submissions/batch",
        json={"items": [body, field.submission()]},
        headers=field.observer,
    ).json()["results"]
    assert [r["result"] for r in batch] == ["invalid", "created"]
    assert batch[0]["errors"][0]["loc"] == ["station_id"]


def test_the_statistics_count_only_the_submissions_of_the_phase_and_region_asked(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    closing = make_form(db, field.mission, key="closing", phase="closing", title_en="Closing")
    member, email = field_observer(db, hasher, field.mission)
    south = assigned_station(db, field.mission, member, region="Sur")
    headers = bearer(client, email)
    sent = [
        (field.observer, field.submission()),  # opening, La Paz
        (headers, field.submission(station_id=south.id)),  # opening, Sur
        (headers, field.submission(station_id=south.id, form_id=closing.id)),
    ]
    for caller, body in sent:
        assert client.post(f"{field.url}/submissions", json=body, headers=caller).status_code == 201
    staff = signed_in_as(client, db, hasher, Role.staff)

    def count(**filters: str) -> int:
        response = client.get(f"{field.url}/statistics", params=filters, headers=staff)
        assert response.status_code == 200
        submissions: int = response.json()["submissions"]
        return submissions

    assert count() == 3
    assert (count(phase="opening"), count(phase="closing")) == (2, 1)
    assert (count(region="Sur"), count(region="La Paz")) == (2, 1)
    assert count(phase="closing", region="La Paz") == 0


@pytest.mark.parametrize("kind", ["submissions", "incidents"])
def test_a_filing_is_read_by_its_uuid_by_its_filer_and_staff_only(
    client: TestClient, field: Field, callers: dict[str, dict[str, str]], kind: str
) -> None:
    body = field.submission() if kind == "submissions" else _incident(field)
    filed = client.post(f"{field.url}/{kind}", json=body, headers=field.observer)
    assert filed.status_code == 201
    seen = {c: client.get(f"/api/v1/{kind}/{body['uuid']}", headers=callers[c]) for c in CALLERS}
    # Nobody else learns that the uuid exists: the same 404 as for one never filed.
    assert {c: r.status_code for c, r in seen.items()} == {
        "anonymous": 401,
        "reporter": 200,
        "other_member": 404,
        "donor": 404,
        "staff": 200,
    }
    assert seen["reporter"].json() == seen["staff"].json()
    assert seen["reporter"].json()["uuid"] == body["uuid"]
    assert_problem(seen["other_member"], 404, f"No {kind[:-1]} {body['uuid']}.")
    unknown = str(uuid.uuid4())
    assert_problem(
        client.get(f"/api/v1/{kind}/{unknown}", headers=field.observer),
        404,
        f"No {kind[:-1]} {unknown}.",
    )
    assert_problem(client.get(f"/api/v1/{kind}/not-a-uuid", headers=field.observer), 422)


def test_an_observer_corrects_their_own_filing_and_reads_both_back(
    client: TestClient, field: Field
) -> None:
    first = field.submission()
    client.post(f"{field.url}/submissions", json=first, headers=field.observer)
    fix = field.submission(answers={**GOOD, "assessment": "poor"}, supersedes=first["uuid"])
    corrected = client.post(f"{field.url}/submissions", json=fix, headers=field.observer)
    assert corrected.status_code == 201 and corrected.json()["supersedes"] == first["uuid"]
    old = client.get(f"/api/v1/submissions/{first['uuid']}", headers=field.observer).json()
    assert old["superseded"] is True and old["superseded_by"] == fix["uuid"]
    new = client.get(f"/api/v1/submissions/{fix['uuid']}", headers=field.observer).json()
    assert new["superseded"] is False and new["superseded_by"] is None
    again = field.submission(supersedes=first["uuid"])
    assert_problem(
        client.post(f"{field.url}/submissions", json=again, headers=field.observer),
        409,
        f"Submission {first['uuid']} was already corrected.",
    )


def test_nobody_corrects_another_observers_filing(
    client: TestClient, field: Field, callers: dict[str, dict[str, str]]
) -> None:
    first = field.submission()
    client.post(f"{field.url}/submissions", json=first, headers=field.observer)
    theirs = field.submission(supersedes=first["uuid"])
    refused = client.post(f"{field.url}/submissions", json=theirs, headers=callers["other_member"])
    assert_problem(
        refused, 422, f"Submission {first['uuid']} cannot be corrected: it is not one of yours."
    )
    still = client.get(f"/api/v1/submissions/{first['uuid']}", headers=field.observer).json()
    assert still["superseded"] is False
