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
    "path",
    [
        "/missions/{id}/team",
        "/missions/{id}/team/add",
        "/missions/{id}/team/{member}/dates",
        "/observers/{observer}",
    ],
)
def test_only_staff_see_the_team_pages(
    client: TestClient, db: Database, hasher: PasswordHasher, path: str
) -> None:
    mission, observer = make_mission(db), make_observer(db)
    member = make_member(db, mission, observer)
    url = path.format(id=mission.id, observer=observer.id, member=member.id)
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


def _days(db: Database, mission: Mission) -> dict[str, tuple[date | None, date | None]]:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return {
            o.full_name: (m.arrives_on, m.leaves_on) for m, o in members.members_of(session, fresh)
        }


def test_staff_set_a_members_own_days_and_the_team_shows_them(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db, code="EOM-BOL-2026", election_date=date(2026, 8, 17))
    lto = make_member(db, mission, make_observer(db, full_name="Lena Largo"))
    make_member(db, mission, make_observer(db, full_name="Sam Corto"))
    url = f"/missions/{mission.id}/team/{lto.id}/dates"
    form = client.get(url)
    assert form.status_code == 200
    assert "EOM-BOL-2026 is in the country from Jul 28, 2026 to Aug 27, 2026." in form.text
    saved = client.post(
        url,
        data={
            "arrives_on": "2026-07-30",
            "leaves_on": "",
            "version": "1",
            "csrf": csrf_of(form.text),
        },
        follow_redirects=False,
    )
    assert (saved.status_code, saved.headers["location"]) == (303, f"/missions/{mission.id}/team")
    assert _days(db, mission)["Lena Largo"] == (date(2026, 7, 30), None)
    team = client.get(saved.headers["location"]).text
    assert "Saved the days of Lena Largo." in team
    assert "2026-07-30 – 2026-08-27" in team  # her own arrival, the mission's last day
    assert '2026-07-28 – 2026-08-27 <span class="muted">(the mission&#39;s)</span>' in team


def test_days_outside_the_missions_period_are_refused_beside_the_field_with_what_was_written(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db, code="EOM-BOL-2026", election_date=date(2026, 8, 17))
    member = make_member(db, mission, make_observer(db, full_name="Lena Largo"))
    url = f"/missions/{mission.id}/team/{member.id}/dates"
    token = csrf_of(client.get(url).text)
    refused = client.post(
        url, data={"arrives_on": "2026-08-10", "leaves_on": "2026-09-02", "csrf": token}
    )
    assert refused.status_code == 422
    assert 'id="leaves_on-error"' in refused.text and 'value="2026-09-02"' in refused.text
    assert "a member&#39;s days fall within them" in refused.text
    unreadable = client.post(url, data={"arrives_on": "10/08/2026", "csrf": token})
    assert unreadable.status_code == 422 and 'id="arrives_on-error"' in unreadable.text
    assert _days(db, mission) == {"Lena Largo": (None, None)}


def test_days_sent_from_a_stale_page_are_a_409_that_keeps_what_was_written(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = make_mission(db, election_date=date(2026, 8, 17))
    member = make_member(db, mission)
    url = f"/missions/{mission.id}/team/{member.id}/dates"
    token = csrf_of(client.get(url).text)
    set_status(db, member, MemberStatus.confirmed)  # version 2 while the form was open
    stale = client.post(url, data={"arrives_on": "2026-08-10", "version": "1", "csrf": token})
    assert stale.status_code == 409
    assert "The record changed since you read it" in stale.text
    assert 'value="2026-08-10"' in stale.text and 'name="version" value="2"' in stale.text


def test_the_days_form_reads_in_spanish(client: TestClient, db: Database, staff: None) -> None:
    mission = make_mission(db)
    member = make_member(db, mission, make_observer(db, full_name="Lena Largo"))
    page = client.get(f"/missions/{mission.id}/team/{member.id}/dates?lang=es").text
    assert "Días de Lena Largo" in page and "Llega el" in page


def test_a_members_days_are_changed_by_staff_only(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db)
    member = make_member(db, mission)
    url = f"/missions/{mission.id}/team/{member.id}/dates"
    form = {"arrives_on": mission.election_date.isoformat()}
    for role in (Role.observer, Role.donor):
        client.cookies.clear()
        sign_in(client, make_user(db, hasher, role=role).email)
        token = csrf_of(client.get("/missions").text)
        assert client.post(url, data={**form, "csrf": token}).status_code == 403
    client.cookies.clear()
    assert client.post(url, data=form, follow_redirects=False).status_code == 403
    assert set(_days(db, mission).values()) == {(None, None)}
