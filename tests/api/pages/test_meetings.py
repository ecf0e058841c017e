"""Staff read a mission's meetings with interlocutors on its page, the latest held first,
narrowed by theme and kind of institution with a plain GET form, in English and Spanish;
nobody else reads them there."""

import re

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.members.models import MemberRole
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    deploy,
    field_observer,
    make_meeting,
    make_member,
    make_mission,
    make_observer,
    make_user,
)
from tests.support.pages import sign_in


@pytest.fixture
def mission(db: Database) -> Mission:
    """EOM-BOL-2026 deployed, with three meetings of its deputy chief, Dana Díaz."""
    mission = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    deputy = make_member(
        db, mission, make_observer(db, full_name="Dana Díaz"), role=MemberRole.deputy_chief
    )
    deploy(db, deputy)
    make_meeting(db, mission, deputy, met_on="2026-08-02")
    make_meeting(
        db,
        mission,
        deputy,
        met_on="2026-08-09",
        institution_type="media",
        institution="Asociación Nacional de la Prensa",
        theme="media",
        follow_up=None,
    )
    make_meeting(
        db,
        mission,
        deputy,
        met_on="2026-08-13",
        institution_type="civil_society",
        institution="Coordinadora de la Mujer",
        theme="gender",
    )
    return mission


def _institutions(page: str) -> list[str]:
    return re.findall(r'<h2 id="meeting-\d+-title">([^<]+)</h2>', page)


def test_staff_read_the_meetings_the_latest_held_first_with_who_filed_them(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    page = client.get(f"/missions/{mission.id}/meetings")
    assert page.status_code == 200
    assert _institutions(page.text) == [
        "Coordinadora de la Mujer",
        "Asociación Nacional de la Prensa",
        "Tribunal Supremo Electoral",
    ]
    assert "3 meetings, the latest held first." in page.text
    assert "Filed by Dana Díaz" in page.text
    assert "The tribunal explained how results will be transmitted" in page.text
    assert "Send the tribunal the mission&#39;s questions" in page.text
    mission_page = client.get(f"/missions/{mission.id}").text
    assert f'href="/missions/{mission.id}/meetings"' in mission_page


def test_a_get_form_narrows_them_by_theme_and_kind_of_institution(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    url = f"/missions/{mission.id}/meetings"
    form = client.get(url).text
    assert f'<form method="get" action="{url}"' in form
    assert 'name="theme"' in form and 'name="institution_type"' in form
    by_theme = client.get(f"{url}?theme=gender&institution_type=").text
    assert _institutions(by_theme) == ["Coordinadora de la Mujer"]
    assert '<option value="gender" selected>' in by_theme
    by_kind = client.get(f"{url}?theme=&institution_type=electoral_body").text
    assert _institutions(by_kind) == ["Tribunal Supremo Electoral"]
    nothing = client.get(f"{url}?theme=media&institution_type=judiciary").text
    assert _institutions(nothing) == [] and "No meeting matches." in nothing
    assert client.get(f"{url}?theme=weather").status_code == 422


def test_the_page_speaks_spanish(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    page = client.get(f"/missions/{mission.id}/meetings?lang=es").text
    assert "Reuniones con interlocutores" in page
    assert "Sociedad civil" in page and "Órgano electoral" in page
    assert "Registrada por Dana Díaz" in page


@pytest.mark.parametrize("role", [Role.observer, Role.donor])
def test_nobody_but_staff_reads_the_page(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission, role: Role
) -> None:
    if role == Role.observer:  # even the mission's own chief
        _, email = field_observer(db, hasher, mission, role=MemberRole.chief)
    else:
        email = make_user(db, hasher, role=role).email
    sign_in(client, email)
    assert client.get(f"/missions/{mission.id}/meetings").status_code == 403


def test_signed_out_the_page_asks_to_sign_in(client: TestClient, mission: Mission) -> None:
    answer = client.get(f"/missions/{mission.id}/meetings", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")
