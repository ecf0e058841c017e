"""Staff drill down from the board into a region (its figures and filings only), a polling
station (every filing there, by whom and when, its answers in words in the reader's
language, corrections marked) and a member (their filings across stations). Staff only:
observers and donors are refused, and signed out a reader is sent to sign in."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.missions.models import MissionStatus
from tests.factories import advance, make_mission, make_station, make_user
from tests.support.election_day import HOSTILE_ANSWER, Board, board_day
from tests.support.pages import sign_in


@pytest.fixture
def day(client: TestClient, db: Database, hasher: PasswordHasher) -> Board:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    return board_day(db, hasher)


def _filings(page: str) -> set[str]:
    """The filings a page shows in full, by uuid."""
    return {part.split('"')[0] for part in page.split('id="filing-')[1:]}


def test_a_regions_page_shows_the_figures_and_filings_of_that_region_only(
    client: TestClient, day: Board
) -> None:
    page = client.get(f"{day.board}/regions/Norte")
    assert page.status_code == 200
    text = page.text
    assert "Norte · Election day · EOM-BOL-2026" in text
    assert "3 reports received." in text  # current ones: Ana's two, Ben's at N-002
    filings = text.split('id="region-filings"')[1].split("</table>")[0]
    assert "N-001" in filings and "N-002" in filings and "S-001" not in filings
    assert "4 reports, corrected ones included." in text
    stations = text.split('id="region-stations"')[1].split("</table>")[0]
    assert "N-001" in stations and "S-001" not in stations
    assert f'id="incident-{day.incident_north}"' in text
    assert f'id="incident-{day.incident_south}"' not in text
    assert 'id="by-region"' not in text  # the region is the page


def test_a_regions_page_keeps_the_boards_phase(client: TestClient, day: Board) -> None:
    text = client.get(f"{day.board}/regions/Norte?phase=closing").text
    assert "1 reports received." in text
    assert f'href="{day.board}/submissions.csv?phase=closing&amp;region=Norte"' in text


def test_a_region_with_any_character_in_its_name_has_its_page(
    client: TestClient, db: Database, day: Board
) -> None:
    make_station(db, day.mission, region="Río Abajo / Sur", code="R-1")
    assert '<option value="Río Abajo / Sur" >' in client.get(day.board).text
    page = client.get(f"{day.board}/regions/R%C3%ADo%20Abajo%20%2F%20Sur")
    assert page.status_code == 200 and "Río Abajo / Sur · Election day" in page.text


def test_a_stations_page_shows_every_filing_there_with_its_answers_in_words(
    client: TestClient, day: Board
) -> None:
    page = client.get(day.station_page(day.north))
    assert page.status_code == 200
    text = page.text
    assert _filings(text) == {
        day.filed["ana_corrected"],
        day.filed["ana_correction"],
        day.filed["ana_closing"],
    }
    assert "Ana Pérez" in text and "Ben Brown" not in text.split('id="filings"')[1]
    assert "Opening <span" in text and "Closing <span" in text and "version 1" in text
    assert "2026-08-17 07:10:00 UTC" in text  # when the correction was received
    assert "<dt>Opened on time?</dt><dd>Yes</dd>" in text
    assert "<dt>Assessment</dt><dd>Poor</dd>" in text  # the correction's
    assert "<dt>Agents present</dt><dd>Governing; Opposition</dd>" in text
    assert "This filing corrects an earlier one:" in text
    assert "A later filing corrects this one; its answers no longer count." in text
    assert f'id="incident-{day.incident_north}"' in text


def test_a_stations_page_reads_in_spanish(client: TestClient, day: Board) -> None:
    text = client.get(day.station_page(day.north) + "?lang=es").text
    assert "<dt>¿Abrió a tiempo?</dt><dd>Sí</dd>" in text
    assert "<dt>Evaluación</dt><dd>Mala</dd>" in text
    assert "Cierre <span" in text and "Este envío corrige uno anterior:" in text


def test_an_answer_is_shown_as_text_never_as_markup(client: TestClient, day: Board) -> None:
    text = client.get(day.station_page(day.north)).text
    assert "=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)" in text
    assert HOSTILE_ANSWER not in text


def test_a_members_page_shows_their_filings_across_stations(client: TestClient, day: Board) -> None:
    page = client.get(day.member_page(day.ben))
    assert page.status_code == 200
    assert "Ben Brown · EOM-BOL-2026" in page.text
    assert _filings(page.text) == {day.filed["ben_opening"], day.filed["ben_north"]}
    assert "S-001" in page.text and "N-002" in page.text
    assert f'id="incident-{day.incident_south}"' in page.text
    assert f'id="incident-{day.incident_north}"' not in page.text


def test_a_station_or_member_of_another_mission_is_not_found(
    client: TestClient, db: Database, day: Board
) -> None:
    other = advance(db, make_mission(db, code="EOM-PER-2026"), MissionStatus.deployed)
    assert client.get(f"/missions/{other.id}/stations/{day.north.id}/filings").status_code == 404
    assert client.get(f"/missions/{other.id}/members/{day.ana.id}/filings").status_code == 404


def _pages(day: Board) -> list[str]:
    return [
        f"{day.board}/regions/Norte",
        day.station_page(day.north),
        day.member_page(day.ana),
    ]


@pytest.mark.parametrize("role", [Role.observer, Role.donor])
def test_only_staff_drill_down(
    client: TestClient, db: Database, hasher: PasswordHasher, day: Board, role: Role
) -> None:
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=role).email)
    assert [client.get(path).status_code for path in _pages(day)] == [403, 403, 403]


def test_signed_out_a_drill_down_sends_to_sign_in(client: TestClient, day: Board) -> None:
    client.cookies.clear()
    for path in _pages(day):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
