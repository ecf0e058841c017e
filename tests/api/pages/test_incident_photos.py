"""An incident's evidence on the staff's pages: its position on its card, its photos as
small copies that link to each picture, served to signed-in DECO staff only."""

import re

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import photos
from eom.field.models import Incident
from tests.factories import make_mission, make_user
from tests.support.election_day import Board, board_day
from tests.support.pages import sign_in
from tests.support.pictures import opened, phone_jpeg


@pytest.fixture
def day(client: TestClient, db: Database, hasher: PasswordHasher) -> Board:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    return board_day(db, hasher)


def _with_evidence(db: Database, incident_id: int) -> tuple[str, int]:
    """Give the incident a position and a phone's photo; its uuid and the photo's id."""
    with db.session_scope() as session:
        incident = session.get(Incident, incident_id)
        assert incident is not None
        incident.latitude, incident.longitude, incident.accuracy_m = -16.4955, -68.1336, 8.2
        session.add(incident)
        photo, _ = photos.add_photo(
            session, incident, photos.clean(phone_jpeg(800, 400)), actor=SYSTEM
        )
        return incident.uuid, photo.id or 0


def test_the_board_shows_an_incidents_position_and_photos_as_small_copies(
    client: TestClient, db: Database, day: Board
) -> None:
    incident_uuid, photo_id = _with_evidence(db, day.incident_north)
    page = client.get(day.board).text
    card = page.split(f'id="incident-{day.incident_north}"')[1].split("</form>")[0]
    assert "-16.49550, -68.13360" in card and "within 9 m" in card
    assert 'href="geo:-16.495500,-68.133600;u=9"' in card
    url = f"/missions/{day.mission.id}/incidents/{incident_uuid}/photos/{photo_id}"
    link = re.search(rf'<a href="{url}"><img src="{url}/small" [^>]*>', card)
    assert link is not None
    assert f'alt="Photo 1 of incident {day.incident_north}: Vote buying"' in link[0]
    assert 'width="160" height="320"' in link[0]  # 400 × 800 upright: at most 320 a side
    other = page.split(f'id="incident-{day.incident_south}"')[1].split("</form>")[0]
    assert "<img" not in other and "geo:" not in other


def test_the_station_and_member_pages_show_the_photos_too(
    client: TestClient, db: Database, day: Board
) -> None:
    incident_uuid, photo_id = _with_evidence(db, day.incident_north)
    url = f"/missions/{day.mission.id}/incidents/{incident_uuid}/photos/{photo_id}/small"
    for page in (day.station_page(day.north), day.member_page(day.ana)):
        assert f'src="{url}"' in client.get(page).text


def test_staff_open_each_picture_and_its_small_copy_never_cached(
    client: TestClient, db: Database, day: Board
) -> None:
    incident_uuid, photo_id = _with_evidence(db, day.incident_north)
    url = f"/missions/{day.mission.id}/incidents/{incident_uuid}/photos/{photo_id}"
    picture, small = client.get(url), client.get(f"{url}/small")
    assert picture.status_code == small.status_code == 200
    assert (picture.headers["content-type"], small.headers["content-type"]) == (
        "image/jpeg",
        "image/webp",
    )
    for answer in (picture, small):
        assert answer.headers["cache-control"] == "private, no-store"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["content-disposition"].startswith("inline")
    assert len(opened(picture.content).getexif()) == 0
    assert opened(small.content).size == (160, 320)


def test_a_photo_is_found_only_under_its_own_mission_and_incident(
    client: TestClient, db: Database, day: Board
) -> None:
    incident_uuid, photo_id = _with_evidence(db, day.incident_north)
    with db.session_scope() as session:
        south = session.get(Incident, day.incident_south)
        assert south is not None
        south_uuid = south.uuid
    elsewhere = make_mission(db, code="EOM-PER-2026", host_country="PE")
    for url in (
        f"/missions/{elsewhere.id}/incidents/{incident_uuid}/photos/{photo_id}",
        f"/missions/{day.mission.id}/incidents/{south_uuid}/photos/{photo_id}",
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.observer, Role.donor])
def test_nobody_but_staff_opens_a_photo_on_the_pages(
    client: TestClient, db: Database, hasher: PasswordHasher, day: Board, role: Role
) -> None:
    incident_uuid, photo_id = _with_evidence(db, day.incident_north)
    url = f"/missions/{day.mission.id}/incidents/{incident_uuid}/photos/{photo_id}"
    client.cookies.clear()
    signed_out = client.get(url, follow_redirects=False)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/login")
    sign_in(client, make_user(db, hasher, role=role).email)
    for address in (url, f"{url}/small"):
        refused = client.get(address)
        assert refused.status_code == 403 and "image" not in refused.headers["content-type"]
