"""Staff record and correct a mission's preliminary visits on its pages: the form keeps
what the reader wrote when refused and says why beside the field; a stale correction
shows who changed the visit; a post without its token, or not by staff, changes nothing."""

from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.planning.missions import service as missions
from eom.planning.missions import visits
from eom.planning.missions.models import PreliminaryVisitIn, VisitDecision
from tests.factories import make_mission, make_user, make_visit
from tests.support.pages import csrf_of, sign_in

FORM: dict[str, Any] = {
    "starts_on": "2026-03-02",
    "ends_on": "2026-03-05",
    "delegation": "Ana Pérez (DECO), Luis Gómez (DECO)",
    "held_on": ["2026-03-02", "", "2026-03-04"],
    "interlocutor": ["Tribunal Supremo Electoral", "", "Cancillería"],
    "summary": ["The calendar.", "", ""],
    "findings": "Access is guaranteed.",
    "decision": "go_ahead_with_conditions",
    "decision_note": "Accreditation before May.",
    "decided_on": "2026-03-09",
}


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> str:
    user = make_user(db, hasher, role=Role.staff, full_name="Ana Planificadora")
    sign_in(client, user.email)
    return user.full_name


def _visits(db: Database, mission_id: int) -> list[Any]:
    with db.session_scope() as session:
        return visits.visits_of(session, missions.get_mission(session, mission_id))


def test_staff_record_a_visit_with_its_meetings_and_see_it_on_the_timeline(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    page = client.get(f"/missions/{mission.id}/visits")
    assert page.status_code == 200 and "No preliminary visit recorded yet." in page.text
    done = client.post(
        f"/missions/{mission.id}/visits",
        data={**FORM, "csrf": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    [stored] = _visits(db, mission.id or 0)
    assert stored.decision == VisitDecision.go_ahead_with_conditions
    assert [m["interlocutor"] for m in stored.meetings] == [
        "Tribunal Supremo Electoral",
        "Cancillería",
    ]
    shown = client.get(done.headers["location"])
    assert "Preliminary visit recorded." in shown.text and "Cancillería" in shown.text
    mission_page = client.get(f"/missions/{mission.id}?lang=es")
    assert "Fin de la visita preliminar" in mission_page.text
    assert "Seguir adelante, con condiciones" in mission_page.text


def test_a_refused_visit_keeps_what_was_written_and_says_why_beside_the_field(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    token = csrf_of(client.get(f"/missions/{mission.id}/visits?lang=es").text)
    refused = client.post(
        f"/missions/{mission.id}/visits",
        data={**FORM, "ends_on": "2026-03-01", "csrf": token},
    )
    assert refused.status_code == 422
    assert 'id="ends_on-error">La visita no puede terminar antes de empezar.' in refused.text
    assert 'value="Tribunal Supremo Electoral"' in refused.text
    assert "Accreditation before May." in refused.text
    undecided = client.post(
        f"/missions/{mission.id}/visits", data={**FORM, "decided_on": "", "csrf": token}
    )
    assert undecided.status_code == 422 and 'id="decided_on-error"' in undecided.text
    assert _visits(db, mission.id or 0) == []


def test_a_stale_correction_shows_who_changed_the_visit_and_changes_nothing_more(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    visit = make_visit(db, mission)
    url = f"/missions/{mission.id}/visits/{visit.id}/edit"
    form = client.get(url)
    assert form.status_code == 200 and 'name="version" value="1"' in form.text
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        stored = visits.get_visit(session, fresh, visit.id or 0)
        data = PreliminaryVisitIn.model_validate(
            {**FORM, "held_on": [], "interlocutor": [], "summary": [], "findings": "Newer."}
        )
        visits.update_visit(session, fresh, stored, data, actor=SYSTEM)
    stale = client.post(url, data={**FORM, "version": "1", "csrf": csrf_of(form.text)})
    assert stale.status_code == 409 and 'id="stale"' in stale.text and "Newer." in stale.text
    [kept] = _visits(db, mission.id or 0)
    assert (kept.version, kept.findings) == (2, "Newer.")
    saved = client.post(
        url, data={**FORM, "version": "2", "csrf": csrf_of(stale.text)}, follow_redirects=False
    )
    assert saved.status_code == 303
    assert _visits(db, mission.id or 0)[0].findings == "Access is guaranteed."


@pytest.mark.parametrize("action", ["", "/{visit}/edit"])
def test_a_post_without_its_token_or_by_a_donor_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher, action: str
) -> None:
    mission = make_mission(db)
    visit = make_visit(db, mission)
    url = f"/missions/{mission.id}/visits" + action.format(visit=visit.id)
    form = {**FORM, "version": "1"}
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert client.post(url, data=form).status_code == 403
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.donor).email)
    assert client.get(f"/missions/{mission.id}/visits").status_code == 403
    token = csrf_of(client.get("/missions").text)
    assert client.post(url, data={**form, "csrf": token}).status_code == 403
    [kept] = _visits(db, mission.id or 0)
    assert kept.version == 1 and kept.decision == VisitDecision.go_ahead
