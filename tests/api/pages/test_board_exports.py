"""The board's downloads: the filtered submissions, one row each with the answers under
the question texts in the reader's language, and the filtered incidents, as CSV and XLSX;
no hostile answer or description runs as a formula. Staff only."""

import csv
import io

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from eom.accounts.models import Role
from eom.core.db import Database
from tests.factories import make_user
from tests.support.election_day import HOSTILE_ANSWER, HOSTILE_DESCRIPTION, Board, board_day
from tests.support.pages import sign_in


@pytest.fixture
def day(client: TestClient, db: Database, hasher: PasswordHasher) -> Board:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    return board_day(db, hasher)


def _csv(client: TestClient, url: str) -> list[dict[str, str]]:
    answer = client.get(url)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))


def _xlsx(client: TestClient, url: str) -> list[list[object]]:
    answer = client.get(url)
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_submissions_are_rows_with_the_question_texts_as_headers_in_english(
    client: TestClient, day: Board
) -> None:
    rows = _csv(client, f"{day.board}/submissions.csv")
    assert {r["Submission"] for r in rows} == set(day.filed.values())  # corrected one too
    correction = next(r for r in rows if r["Submission"] == day.filed["ana_correction"])
    assert (correction["Station"], correction["Region"], correction["Member"]) == (
        "N-001",
        "Norte",
        "Ana Pérez",
    )
    assert (correction["Phase"], correction["Form"], correction["Form version"]) == (
        "Opening",
        "Opening",
        "1",
    )
    # Both checklists ask the same questions: each text is told apart by its checklist.
    assert correction["Opened on time? · Opening"] == "Yes"
    assert correction["Assessment · Opening"] == "Poor"
    assert correction["Assessment · Closing"] == ""
    assert correction["Corrects submission"] == day.filed["ana_corrected"]
    assert correction["Received at (UTC)"] == "2026-08-17 07:10:00"


def test_submissions_headers_are_in_spanish_for_a_spanish_reader(
    client: TestClient, day: Board
) -> None:
    rows = _csv(client, f"{day.board}/submissions.csv?lang=es&phase=opening")
    assert {"Mesa", "Región", "Municipio", "Miembro", "Fase", "¿Abrió a tiempo?"} <= set(rows[0])
    assert {r["¿Abrió a tiempo?"] for r in rows} == {"Sí"}
    header = _xlsx(client, f"{day.board}/submissions.xlsx?lang=es&phase=opening")[0]
    assert "Evaluación" in header and "Personal presente" in header


def test_the_downloads_hold_the_filtered_submissions_only(client: TestClient, day: Board) -> None:
    rows = _csv(client, f"{day.board}/submissions.csv?phase=opening&region=Norte")
    assert {r["Submission"] for r in rows} == {
        day.filed["ana_corrected"],
        day.filed["ana_correction"],
        day.filed["ben_north"],
    }
    assert "Comments · Closing" not in rows[0] and "Comments" in rows[0]  # opening's only
    book = _xlsx(client, f"{day.board}/submissions.xlsx?region=Sur")
    assert len(book) == 2 and "S-001" in book[1]


def test_incidents_name_category_severity_place_status_and_note(
    client: TestClient, day: Board
) -> None:
    rows = _csv(client, f"{day.board}/incidents.csv?region=Sur")
    assert [r["Incident"] for r in rows] == [str(day.incident_south)]
    row = rows[0]
    assert (row["Category"], row["Severity"], row["Station"]) == ("Vote buying", "High", "S-001")
    assert row["Status"] == "Waiting for verification" and row["Member"] == "Ben Brown"
    header = _xlsx(client, f"{day.board}/incidents.xlsx?lang=es")[0]
    assert header[:3] == ["Incidente", "Ocurrido el (UTC)", "Recibido el (UTC)"]
    assert header[3:5] == ["Categoría", "Gravedad"]
    assert "Nota de verificación" in header


def test_no_hostile_answer_or_description_runs_as_a_formula(client: TestClient, day: Board) -> None:
    rows = _csv(client, f"{day.board}/submissions.csv?phase=closing")
    assert rows[0]["Comments"] == "'" + HOSTILE_ANSWER
    described = _csv(client, f"{day.board}/incidents.csv")
    assert {r["Description"] for r in described} == {"'" + HOSTILE_DESCRIPTION}
    for url, text in (
        (f"{day.board}/submissions.xlsx?phase=closing", "'" + HOSTILE_ANSWER),
        (f"{day.board}/incidents.xlsx", "'" + HOSTILE_DESCRIPTION),
    ):
        sheet = load_workbook(io.BytesIO(client.get(url).content)).active
        assert sheet is not None
        cells = [c for row in sheet.iter_rows() for c in row if c.value == text]
        assert cells and all(c.data_type == "s" for c in cells), "a plain string, no formula"
        assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


KINDS = ["submissions.csv", "submissions.xlsx", "incidents.csv", "incidents.xlsx"]


@pytest.mark.parametrize("role", [Role.observer, Role.donor])
def test_only_staff_download(
    client: TestClient, db: Database, hasher: PasswordHasher, day: Board, role: Role
) -> None:
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=role).email)
    assert [client.get(f"{day.board}/{kind}").status_code for kind in KINDS] == [403] * 4


def test_signed_out_a_download_sends_to_sign_in(client: TestClient, day: Board) -> None:
    client.cookies.clear()
    for kind in KINDS:
        answer = client.get(f"{day.board}/{kind}?region=Norte", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
