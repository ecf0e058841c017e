"""Syncing without downloading everything: each record of the lists a client keeps in step
(missions, recommendations, assessments, money movements, submissions) carries
``updated_at``, and ``updated_since`` answers only those changed at or after it, a change
to a record already read included."""

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from recommendations.models import FollowUpStatus
from tests.factories import (
    assess,
    make_donor,
    make_mission,
    make_recommendation,
    reported_mission,
    signed_in_as,
)
from tests.support.election_day import Field, in_the_field
from tests.support.problems import assert_problem

Headers = dict[str, str]


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> Headers:
    return signed_in_as(client, db, hasher, Role.staff)


def changed_since(
    client: TestClient, url: str, since: str, headers: Headers | None = None, key: str = "id"
) -> set[Any]:
    """The keys of the items that ``url`` answers for ``updated_since=since``."""
    response = client.get(url, params={"updated_since": since}, headers=headers or {})
    assert response.status_code == 200, response.text
    body = response.json()
    items = body["items"] if isinstance(body, dict) else body
    return {item[key] for item in items}


def test_missions_changed_since_include_an_edit_of_one_read_before(
    client: TestClient, db: Database, staff: Headers
) -> None:
    first, second = make_mission(db), make_mission(db)
    read = client.get(f"/api/v1/missions/{second.id}", headers=staff).json()
    since = read["updated_at"]
    assert changed_since(client, "/api/v1/missions", since, staff) == {second.id}
    edit = client.patch(
        f"/api/v1/missions/{first.id}", json={"election_type": "legislative"}, headers=staff
    )
    assert edit.status_code == 200, edit.text
    assert edit.json()["updated_at"] > since
    assert changed_since(client, "/api/v1/missions", since, staff) == {first.id, second.id}


def test_recommendations_changed_since_include_one_whose_status_an_assessment_changed(
    client: TestClient, db: Database
) -> None:
    mission = reported_mission(db)
    older = make_recommendation(db, mission, publish=True)
    newer = make_recommendation(db, mission, publish=True)
    since = client.get(f"/api/v1/recommendations/{newer.id}").json()["updated_at"]
    assert changed_since(client, "/api/v1/recommendations", since) == {newer.id}
    assess(db, older, FollowUpStatus.partially_implemented, date(2026, 10, 1))
    assert changed_since(client, "/api/v1/recommendations", since) == {older.id, newer.id}


def test_assessments_changed_since_are_the_later_ones(client: TestClient, db: Database) -> None:
    recommendation = make_recommendation(db, reported_mission(db), publish=True)
    assess(db, recommendation, FollowUpStatus.not_implemented, date(2026, 9, 1))
    later = assess(db, recommendation, FollowUpStatus.partially_implemented, date(2026, 10, 1))
    url = f"/api/v1/recommendations/{recommendation.id}/follow-ups"
    every = client.get(url).json()
    assert [f["updated_at"] for f in every] == sorted(f["recorded_at"] for f in every)
    assert changed_since(client, url, every[-1]["updated_at"]) == {later.id}


def test_movements_changed_since_include_the_one_a_reversal_reverses(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission, donor = make_mission(db), make_donor(db)
    url = "/api/v1/funding/transactions"

    def pledge() -> dict[str, Any]:
        body = {
            "mission_id": mission.id,
            "kind": "pledge",
            "on": "2026-03-02",
            "amount": "1000.00",
            "currency": "USD",
            "donor_id": donor.id,
        }
        answer = client.post(url, json=body, headers=staff)
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    first, second = pledge(), pledge()
    assert second["updated_at"] == second["recorded_at"]
    assert changed_since(client, url, second["updated_at"], staff) == {second["id"]}
    reversal = client.post(
        f"{url}/{first['id']}/reversal", json={"on": "2026-03-03"}, headers=staff
    )
    assert reversal.status_code == 201, reversal.text
    assert changed_since(client, url, second["updated_at"], staff) == {
        first["id"],
        second["id"],
        reversal.json()["id"],
    }
    original = client.get(f"{url}/{first['id']}", headers=staff).json()
    assert original["updated_at"] == reversal.json()["recorded_at"] > original["recorded_at"]


@pytest.fixture
def field(client: TestClient, db: Database, hasher: PasswordHasher) -> Field:
    return in_the_field(client, db, hasher)


def test_submissions_changed_since_include_one_a_correction_supersedes(
    client: TestClient, field: Field, staff: Headers
) -> None:
    def filed(**overrides: Any) -> dict[str, Any]:
        sent = client.post(
            f"{field.url}/submissions", json=field.submission(**overrides), headers=field.observer
        )
        assert sent.status_code == 201, sent.text
        return dict(sent.json())

    first, second = filed(), filed()
    since = second["updated_at"]
    assert since == second["received_at"]
    mission_list, own_list = f"{field.url}/submissions", "/api/v1/me/submissions"
    for url, headers in ((mission_list, staff), (own_list, field.observer)):
        assert changed_since(client, url, since, headers, key="uuid") == {second["uuid"]}
    correction = filed(supersedes=first["uuid"])
    for url, headers in ((mission_list, staff), (own_list, field.observer)):
        assert changed_since(client, url, since, headers, key="uuid") == {
            first["uuid"],
            second["uuid"],
            correction["uuid"],
        }


LISTS = [
    "/api/v1/missions",
    "/api/v1/recommendations",
    "/api/v1/recommendations/1/follow-ups",
    "/api/v1/funding/transactions",
    "/api/v1/missions/1/submissions",
    "/api/v1/me/submissions",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "since",
    [
        "yesterday",
        "2026-12-08T09:30:00",  # no offset: which instant is it?
        "2026-12-08 09:30:00 00:00",  # a '+' sent unencoded reads as a space
        "0001-01-01T00:00:00+14:00",  # before the first instant once in UTC
        "9999-12-31T23:59:59-14:00",  # after the last
        "-0.3333",  # a number is no moment (not seconds since 1970)
        "0",
    ],
)
def test_a_bad_updated_since_is_a_422_problem_naming_it(
    client: TestClient, staff: Headers, url: str, since: str
) -> None:
    response = client.get(url, params={"updated_since": since}, headers=staff)
    problem = assert_problem(response, 422)
    assert any(error["loc"][-1] == "updated_since" for error in problem["errors"]), problem


def test_an_offset_is_read_as_the_instant_it_names(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db)
    stamp = client.get(f"/api/v1/missions/{mission.id}", headers=staff).json()["updated_at"]
    changed = datetime.fromisoformat(stamp)
    bolivia = timezone(timedelta(hours=-4))
    just_before = (changed - timedelta(seconds=1)).astimezone(bolivia).isoformat()
    just_after = (changed + timedelta(seconds=1)).astimezone(bolivia).isoformat()
    assert changed_since(client, "/api/v1/missions", just_before, staff) == {mission.id}
    assert changed_since(client, "/api/v1/missions", just_after, staff) == set()
