"""Staff verify an incident with a note from the board or from the page of a region, a
station or a member, and come back to the page they were on; a refused note comes back
on that page beside its field, and nothing is stored."""

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.field import incidents
from eom.field.models import Verification
from eom.planning.missions import service as missions
from tests.factories import make_user
from tests.support.election_day import Board, board_day
from tests.support.pages import csrf_of, sign_in


@pytest.fixture
def day(client: TestClient, db: Database, hasher: PasswordHasher) -> Board:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    return board_day(db, hasher)


def _verification(db: Database, day: Board, incident_id: int) -> tuple[Verification, str | None]:
    with db.session_scope() as session:
        mission = missions.get_mission(session, day.mission.id or 0)
        found = incidents.get_incident(session, mission, incident_id)
        return found.verification, found.verification_note


def _verify(
    client: TestClient, day: Board, page: str, incident_id: int, note: str, *, sent: str = ""
) -> httpx.Response:
    """Confirm the incident with the form of ``page``, which names ``sent`` (or itself) as
    the page it came from."""
    token = csrf_of(client.get(page).text)
    form = {"verification": "confirmed", "note": note, "next": sent or page, "csrf": token}
    url = f"/missions/{day.mission.id}/incidents/{incident_id}/verify"
    return client.post(url, data=form, follow_redirects=False)


@pytest.mark.parametrize(
    "where", ["station", "region", "member", "board"], ids=lambda w: f"from the {w} page"
)
def test_an_incident_verified_on_a_page_returns_to_that_page(
    client: TestClient, db: Database, day: Board, where: str
) -> None:
    page = {
        "station": day.station_page(day.north),
        "region": f"{day.board}/regions/Norte?phase=opening",
        "member": day.member_page(day.ana),
        "board": f"{day.board}?region=Norte",
    }[where]
    assert 'name="next" value="' + page.replace("&", "&amp;") + '"' in client.get(page).text
    done = _verify(client, day, page, day.incident_north, "Seen by two teams.")
    assert done.status_code == 303
    anchor = "#incidents" if where == "board" else f"#incident-{day.incident_north}"
    assert done.headers["location"] == page + anchor
    back = client.get(page).text
    assert f"Incident {day.incident_north} confirmed." in back
    assert _verification(db, day, day.incident_north) == (
        Verification.confirmed,
        "Seen by two teams.",
    )
    if where != "board":  # the verified incident stays on the page, with its note
        card = back.split(f'id="incident-{day.incident_north}"')[1].split("</div>")[0]
        assert "Incident confirmed" in card and "Seen by two teams." in card


def test_a_refused_note_comes_back_on_the_station_page_beside_its_field(
    client: TestClient, db: Database, day: Board
) -> None:
    page = day.station_page(day.north)
    refused = _verify(client, day, page, day.incident_north, "ok")
    assert refused.status_code == 422
    text = refused.text
    assert "Station N-001 · EOM-BOL-2026" in text
    assert f'id="note-{day.incident_north}-error"' in text and "This is too short." in text
    assert ">ok</textarea>" in text
    assert _verification(db, day, day.incident_north) == (Verification.unverified, None)


def test_a_refused_note_comes_back_on_the_region_page_in_spanish(
    client: TestClient, db: Database, day: Board
) -> None:
    page = f"{day.board}/regions/Norte"
    refused = _verify(client, day, page + "?lang=es", day.incident_north, "ok")
    assert refused.status_code == 422
    assert "Norte · Jornada electoral" in refused.text


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/missions/1/board", "/roster"]
)
def test_a_page_not_of_this_mission_returns_to_the_board(
    client: TestClient, day: Board, elsewhere: str
) -> None:
    done = _verify(client, day, day.board, day.incident_south, "Seen.", sent=elsewhere)
    assert done.headers["location"] == f"{day.board}#incidents"


def test_a_verification_without_the_form_token_is_refused_and_changes_nothing(
    client: TestClient, db: Database, day: Board
) -> None:
    url = f"/missions/{day.mission.id}/incidents/{day.incident_north}/verify"
    form = {"verification": "confirmed", "note": "Seen.", "next": day.station_page(day.north)}
    assert client.post(url, data=form).status_code == 403
    assert _verification(db, day, day.incident_north) == (Verification.unverified, None)


@pytest.mark.parametrize("role", [Role.observer, Role.donor])
def test_only_staff_verify(
    client: TestClient, db: Database, hasher: PasswordHasher, day: Board, role: Role
) -> None:
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=role).email)
    token = csrf_of(client.get("/").text)  # the sign-out form's
    url = f"/missions/{day.mission.id}/incidents/{day.incident_north}/verify"
    form = {"verification": "confirmed", "note": "Seen by two teams.", "csrf": token}
    assert client.post(url, data=form).status_code == 403
    assert _verification(db, day, day.incident_north) == (Verification.unverified, None)
