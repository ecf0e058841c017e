"""Polling stations and forms through the API: members see published forms only. (Who
may read and write them on election day is with the submissions.)"""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import make_form, make_member, make_mission, make_station, signed_in_as
from tests.support.election_day import Field, in_the_field
from tests.support.problems import assert_problem


@pytest.fixture
def field(client: TestClient, db: Database, hasher: PasswordHasher) -> Field:
    return in_the_field(client, db, hasher)


def test_members_see_published_forms_only(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    draft = make_form(db, field.mission, publish=False, key="draft_form")
    assert [f["key"] for f in client.get(f"{field.url}/forms", headers=field.observer).json()] == [
        "opening"
    ]
    assert_problem(client.get(f"{field.url}/forms/{draft.id}", headers=field.observer), 404)


def test_staff_call_a_member_back_from_a_station(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db)
    member = make_member(db, mission)
    north, south = make_station(db, mission), make_station(db, mission)
    staff = signed_in_as(client, db, hasher, Role.staff)
    url = f"/api/v1/missions/{mission.id}/members/{member.id}/stations"
    client.post(url, headers=staff, json={"station_ids": [north.id, south.id]})
    kept = client.delete(f"{url}/{north.id}", headers=staff)
    assert kept.status_code == 200 and kept.json() == [south.id]
    assert client.delete(f"{url}/{north.id}", headers=staff).json() == [south.id]  # no-op
    # A station not there, or another mission's, is not this member's to leave: 404.
    elsewhere = make_station(db, make_mission(db))
    assert_problem(client.delete(f"{url}/999999", headers=staff), 404)
    assert_problem(client.delete(f"{url}/{elsewhere.id}", headers=staff), 404)
    observer = signed_in_as(client, db, hasher, Role.observer)
    assert_problem(client.delete(f"{url}/{south.id}", headers=observer), 403)


def test_members_read_the_answers_schema_of_a_published_form_only(
    client: TestClient, db: Database, hasher: PasswordHasher, field: Field
) -> None:
    schema = client.get(f"{field.url}/forms/{field.form_id}/schema", headers=field.observer)
    assert schema.status_code == 200
    assert schema.json()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.json()["required"] == ["opened_on_time", "assessment"]
    draft = make_form(db, field.mission, publish=False, key="draft_form")
    drafts_schema = f"{field.url}/forms/{draft.id}/schema"
    assert_problem(client.get(drafts_schema, headers=field.observer), 404)
    staff = signed_in_as(client, db, hasher, Role.staff)
    assert client.get(drafts_schema, headers=staff).json()["additionalProperties"] is False
    assert_problem(client.get(f"{field.url}/forms/999999/schema", headers=staff), 404)
