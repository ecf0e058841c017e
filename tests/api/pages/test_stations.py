"""Staff manage a mission's polling stations on its page: upload them from CSV (a bad
file is reported row by row and stores nothing), send members to stations and call them
back, and see which stations have nobody."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import select

from eom.accounts.models import Role
from eom.core.db import Database
from eom.field import stations
from eom.field.models import PollingStation
from eom.planning.members import service as members
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from tests.factories import make_member, make_mission, make_station, make_user
from tests.support.pages import csrf_of, sign_in

GOOD = (
    "region;municipality;centre;code;registered_voters\n"
    "La Paz;Nuestra Señora de La Paz;Colegio Ayacucho;LPZ-0001;350\n"
    "La Paz;El Alto;Unidad Educativa 16 de Julio;LPZ-0002;410\n"
)


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)


def _codes(db: Database, mission: Mission) -> list[str]:
    with db.session_scope() as session:
        rows = session.exec(select(PollingStation).where(PollingStation.mission_id == mission.id))
        return sorted(s.code for s in rows)


def test_staff_upload_stations_as_excel_saves_them(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db)
    token = csrf_of(client.get(f"/missions/{mission.id}/stations").text)
    done = client.post(
        f"/missions/{mission.id}/stations/import",
        data={"csrf": token},
        files={"file": ("stations.csv", GOOD.encode("cp1252"), "text/csv")},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "Stations imported: 2 new, 0 updated." in client.get(done.headers["location"]).text
    assert _codes(db, mission) == ["LPZ-0001", "LPZ-0002"]


def test_a_bad_file_is_reported_row_by_row_and_stores_nothing(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db)
    token = csrf_of(client.get(f"/missions/{mission.id}/stations").text)
    bad = GOOD + "La Paz;El Alto;Escuela;LPZ 0003!;many\n"
    refused = client.post(
        f"/missions/{mission.id}/stations/import",
        data={"csrf": token},
        files={"file": ("stations.csv", bad.encode(), "text/csv")},
    )
    assert refused.status_code == 422
    assert 'id="problems"' in refused.text and "<td>4</td>" in refused.text
    assert "write a whole number" in refused.text
    assert _codes(db, mission) == []


def test_staff_send_a_member_to_stations_and_call_them_back(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db)
    member = make_member(db, mission)
    north, south = make_station(db, mission), make_station(db, mission)
    page = client.get(f"/missions/{mission.id}/stations?unassigned=true")
    assert north.code in page.text and "2 with nobody assigned" in page.text
    token = csrf_of(page.text)
    form = {"member": member.id, "station": [north.id, south.id], "csrf": token}
    sent = client.post(f"/missions/{mission.id}/stations/assign", data={**form, "action": "assign"})
    assert "Sent to 2 stations." in sent.text
    back = client.post(
        f"/missions/{mission.id}/stations/assign",
        data={**form, "station": [north.id], "action": "unassign"},
    )
    assert "Called back from 1 stations." in back.text
    with db.session_scope() as session:
        fresh = members.get_member(
            session, missions.get_mission(session, mission.id or 0), member.id or 0
        )
        assert stations.assigned_station_ids(session, fresh) == [south.id]
    unassigned = client.get(f"/missions/{mission.id}/stations?unassigned=true").text
    assert north.code in unassigned and south.code not in unassigned


def test_sending_without_a_member_says_so(client: TestClient, db: Database, staff: None) -> None:
    mission = make_mission(db)
    make_member(db, mission)
    station = make_station(db, mission)
    token = csrf_of(client.get(f"/missions/{mission.id}/stations").text)
    refused = client.post(
        f"/missions/{mission.id}/stations/assign",
        data={"station": [station.id], "action": "assign", "csrf": token},
    )
    assert refused.status_code == 422 and "Choose the member to send." in refused.text


def test_only_staff_manage_stations_and_a_form_needs_its_token(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db)
    url = f"/missions/{mission.id}/stations"
    assert client.get(url, follow_redirects=False).status_code == 303
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    forged = client.post(f"{url}/import", files={"file": ("s.csv", GOOD.encode(), "text/csv")})
    assert forged.status_code == 403 and _codes(db, mission) == []
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    assert client.get(url).status_code == 403
