"""The roster through the API: staff only; the CSV import is all or nothing."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import make_observer, signed_in_as
from tests.support.problems import assert_problem

HEADER = "full_name,nationality,gender,languages,expertise,email,phone\n"
NEW_OBSERVER = {
    "full_name": "Camila Rojas",
    "nationality": "CL",
    "gender": "female",
    "languages": ["es", "en"],
    "expertise": ["gender"],
    "email": "camila@observers.example",
}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/observers"),
        ("POST", "/api/v1/observers"),
        ("GET", "/api/v1/observers/1"),
        ("PATCH", "/api/v1/observers/1"),
        ("POST", "/api/v1/observers/import"),
    ],
)
@pytest.mark.parametrize(("role", "status"), [(None, 401), (Role.observer, 403), (Role.donor, 403)])
def test_the_roster_is_for_staff_only(
    client: TestClient,
    db: Database,
    hasher: PasswordHasher,
    method: str,
    path: str,
    role: Role | None,
    status: int,
) -> None:
    headers = signed_in_as(client, db, hasher, role) if role else {}
    assert_problem(client.request(method, path, json={}, headers=headers), status)


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> dict[str, str]:
    return signed_in_as(client, db, hasher, Role.staff)


def test_staff_add_search_and_edit_observers(client: TestClient, staff: dict[str, str]) -> None:
    created = client.post("/api/v1/observers", json=NEW_OBSERVER, headers=staff)
    assert created.status_code == 201
    found = client.get("/api/v1/observers?q=camila&language=en", headers=staff).json()
    assert found["total"] == 1 and found["items"][0]["email"] == "camila@observers.example"
    url = f"/api/v1/observers/{created.json()['id']}"
    changed = client.patch(
        url, json={"phone": "+56 2 2555 0100"}, headers={**staff, "If-Match": '"1"'}
    )
    assert changed.status_code == 200 and changed.headers["etag"] == '"2"'


def test_a_duplicate_email_is_a_409(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    make_observer(db, email="camila@observers.example")
    assert_problem(client.post("/api/v1/observers", json=NEW_OBSERVER, headers=staff), 409)


@pytest.mark.parametrize(
    ("field", "value"),
    [("nationality", "XX"), ("languages", ["zz"]), ("expertise", ["cooking"]), ("email", "nope")],
)
def test_invalid_observers_are_422_problems(
    client: TestClient, staff: dict[str, str], field: str, value: object
) -> None:
    response = client.post("/api/v1/observers", json={**NEW_OBSERVER, field: value}, headers=staff)
    assert field in assert_problem(response, 422)["errors"][0]["loc"]


def test_a_csv_import_reports_every_bad_row_and_stores_nothing(
    client: TestClient, staff: dict[str, str]
) -> None:
    csv = (
        HEADER
        + "Good,CL,female,es,gender,good@observers.example,\n"
        + "Bad,XX,female,es,gender,bad@x.example,\n"
    )
    response = client.post(
        "/api/v1/observers/import",
        content=csv.encode(),
        headers={**staff, "Content-Type": "text/csv"},
    )
    body = assert_problem(response, 422, "The file has 1 problem(s); nothing was imported.")
    assert body["errors"][0]["loc"] == ["row", 3, "nationality"]
    assert client.get("/api/v1/observers", headers=staff).json()["total"] == 0


def test_a_csv_import_creates_and_updates(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    make_observer(db, email="known@observers.example")
    csv = HEADER + (
        "Known Again,UY,male,es,media,known@observers.example,\n"
        "Brand New,UY,female,es;pt,gender,new@observers.example,\n"
    )
    response = client.post(
        "/api/v1/observers/import",
        content=csv.encode(),
        headers={**staff, "Content-Type": "text/csv"},
    )
    assert response.json() == {"created": 1, "updated": 1}


def test_an_uploaded_csv_is_read_as_the_page_reads_it_whatever_encoding_excel_chose(
    client: TestClient, staff: dict[str, str]
) -> None:
    csv = HEADER + "José Núñez,UY,male,es,media,jose@observers.example,\n"
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        response = client.post(
            "/api/v1/observers/import",
            files={"file": ("roster.csv", csv.encode(encoding), "text/csv")},
            headers=staff,
        )
        assert response.status_code == 200, (encoding, response.text)
    listed = client.get("/api/v1/observers", headers=staff).json()["items"]
    assert [o["full_name"] for o in listed] == ["José Núñez"]


def test_an_uploaded_csv_past_the_file_bound_is_refused_whole(
    client: TestClient, staff: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("eom.core.csvimport.MAX_FILE_BYTES", 100)
    csv = HEADER + "José Núñez,UY,male,es,media,jose@observers.example,\n"
    response = client.post(
        "/api/v1/observers/import",
        files={"file": ("roster.csv", csv.encode(), "text/csv")},
        headers=staff,
    )
    assert_problem(response, 422, "The file is larger than 20 MB; split it in parts.")
    assert client.get("/api/v1/observers", headers=staff).json()["total"] == 0
