"""The documents' API: a statement written through it from draft to published, its
versions compared, its PDF, its deliveries, the archive, and the mission's lifecycle
waiting for its published statement."""

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.reference import Theme
from eom.documents.models import DocumentKind
from eom.planning.members.models import MemberRole
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    bearer,
    make_document,
    make_member,
    make_mission,
    make_observer,
    make_user,
    signed_in_as,
)

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def mission(db: Database) -> Mission:
    return advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> dict[str, str]:
    return signed_in_as(client, db, hasher, Role.staff)


def _account(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission, role: MemberRole
) -> tuple[int, dict[str, str]]:
    observer = make_observer(db)
    extra = {"theme": Theme.media} if role == MemberRole.specialist else {}
    member = make_member(db, mission, observer, role=role, **extra)
    make_user(db, hasher, role=Role.observer, email=observer.email)
    return member.id or 0, bearer(client, observer.email)


def test_a_statement_is_written_reviewed_approved_and_published_through_the_api(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, chief = _account(client, db, hasher, mission, MemberRole.chief)
    writer_id, writer = _account(client, db, hasher, mission, MemberRole.specialist)
    body = {
        "kind": "preliminary_statement",
        "titles": {"en": "Preliminary statement", "es": "Declaración preliminar"},
    }
    made = client.post(f"/api/v1/missions/{mission.id}/documents", json=body, headers=chief)
    assert made.status_code == 201, made.text
    document = made.json()
    assert made.headers["Location"] == f"/api/v1/documents/{document['id']}"
    assert document["status"] == "draft" and made.headers["ETag"] == '"1"'
    base = f"/api/v1/documents/{document['id']}"
    section = client.post(
        f"{base}/sections",
        json={"heading": "Media", "theme": "media", "assignee_id": writer_id},
        headers=chief,
    )
    assert section.status_code == 201, section.text
    assert section.headers["Location"] == f"{base}/sections/{section.json()['id']}"
    url = f"{base}/sections/{section.json()['id']}"
    for words in ("The media covered every candidate.", "The media covered most candidates."):
        saved = client.put(f"{url}/text", json={"text": {"en": words}}, headers=writer)
        assert saved.status_code == 200, saved.text
    assert client.post(f"{url}/transitions", json={"to": "submitted"}, headers=writer).is_success
    early = client.post(f"{base}/transitions", json={"to": "in_review"}, headers=chief)
    assert early.status_code == 409 and early.json()["type"].endswith("/sections-pending")
    assert client.post(f"{url}/transitions", json={"to": "accepted"}, headers=chief).is_success
    for to in ("in_review", "approved", "published"):
        step = client.post(f"{base}/transitions", json={"to": to}, headers=chief)
        assert step.status_code == 200 and step.json()["status"] == to, step.text
    public = client.get(base).json()
    assert public["published_at"] is not None
    assert public["sections"][0]["text"] == {"en": "The media covered most candidates."}
    query = {"q": "declaracion", "kind": "preliminary_statement"}
    found = client.get("/api/v1/documents", params=query)
    assert [d["id"] for d in found.json()["items"]] == [document["id"]]


def test_versions_are_listed_and_compared_with_the_one_before(
    client: TestClient, mission: Mission, staff: dict[str, str]
) -> None:
    document = client.post(
        f"/api/v1/missions/{mission.id}/documents",
        json={"kind": "other", "titles": {"en": "Notes"}},
        headers=staff,
    ).json()
    base = f"/api/v1/documents/{document['id']}"
    section = client.post(f"{base}/sections", json={"heading": "Day"}, headers=staff).json()
    url = f"{base}/sections/{section['id']}"
    client.put(f"{url}/text", json={"text": {"en": "Calm.\nOn time."}}, headers=staff)
    client.put(f"{url}/text", json={"text": {"en": "Calm.\nLate.", "es": "Tarde."}}, headers=staff)
    versions = client.get(f"{url}/versions", headers=staff).json()
    assert [v["number"] for v in versions] == [1, 2]
    diff = client.get(f"{url}/versions/2/diff", headers=staff).json()
    assert diff["previous"] == 1
    assert "-On time." in diff["changes"]["en"] and "+Late." in diff["changes"]["en"]
    assert diff["changes"]["es"][-1] == "+Tarde."
    assert client.get(f"{url}/versions/3/diff", headers=staff).status_code == 404


def test_a_stale_edit_is_refused(
    client: TestClient, mission: Mission, staff: dict[str, str]
) -> None:
    document = client.post(
        f"/api/v1/missions/{mission.id}/documents",
        json={"kind": "other", "titles": {"en": "Notes"}},
        headers=staff,
    ).json()
    url = f"/api/v1/documents/{document['id']}"
    change = {"titles": {"en": "Notes", "es": "Notas"}}
    assert client.patch(url, json=change, headers={**staff, "If-Match": '"1"'}).status_code == 200
    stale = client.patch(url, json=change, headers={**staff, "If-Match": '"1"'})
    assert stale.status_code == 412


def test_the_pdf_is_uploaded_and_read_back(
    client: TestClient, db: Database, mission: Mission, staff: dict[str, str]
) -> None:
    document = make_document(db, mission)
    url = f"/api/v1/documents/{document.id}/file"
    gif = {"file": ("x.pdf", b"GIF89a", "application/pdf")}
    not_pdf = client.put(url, files=gif, headers=staff)
    assert not_pdf.status_code == 415
    stored = client.put(url, files={"file": ("x.pdf", PDF, "application/pdf")}, headers=staff)
    assert stored.status_code == 200 and stored.json()["has_file"] is True
    assert stored.json()["file_size"] == len(PDF)
    read = client.get(url, headers=staff)
    assert read.content == PDF and read.headers["content-type"] == "application/pdf"
    assert "EOM-BOL-2026-press_release.pdf" in read.headers["content-disposition"]
    assert client.get(url).status_code == 404  # a draft, to anyone else


def test_a_file_past_20_mb_is_refused(
    client: TestClient, db: Database, mission: Mission, staff: dict[str, str]
) -> None:
    document = make_document(db, mission)
    large = PDF + b" " * (20 * 1024 * 1024)
    refused = client.put(
        f"/api/v1/documents/{document.id}/file",
        files={"file": ("x.pdf", large, "application/pdf")},
        headers=staff,
    )
    assert refused.status_code == 413


def test_an_embargoed_statement_is_hidden_until_its_time(
    client: TestClient, db: Database, mission: Mission, staff: dict[str, str]
) -> None:
    document = make_document(db, mission)
    url = f"/api/v1/documents/{document.id}"
    for to in ("in_review", "approved"):
        client.post(f"{url}/transitions", json={"to": to}, headers=staff)
    later = (utcnow() + timedelta(hours=3)).isoformat()
    step = client.post(
        f"{url}/transitions", json={"to": "published", "embargo_until": later}, headers=staff
    )
    assert step.status_code == 200 and step.json()["embargo_until"] is not None
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/documents").json()["total"] == 0
    assert client.get(url, headers=staff).status_code == 200


def test_deliveries_are_recorded_for_published_documents(
    client: TestClient, db: Database, mission: Mission, staff: dict[str, str]
) -> None:
    document = make_document(db, mission)
    url = f"/api/v1/documents/{document.id}/deliveries"
    body = {"authority": "Foreign Affairs", "means": "hand", "delivered_on": "2026-11-02"}
    assert client.post(url, json=body, headers=staff).status_code == 409
    base = f"/api/v1/documents/{document.id}/transitions"
    for to in ("in_review", "approved", "published"):
        client.post(base, json={"to": to}, headers=staff)
    assert client.post(url, json=body, headers=staff).status_code == 201
    (delivered,) = client.get(url, headers=staff).json()
    assert delivered["authority"] == "Foreign Affairs" and delivered["means"] == "hand"


def test_the_preliminary_report_waits_for_the_published_statement(
    client: TestClient, db: Database, mission: Mission, staff: dict[str, str]
) -> None:
    step = {"to": "preliminary_report", "on": utcnow().date().isoformat()}
    url = f"/api/v1/missions/{mission.id}/transitions"
    refused = client.post(url, json=step, headers=staff)
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"].endswith("/missing-document")
    document = make_document(db, mission, DocumentKind.preliminary_statement)
    base = f"/api/v1/documents/{document.id}/transitions"
    for to in ("in_review", "approved", "published"):
        client.post(base, json={"to": to}, headers=staff)
    assert client.post(url, json=step, headers=staff).status_code == 201


def test_a_verbal_report_without_its_council_session_is_refused(
    client: TestClient, mission: Mission, staff: dict[str, str]
) -> None:
    body = {"kind": "verbal_report", "titles": {"en": "Verbal report"}}
    refused = client.post(f"/api/v1/missions/{mission.id}/documents", json=body, headers=staff)
    assert refused.status_code == 422
    assert "Permanent Council" in refused.json()["errors"][0]["msg"]
