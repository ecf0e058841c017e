"""Staff run a mission from its pages: create it, edit its plan, take each step of its
lifecycle and record its agreements. Each form stores what the API would; a refusal
shows the form again with the reader's input and the reason beside the field; a form
without its CSRF token, or from someone who is not staff, changes nothing."""

from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import select

from eom.accounts import service as accounts
from eom.accounts.models import Role
from eom.core.db import Database
from eom.funding import budgets
from eom.planning.missions import service as missions
from eom.planning.missions.models import AgreementKind, Mission, MissionStatus, MissionUpdate
from tests.factories import advance, make_mission, make_user
from tests.support.pages import csrf_of, sign_in

S = MissionStatus
NEW_MISSION = {
    "code": "EOM-PRY-2028",
    "kind": "electoral_observation",
    "host_country": "PY",
    "election_type": "general",
    "requested_on": "2026-10-01",
    "election_date": "2028-04-23",
    "planned_budget_usd": "450000",
}


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> str:
    user = make_user(db, hasher, role=Role.staff, full_name="Ana Planificadora")
    sign_in(client, user.email)
    return user.full_name


def _stored(db: Database, code: str) -> Mission | None:
    with db.session_scope() as session:
        return session.exec(select(Mission).where(Mission.code == code)).first()


def test_staff_create_a_mission_with_its_planned_budget(
    client: TestClient, db: Database, staff: str
) -> None:
    form = client.get("/missions/new")
    assert form.status_code == 200 and 'name="election_date"' in form.text
    done = client.post(
        "/missions/new", data={**NEW_MISSION, "csrf": csrf_of(form.text)}, follow_redirects=False
    )
    assert done.status_code == 303
    mission = _stored(db, "EOM-PRY-2028")
    assert mission is not None and mission.status == S.requested
    assert done.headers["location"] == f"/missions/{mission.id}"
    with db.session_scope() as session:
        assert budgets.totals_in_force(session, [mission.id or 0])[mission.id or 0] == 450000
    page = client.get(done.headers["location"])
    assert "Mission EOM-PRY-2028 created." in page.text


def test_a_refused_mission_comes_back_with_the_input_and_the_reason_beside_the_field(
    client: TestClient, db: Database, staff: str
) -> None:
    token = csrf_of(client.get("/missions/new?lang=es").text)
    refused = client.post(
        "/missions/new",
        data={**NEW_MISSION, "runoff_date": "2028-04-01", "csrf": token},
    )
    assert refused.status_code == 422
    assert 'value="EOM-PRY-2028"' in refused.text and 'value="2028-04-01"' in refused.text
    assert 'aria-invalid="true"' in refused.text
    assert "segunda vuelta" in refused.text.lower()  # the reason, in the reader's language
    assert _stored(db, "EOM-PRY-2028") is None


def test_a_code_already_taken_is_said_beside_the_code(
    client: TestClient, db: Database, staff: str
) -> None:
    make_mission(db, code="EOM-PRY-2028")
    token = csrf_of(client.get("/missions/new").text)
    refused = client.post("/missions/new", data={**NEW_MISSION, "csrf": token})
    assert refused.status_code == 422
    assert 'id="code-error"' in refused.text and "already exists" in refused.text


def test_a_form_without_its_token_or_from_an_observer_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    forged = client.post("/missions/new", data=NEW_MISSION)
    assert forged.status_code == 403 and forged.headers["content-type"].startswith("text/html")
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    assert client.get("/missions/new").status_code == 403
    client.cookies.clear()
    assert client.get("/missions/new", follow_redirects=False).status_code == 303
    assert _stored(db, "EOM-PRY-2028") is None


def test_staff_edit_the_plan_and_a_stale_edit_shows_the_new_version(
    client: TestClient, db: Database, hasher: PasswordHasher, staff: str
) -> None:
    mission = make_mission(db, code="EOM-BOL-2030")
    form = client.get(f"/missions/{mission.id}/edit")
    token = csrf_of(form.text)
    assert 'name="version" value="1"' in form.text
    # Someone else changes the election date while this reader has the form open.
    other = make_user(db, hasher, role=Role.staff, full_name="Luis Otro")
    with db.session_scope() as session:
        stored = missions.get_mission(session, mission.id or 0)
        changes = MissionUpdate(election_date=date(2026, 9, 6))
        missions.update_mission(session, stored, changes, actor=accounts.actor_of(other))
    edit = {
        "code": "EOM-BOL-2030",
        "kind": "electoral_observation",
        "host_country": "BO",
        "election_type": "general",
        "requested_on": "2025-12-01",
        "election_date": "2026-08-23",
        "version": "1",
        "csrf": token,
    }
    stale = client.post(f"/missions/{mission.id}/edit", data=edit)
    assert stale.status_code == 409
    assert "Luis Otro changed this mission" in stale.text
    assert 'value="2026-09-06"' in stale.text  # the version stored now
    assert "You wrote: 2026-08-23" in stale.text
    saved = client.post(
        f"/missions/{mission.id}/edit", data={**edit, "version": "2"}, follow_redirects=False
    )
    assert saved.status_code == 303
    fresh = _stored(db, "EOM-BOL-2030")
    assert fresh is not None and fresh.election_date == date(2026, 8, 23) and fresh.version == 3


