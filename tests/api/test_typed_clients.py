"""What a client generated from ``/openapi.json`` relies on: errors declared as the
problem documents the server sends, each refusal's kind named by a stable ``type``,
public operations declared public, and names a person would write."""

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core import problems
from eom.core.db import Database
from eom.core.errors import Conflict
from eom.planning.members.models import MemberStatus
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    assigned_station,
    bearer,
    field_observer,
    make_form,
    make_mission,
    make_user,
    set_status,
)
from tests.support.problems import PROBLEM, assert_problem


@pytest.fixture(scope="module")
def schema(app: Any) -> dict[str, Any]:
    document: dict[str, Any] = app.openapi()
    return document


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m.upper(), p, op) for p, item in schema["paths"].items() for m, op in item.items()]


def test_every_error_is_declared_as_a_problem_document_under_the_media_type_sent(
    schema: dict[str, Any],
) -> None:
    for method, path, operation in _operations(schema):
        for status, answer in operation["responses"].items():
            if status[0] in "45":
                assert answer["content"] == {
                    PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}
                }, f"{method} {path} {status}"
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def test_operation_ids_and_schema_names_read_as_words(schema: dict[str, Any]) -> None:
    ids = [operation["operationId"] for _, _, operation in _operations(schema)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)+", i) for i in ids), ids
    assert {"missions_create", "missions_list", "submissions_submit_batch"} <= set(ids)
    names = list(schema["components"]["schemas"])
    assert all(re.fullmatch(r"[A-Z][A-Za-z0-9]*", name) for name in names), names
    assert {"IncidentPhotosAddBody", "PageMissionPublic"} <= set(names)


def _placeholder(parameter: dict[str, Any]) -> str:
    kind = parameter["schema"]
    if kind.get("type") == "integer":
        return "1"
    return str(uuid.uuid4()) if kind.get("format") == "uuid" else "x"


def test_an_operation_declares_a_token_required_exactly_when_an_anonymous_caller_is_refused(
    client: TestClient, schema: dict[str, Any]
) -> None:
    public = []
    for method, path, operation in _operations(schema):
        if method != "GET":
            continue
        url = path
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                url = url.replace("{" + parameter["name"] + "}", _placeholder(parameter))
        answer = client.get(url)
        declared = operation.get("security", [])
        if {} in declared:
            public.append(operation["operationId"])
            assert answer.status_code != 401, f"{path} is declared public but asks for a token"
        elif declared:
            assert answer.status_code == 401, f"{path} serves anonymous callers ({answer})"
    assert {"missions_list", "recommendations_export_xlsx", "funding_mission"} <= set(public)


# --- problem types ---------------------------------------------------------------------


