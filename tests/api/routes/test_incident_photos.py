"""Photos of an incident through the API: added by the observer who reported it, one file
a call, known by content; read back by them and by DECO staff only."""

import hashlib
import uuid
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.field import photos
from eom.planning.members.models import MemberStatus, MissionMember
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    bearer,
    field_observer,
    make_mission,
    make_station,
    set_status,
    signed_in_as,
)
from tests.support.pictures import opened, phone_jpeg, picture
from tests.support.problems import assert_problem


@dataclass
class Reported:
    """An incident reported by a deployed observer, and who else may call."""

    mission: Mission
    member: MissionMember
    uuid: str
    headers: dict[str, dict[str, str]]  # by caller

    @property
    def photos(self) -> str:
        return f"/api/v1/incidents/{self.uuid}/photos"

    @property
    def filer(self) -> dict[str, str]:
        return self.headers["filer"]


def report(client: TestClient, mission: Mission, headers: dict[str, str]) -> str:
    body = {
        "uuid": str(uuid.uuid4()),
        "category": "vote_buying",
        "severity": "high",
        "place": "Plaza principal",
        "occurred_at": "2026-08-17T10:00:00-04:00",
        "description": "Cash offered at the door.",
    }
    response = client.post(f"/api/v1/missions/{mission.id}/incidents", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return body["uuid"]


@pytest.fixture
def reported(client: TestClient, db: Database, hasher: PasswordHasher) -> Reported:
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    make_station(db, mission)
    member, email = field_observer(db, hasher, mission)
    _, other = field_observer(db, hasher, mission)
    headers = {
        "anonymous": {},
        "filer": bearer(client, email),
        "other_observer": bearer(client, other),
        "donor": signed_in_as(client, db, hasher, Role.donor),
        "staff": signed_in_as(client, db, hasher, Role.staff),
        "admin": signed_in_as(client, db, hasher, Role.admin),
    }
    return Reported(mission, member, report(client, mission, headers["filer"]), headers)


def send(
    client: TestClient,
    reported: Reported,
    content: bytes,
    *,
    name: str = "photo.jpg",
    declared: str = "image/jpeg",
    caller: str = "filer",
) -> dict:
    response = client.post(
        reported.photos,
        files={"photo": (name, content, declared)},
        headers=reported.headers[caller],
    )
    return {"status": response.status_code, "body": response.json(), "response": response}


def test_a_phones_jpeg_comes_back_upright_without_any_metadata(
    client: TestClient, reported: Reported
) -> None:
    sent = send(client, reported, phone_jpeg(40, 20))
    assert sent["status"] == 201
    photo = sent["body"]
    assert photo["incident_uuid"] == reported.uuid and photo["media_type"] == "image/jpeg"
    assert (photo["width"], photo["height"]) == (20, 40)
    image = client.get(f"{reported.photos}/{photo['id']}", headers=reported.filer)
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert image.headers["cache-control"] == "private, no-store"
    assert image.headers["x-content-type-options"] == "nosniff"
    assert image.headers["content-disposition"].startswith("inline")
    stored = opened(image.content)
    assert len(stored.getexif()) == 0 and "exif" not in stored.info
    assert "icc_profile" not in stored.info and "comment" not in stored.info
    assert len(image.content) == photo["size"]
    assert hashlib.sha256(image.content).hexdigest() == photo["sha256"]


def test_the_list_gives_each_photos_facts_in_the_order_they_came(
    client: TestClient, reported: Reported
) -> None:
    first = send(client, reported, picture("PNG", colour="red"))["body"]
    second = send(client, reported, picture("WEBP", colour="blue"))["body"]
    listed = client.get(reported.photos, headers=reported.filer)
    assert listed.status_code == 200 and listed.json() == [first, second]
    assert set(first) == {
        "id",
        "incident_uuid",
        "sha256",
        "media_type",
        "width",
        "height",
        "size",
        "uploaded_at",
        "uploaded_by",
    }


def test_a_png_named_jpg_is_stored_as_a_png(client: TestClient, reported: Reported) -> None:
    photo = send(client, reported, picture("PNG"), name="photo.jpg", declared="image/jpeg")
    assert photo["status"] == 201 and photo["body"]["media_type"] == "image/png"
    image = client.get(f"{reported.photos}/{photo['body']['id']}", headers=reported.filer)
    assert image.headers["content-type"] == "image/png" and opened(image.content).format == "PNG"


@pytest.mark.parametrize(
    "content",
    [picture("GIF"), b"This is a text file with the name photo.jpg\n"],
    ids=["gif", "text"],
)
def test_what_is_not_a_jpeg_png_or_webp_by_its_content_is_415(
    client: TestClient, reported: Reported, content: bytes
) -> None:
    sent = send(client, reported, content, name="photo.jpg", declared="image/jpeg")
    assert_problem(sent["response"], 415, "A photo must be a JPEG, PNG or WebP picture.")


def test_a_file_of_5_mb_and_one_byte_is_413(client: TestClient, reported: Reported) -> None:
    png = picture("PNG")
    content = png + b"\0" * (photos.MAX_BYTES + 1 - len(png))
    sent = send(client, reported, content)
    assert_problem(sent["response"], 413, "A photo may be at most 5 MB; this one is larger.")


def test_the_fourth_photo_is_409(client: TestClient, reported: Reported) -> None:
    for colour in ("red", "green", "blue"):
        assert send(client, reported, picture("JPEG", colour=colour))["status"] == 201
    assert_problem(
        send(client, reported, picture("JPEG", colour="white"))["response"],
        409,
        f"Incident {reported.uuid} already has 3 photos, the most it may have.",
    )


def test_the_same_bytes_twice_answer_201_then_200_with_the_same_photo(
    client: TestClient, reported: Reported
) -> None:
    first, again = send(client, reported, phone_jpeg()), send(client, reported, phone_jpeg())
    assert (first["status"], again["status"]) == (201, 200)
    assert again["body"] == first["body"]
    assert len(client.get(reported.photos, headers=reported.filer).json()) == 1


def test_an_observer_no_longer_deployed_adds_no_photos(
    client: TestClient, db: Database, reported: Reported
) -> None:
    set_status(db, reported.member, MemberStatus.completed)
    assert_problem(send(client, reported, picture("PNG"))["response"], 403)
    assert client.get(reported.photos, headers=reported.filer).status_code == 200


def test_no_photo_joins_an_incident_once_the_final_report_is_out(
    client: TestClient, db: Database, reported: Reported
) -> None:
    advance(db, reported.mission, MissionStatus.final_report)
    closed = (
        f"{reported.mission.code} is final_report and takes no more reports: its figures are final."
    )
    assert_problem(send(client, reported, picture("PNG"))["response"], 409, closed)
    assert client.get(reported.photos, headers=reported.filer).json() == []


def test_a_photo_is_found_only_under_its_own_incident(
    client: TestClient, reported: Reported
) -> None:
    photo = send(client, reported, picture("PNG"))["body"]
    other = report(client, reported.mission, reported.filer)
    url = f"/api/v1/incidents/{other}/photos/{photo['id']}"
    assert_problem(client.get(url, headers=reported.filer), 404)


def test_an_unknown_incident_is_404_before_its_file_is_looked_at(
    client: TestClient, reported: Reported
) -> None:
    url = f"/api/v1/incidents/{uuid.uuid4()}/photos"
    response = client.post(url, files={"photo": ("x.gif", picture("GIF"))}, headers=reported.filer)
    assert_problem(response, 404)


# --- who may do what --------------------------------------------------------------------

CALLERS = ("anonymous", "filer", "other_observer", "donor", "staff", "admin")


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("upload", (401, 201, 404, 404, 403, 403)),
        ("list", (401, 200, 404, 404, 200, 200)),
        ("image", (401, 200, 404, 404, 200, 200)),
    ],
)
def test_only_the_filer_adds_photos_and_only_they_and_staff_see_them(
    client: TestClient, reported: Reported, action: str, expected: tuple[int, ...]
) -> None:
    stored = send(client, reported, picture("PNG", colour="red"))["body"]

    def call(caller: str) -> int:
        headers = reported.headers[caller]
        if action == "upload":
            return send(client, reported, picture("PNG", colour="blue"), caller=caller)["status"]
        url = reported.photos + (f"/{stored['id']}" if action == "image" else "")
        response = client.get(url, headers=headers)
        if response.status_code >= 400:
            assert_problem(response, response.status_code)
        return response.status_code

    found = {caller: call(caller) for caller in CALLERS}
    assert found == dict(zip(CALLERS, expected, strict=True))
