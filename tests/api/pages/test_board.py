"""The election-day board filtered by phase and region: a GET form that works without
JavaScript, whose filters the live part keeps while it polls, and whose downloads carry
them; each region, station and member links to its own page. Staff only."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import make_form, make_user
from tests.support.election_day import Board, board_day
from tests.support.filing import receive
from tests.support.pages import sign_in


@pytest.fixture
def day(client: TestClient, db: Database, hasher: PasswordHasher) -> Board:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    return board_day(db, hasher)


def _latest(page: str) -> str:
    return page.split('id="latest"')[1].split("</table>")[0]


def test_the_whole_board_counts_current_reports_and_links_regions_stations_and_members(
    client: TestClient, day: Board
) -> None:
    page = client.get(day.board).text
    assert "4 reports received." in page  # the corrected filing no longer counts
    mission = day.mission.id
    assert f'href="/missions/{mission}/board/regions/Norte"' in page
    assert f'href="{day.station_page(day.south)}#filing-{day.filed["ben_opening"]}"' in page
    assert f'href="{day.member_page(day.ben)}"' in page
    assert "2 incidents wait for verification." in page


def test_the_board_filters_by_phase_and_region_without_javascript(
    client: TestClient, day: Board
) -> None:
    page = client.get(f"{day.board}?phase=opening&region=Norte").text
    assert '<form method="get" action="/missions/' in page
    assert "2 reports received." in page  # Ana's correction and Ben's opening at N-002
    latest = _latest(page)
    assert "N-001" in latest and "N-002" in latest and "S-001" not in latest
    assert '<option value="opening" selected>' in page
    assert '<option value="Norte" selected>' in page
    coverage = page.split('id="coverage"')[1].split("</table>")[0]
    assert "Opening" in coverage and "Closing" not in coverage
    assert "1 incidents wait for verification." in page  # the one at N-001


def test_the_board_narrows_to_a_theme_and_lists_area_and_mission_reports(
    client: TestClient, db: Database, day: Board
) -> None:
    gender = make_form(
        db,
        day.mission,
        key="gender",
        phase="long_term",
        scope="mission",
        theme="gender",
        title_en="Gender",
        title_es="Género",
    )
    area = make_form(
        db,
        day.mission,
        key="periodic",
        phase="long_term",
        scope="area",
        title_en="Periodic report",
        title_es="Informe periódico",
    )
    receive(db, day.mission, day.ana, form_id=gender.id)
    receive(db, day.mission, day.ben, form_id=area.id, area="Sur")
    page = client.get(f"{day.board}?theme=gender").text
    assert "1 reports received." in page and '<option value="gender" selected>' in page
    latest = _latest(page)
    assert "The whole mission" in latest and "N-001" not in latest
    everything = _latest(client.get(day.board).text)
    assert "The whole mission" in everything and ">Sur</a>" in everything
    in_sur = client.get(f"{day.board}?region=Sur&lang=es").text
    assert "Toda la misión" not in _latest(in_sur)  # a whole mission's report is in no region
    assert client.get(f"{day.board}?theme=sport").status_code == 422


def test_the_live_part_keeps_the_filters_while_it_polls(client: TestClient, day: Board) -> None:
    page = client.get(f"{day.board}?phase=closing&region=Norte").text
    assert f'hx-get="{day.board}/live?phase=closing&amp;region=Norte"' in page
    live = client.get(f"{day.board}/live?phase=closing&region=Norte")
    assert live.status_code == 200 and "1 reports received." in live.text
    assert "N-001" in _latest(live.text) and "S-001" not in _latest(live.text)
    # The count of incidents outside the live part is updated out of band.
    assert 'hx-swap-oob="true" id="waiting"' in live.text
    assert "1 incidents wait for verification." in live.text


def test_the_downloads_carry_the_filters(client: TestClient, day: Board) -> None:
    page = client.get(f"{day.board}?phase=opening&region=Sur").text
    for kind in ("submissions.csv", "submissions.xlsx", "incidents.csv", "incidents.xlsx"):
        assert f'href="{day.board}/{kind}?phase=opening&amp;region=Sur"' in page


def test_a_phase_the_board_does_not_know_is_refused(client: TestClient, day: Board) -> None:
    refused = client.get(f"{day.board}?phase=lunch")
    assert refused.status_code == 422 and "text/html" in refused.headers["content-type"]


@pytest.mark.parametrize("role", [Role.observer, Role.donor])
def test_only_staff_see_the_board(
    client: TestClient, db: Database, hasher: PasswordHasher, day: Board, role: Role
) -> None:
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=role).email)
    assert client.get(day.board).status_code == 403
    assert client.get(f"{day.board}/live?region=Norte").status_code == 403


def test_signed_out_the_board_sends_to_sign_in(client: TestClient, day: Board) -> None:
    client.cookies.clear()
    answer = client.get(f"{day.board}?region=Norte", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