def test_a_refusal_names_its_kind_so_a_client_tells_one_rule_from_another(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    member, email = field_observer(db, hasher, mission)
    form = make_form(db, mission)
    station = assigned_station(db, mission, member)
    headers = bearer(client, email)
    at = datetime.now(UTC).isoformat()
    answers = {"opened_on_time": True, "assessment": "good"}
    one = {"uuid": str(uuid.uuid4()), "form_id": form.id, "station_id": station.id,
           "observed_at": at, "answers": answers}  # fmt: skip
    url = f"/api/v1/missions/{mission.id}/submissions"
    stored = client.post(url, json=one, headers=headers)
    assert stored.status_code == 201, stored.text
    changed = {**one, "answers": {"opened_on_time": False, "assessment": "good"}}
    assert_problem(client.post(url, json=changed, headers=headers), 409, kind="uuid-reused")
    unpublished = {**one, "uuid": str(uuid.uuid4()), "form_id": 2_000_000}
    refused = client.post(url, json=unpublished, headers=headers)
    assert_problem(refused, 422, kind="form-not-published")

    set_status(db, member, MemberStatus.withdrawn)
    again = {**one, "uuid": str(uuid.uuid4())}
    assert_problem(client.post(url, json=again, headers=headers), 403, kind="not-deployed")


@pytest.fixture
def mission(db: Database) -> Mission:
    return advance(
        db, make_mission(db, election_date=datetime.now(UTC).date()), MissionStatus.deployed
    )


def test_a_lifecycle_refusal_says_whether_the_step_or_the_agreements_are_missing(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    staff = bearer(client, make_user(db, hasher, role=Role.staff).email)
    mission = advance(db, make_mission(db), MissionStatus.preliminary_visit)
    step = f"/api/v1/missions/{mission.id}/transitions"
    today = datetime.now(UTC).date().isoformat()
    skipped = client.post(step, json={"to": "closed", "on": today}, headers=staff)
    assert_problem(skipped, 409, kind="invalid-transition")
    unsigned = client.post(step, json={"to": "agreements_signed", "on": today}, headers=staff)
    assert_problem(unsigned, 409, kind="missing-agreements")


def test_the_framework_s_own_answers_take_their_status_s_kind(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404, kind="not-found")
    assert_problem(client.get("/api/v1/me"), 401, kind="not-authenticated")
    malformed = client.post(
        "/api/v1/auth/refresh", content=b"{", headers={"content-type": "application/json"}
    )
    assert malformed.json()["type"].startswith(problems.PATH)


def test_every_kind_is_documented_where_its_type_points(client: TestClient) -> None:
    page = client.get("/problems")
    assert page.status_code == 200
    for name in problems.KINDS:
        assert f'id="{name}"' in page.text and f"/problems/{name}" in page.text
    assert client.get("/problems/uuid-reused", follow_redirects=False).headers["location"] == (
        "/problems#uuid-reused"
    )
    assert client.get("/problems/no-such-kind").status_code == 404
    spanish = client.get("/problems", headers={"Accept-Language": "es"})
    assert "Identificador ya usado" in spanish.text


def test_a_kind_not_in_the_list_cannot_be_raised() -> None:
    with pytest.raises(ValueError, match="not a kind"):
        Conflict("Something.", problem="made-up")


def test_each_list_of_codes_is_one_schema_that_requests_and_responses_share(
    schema: dict[str, Any],
) -> None:
    components = schema["components"]["schemas"]
    assert len(components["CountryCode"]["enum"]) == 249
    assert len(components["MemberStateCode"]["enum"]) == 35
    assert (
        "CAD" in components["CurrencyCode"]["enum"] and "es" in components["LanguageCode"]["enum"]
    )
    asked = components["DonorCreate"]["properties"]["country"]["anyOf"][0]
    given = components["DonorPublic"]["properties"]["country"]["anyOf"][0]
    assert asked["$ref"] == given["$ref"] == "#/components/schemas/CountryCode"
    copies = re.findall(r'"enum": \["AD", "AE"', json.dumps(schema))
    assert len(copies) == 1, "the country list is written once"


def test_a_file_answer_declares_and_sends_its_file_name(
    schema: dict[str, Any], client: TestClient
) -> None:
    files = {
        (method, path): answer
        for method, path, operation in _operations(schema)
        for status, answer in operation["responses"].items()
        if status == "200" and any("json" not in media for media in answer.get("content", {}))
    }
    # three PDFs, the XLSX, the CSV, the IATI XML, a photo, a mission document's PDF
    assert len(files) == 8
    for (method, path), answer in files.items():
        assert "Content-Disposition" in answer["headers"], f"{method} {path}"
    for public in ("iati/activities.xml", "recommendations/export.csv"):
        sent = client.get(f"/api/v1/{public}")
        assert sent.status_code == 200 and "filename=" in sent.headers["content-disposition"]


def test_a_429_declares_when_to_ask_again(schema: dict[str, Any]) -> None:
    limited = [
        answer
        for _, _, operation in _operations(schema)
        for status, answer in operation["responses"].items()
        if status == "429"
    ]
    assert limited and all("Retry-After" in answer["headers"] for answer in limited)


def test_a_batch_declares_its_items_and_each_refused_field(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    items = components["BatchIn"]["properties"]["items"]["items"]
    assert items == {"$ref": "#/components/schemas/SubmissionIn"}
    errors = components["BatchItemResult"]["properties"]["errors"]["items"]
    assert errors == {"$ref": "#/components/schemas/FieldError"}
    assert components["Problem"]["properties"]["errors"]["anyOf"][0]["items"] == errors


def test_a_mission_s_two_views_are_told_apart_by_their_view(
    schema: dict[str, Any], client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    answer = schema["paths"]["/api/v1/missions/{mission_id}"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["discriminator"] == {
        "propertyName": "view",
        "mapping": {
            "staff": "#/components/schemas/MissionStaffView",
            "public": "#/components/schemas/MissionPublic",
        },
    }
    mission = advance(db, make_mission(db), MissionStatus.accepted)
    staff = bearer(client, make_user(db, hasher, role=Role.staff).email)
    url = f"/api/v1/missions/{mission.id}"
    assert client.get(url).json()["view"] == "public"
    seen = client.get(url, headers=staff).json()
    assert seen["view"] == "staff" and "version" in seen


def test_a_create_says_where_its_record_is_read(
    schema: dict[str, Any], client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    located = {
        path
        for path, item in schema["paths"].items()
        if "Location" in item.get("post", {}).get("responses", {}).get("201", {}).get("headers", {})
    }
    assert len(located) == 12 and "/api/v1/missions/{mission_id}/submissions" in located
    staff = bearer(client, make_user(db, hasher, role=Role.staff).email)
    bodies = {
        "/api/v1/observers": {
            "full_name": "Ana Pérez",
            "nationality": "UY",
            "gender": "female",
            "email": "ana.located@observers.example",
        },
        "/api/v1/donors": {"name": "Norway", "kind": "permanent_observer", "country": "NO"},
    }
    for path, body in bodies.items():
        made = client.post(path, json=body, headers=staff)
        assert made.status_code == 201, made.text
        read = client.get(made.headers["Location"], headers=staff)
        assert read.status_code == 200 and read.json()["id"] == made.json()["id"], path
