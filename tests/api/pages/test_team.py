"""Staff build a mission's team on its pages: add people found in the roster, change the
status of many at once, and read an observer's profile. Each person gets a result of
their own: done, or the rule that stopped them, while the others go ahead."""

from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.members import service as members
from eom.planning.members.models import MemberStatus
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from tests.factories import make_member, make_mission, make_observer, make_user, set_status
from tests.support.pages import csrf_of, sign_in


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)


def _statuses(db: Database, mission: Mission) -> dict[str, MemberStatus]:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return {o.full_name: m.status for m, o in members.members_of(session, fresh)}


def test_staff_add_people_from_the_roster_and_each_gets_a_result(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db, host_country="BO")
    ana = make_observer(db, full_name="Ana Núñez", nationality="AR")
    ben = make_observer(db, full_name="Ben Okafor", nationality="CA")
    local = make_observer(db, full_name="Luz Quispe", nationality="BO")
    search = client.get(f"/missions/{mission.id}/team/add?q=nunez")
    assert "Ana Núñez" in search.text and "Ben Okafor" not in search.text
    token = csrf_of(search.text)
    added = client.post(
        f"/missions/{mission.id}/team/add",
        data={
            "observer": [ana.id, ben.id, local.id],
            "role": "short_term_observer",
            "area": "La Paz",
            "csrf": token,
        },
    )
    assert added.status_code == 200
    assert "2 of 3 done." in added.text
    assert "Luz Quispe is a national of Bolivia and cannot observe its elections." in added.text
    assert _statuses(db, mission) == {
        "Ana Núñez": MemberStatus.invited,
        "Ben Okafor": MemberStatus.invited,
    }
    assert "2 members (withdrawn left out)." in added.text  # the composition follows


def test_staff_change_the_status_of_many_and_the_rule_that_stops_one_is_named(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db)
    ana = make_member(db, mission, make_observer(db, full_name="Ana Invited"))
    ben = make_member(db, mission, make_observer(db, full_name="Ben Withdrawn"))
    set_status(db, ben, MemberStatus.withdrawn)
    token = csrf_of(client.get(f"/missions/{mission.id}/team").text)
    changed = client.post(
        f"/missions/{mission.id}/team/status",
        data={"member": [ana.id, ben.id], "to": "confirmed", "csrf": token},
    )
    assert "1 of 2 done." in changed.text
    assert "A member who is withdrawn cannot become confirmed" in changed.text
    assert _statuses(db, mission)["Ana Invited"] == MemberStatus.confirmed
    deploy = client.post(
        f"/missions/{mission.id}/team/status",
        data={"member": [ana.id], "to": "deployed", "csrf": token},
    )
    assert "cannot become deployed" in deploy.text
    assert _statuses(db, mission)["Ana Invited"] == MemberStatus.confirmed


def test_free_on_the_dates_leaves_out_people_taken_by_an_overlapping_mission(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db, election_date=date(2026, 8, 17))
    overlapping = make_mission(db, host_country="PE", election_date=date(2026, 8, 24))
    later = make_mission(db, host_country="PE", election_date=date(2027, 3, 1))
    taken = make_observer(db, full_name="Tania Taken")
    make_member(db, overlapping, taken)
    elsewhere = make_observer(db, full_name="Eli Elsewhere")
    make_member(db, later, elsewhere)
    everyone = client.get(f"/missions/{mission.id}/team/add?q=t").text
    free = client.get(f"/missions/{mission.id}/team/add?free=true").text
    assert "Tania Taken" in everyone and "taken on these dates" in everyone
    assert "Tania Taken" not in free and "Eli Elsewhere" in free


def test_an_observers_profile_lists_their_missions(
    client: TestClient, db: Database, staff: None
) -> None:
    observer = make_observer(db, full_name="Rosa Historia")
    first, second = make_mission(db, code="EOM-BOL-2031"), make_mission(db, code="EOM-BOL-2032")
    make_member(db, first, observer)
    make_member(db, second, observer)
    page = client.get(f"/observers/{observer.id}").text
    assert "Rosa Historia" in page and "EOM-BOL-2031" in page and "EOM-BOL-2032" in page
    assert client.get("/observers/999999").status_code == 404


@pytest.mark.parametrize(
    "path", ["/missions/{id}/team", "/missions/{id}/team/add", "/observers/{observer}"]
)
def test_only_staff_see_the_team_pages(
    client: TestClient, db: Database, hasher: PasswordHasher, path: str
) -> None:
    mission, observer = make_mission(db), make_observer(db)
    url = path.format(id=mission.id, observer=observer.id)
    assert client.get(url, follow_redirects=False).status_code == 303
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    assert client.get(url).status_code == 403


def test_a_team_change_without_its_token_or_by_a_donor_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db)
    member = make_member(db, mission)
    form = {"member": [member.id], "to": "confirmed"}
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert client.post(f"/missions/{mission.id}/team/status", data=form).status_code == 403
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.donor).email)
    token = csrf_of(client.get("/missions").text)
    refused = client.post(f"/missions/{mission.id}/team/status", data={**form, "csrf": token})
    assert refused.status_code == 403
    assert set(_statuses(db, mission).values()) == {MemberStatus.invited}