def test_staff_let_members_file_for_any_station_of_their_area_and_take_it_back(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db, code="EOM-BOL-2030")
    form = client.get(f"/missions/{mission.id}/edit").text
    assert 'name="file_any_station_in_area"' in form and "checked" not in form
    edit = {
        "code": "EOM-BOL-2030",
        "kind": "electoral_observation",
        "host_country": "BO",
        "election_type": "general",
        "requested_on": "2025-12-01",
        "election_date": "2026-08-17",
        "csrf": csrf_of(form),
    }
    on = {**edit, "file_any_station_in_area": "true", "version": "1"}
    assert client.post(f"/missions/{mission.id}/edit", data=on).status_code == 200
    fresh = _stored(db, "EOM-BOL-2030")
    assert fresh is not None and fresh.file_any_station_in_area
    assert "checked" in client.get(f"/missions/{mission.id}/edit").text
    client.post(f"/missions/{mission.id}/edit", data={**edit, "version": "2"})
    fresh = _stored(db, "EOM-BOL-2030")
    assert fresh is not None and not fresh.file_any_station_in_area


def test_the_page_offers_only_the_allowed_steps_and_each_is_confirmed_with_its_date(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    page = client.get(f"/missions/{mission.id}").text
    assert 'value="accepted"' in page and 'value="cancelled"' in page
    assert 'value="deployed"' not in page
    assert client.get(f"/missions/{mission.id}/step?to=deployed").status_code == 404
    confirm = client.get(f"/missions/{mission.id}/step?to=accepted")
    token = csrf_of(confirm.text)
    future = client.post(
        f"/missions/{mission.id}/step", data={"to": "accepted", "on": "2099-01-01", "csrf": token}
    )
    assert future.status_code == 422 and "2099-01-01 is in the future" in future.text
    assert 'value="2099-01-01"' in future.text
    done = client.post(
        f"/missions/{mission.id}/step",
        data={"to": "accepted", "on": "2026-01-10", "csrf": token},
        follow_redirects=False,
    )
    assert done.status_code == 303
    stored = _stored(db, mission.code)
    assert stored is not None and stored.status == S.accepted
    assert stored.accepted_on == date(2026, 1, 10)
    assert f"{mission.code} is now: Accepted." in client.get(done.headers["location"]).text


def test_cancelling_needs_a_reason_which_the_timeline_shows(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    token = csrf_of(client.get(f"/missions/{mission.id}/step?to=cancelled&lang=es").text)
    step = {"to": "cancelled", "on": "2026-01-10", "csrf": token}
    refused = client.post(f"/missions/{mission.id}/step", data=step)
    assert refused.status_code == 422 and 'id="reason-error"' in refused.text
    assert "Diga por qué" in refused.text
    client.post(f"/missions/{mission.id}/step", data={**step, "reason": "Invitation withdrawn."})
    stored = _stored(db, mission.code)
    assert stored is not None and stored.status == S.cancelled
    page = client.get(f"/missions/{mission.id}").text
    assert "Invitation withdrawn." in page
    assert "/step" not in page and "/edit" not in page  # a cancelled mission offers no step


def test_staff_record_agreements_once_each_and_then_deploy(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = advance(db, make_mission(db), S.preliminary_visit)
    token = csrf_of(client.get(f"/missions/{mission.id}").text)
    agreement = {"kind": "privileges_immunities", "counterpart": "", "signed_on": "2026-01-20"}
    refused = client.post(f"/missions/{mission.id}/agreements", data={**agreement, "csrf": token})
    assert refused.status_code == 422 and 'id="counterpart-error"' in refused.text
    assert 'value="2026-01-20"' in refused.text
    for kind in AgreementKind:
        done = client.post(
            f"/missions/{mission.id}/agreements",
            data={**agreement, "kind": kind.value, "counterpart": "Ministry", "csrf": token},
            follow_redirects=False,
        )
        assert done.status_code == 303
    page = client.get(f"/missions/{mission.id}").text
    assert 'id="agreement-form"' not in page  # both recorded: nothing left to record
    with db.session_scope() as session:
        assert (
            len(missions.agreements_of(session, missions.get_mission(session, mission.id or 0)))
            == 2
        )


@pytest.mark.parametrize("path", ["/missions/new", "/edit", "/step?to=accepted"])
def test_only_staff_open_the_forms_and_visitors_are_asked_to_sign_in(
    client: TestClient, db: Database, hasher: PasswordHasher, path: str
) -> None:
    mission = make_mission(db)
    url = path if path.startswith("/missions") else f"/missions/{mission.id}{path}"
    signed_out = client.get(url, follow_redirects=False)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/login")
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    refused = client.get(url)
    assert refused.status_code == 403 and refused.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("action", ["/edit", "/step", "/agreements"])
def test_a_post_without_its_token_or_by_a_donor_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher, action: str
) -> None:
    mission = make_mission(db)
    form = {
        "to": "accepted",
        "on": "2026-01-05",
        "code": "EOM-X-1",
        "kind": "privileges_immunities",
    }
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert client.post(f"/missions/{mission.id}{action}", data=form).status_code == 403
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.donor).email)
    token = csrf_of(client.get("/missions").text)
    refused = client.post(f"/missions/{mission.id}{action}", data={**form, "csrf": token})
    assert refused.status_code == 403
    stored = _stored(db, mission.code)
    assert stored is not None and stored.version == 1 and stored.status == S.requested
