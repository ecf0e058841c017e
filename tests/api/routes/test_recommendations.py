"""The recommendations API: wiring, status codes, who may do what, and the follow-up
report of a country's recommendations."""

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from eom.accounts.models import Role
from eom.core.db import Database
from eom.planning.missions.models import MissionStatus
from recommendations.models import FollowUpStatus
from tests.factories import (
    advance,
    assess,
    make_mission,
    make_recommendation,
    reported_mission,
    signed_in_as,
)
from tests.support.examples import DRAFT_WORDS, Bolivia, bolivia
from tests.support.pdfs import page_images, pages_text, text_of
from tests.support.problems import assert_problem
from tests.support.worlds import PublishedAndDraft, published_and_draft

API = "/api/v1/recommendations"
EARLIER = {"requested_on": date(2020, 6, 1), "election_date": date(2020, 10, 18)}
NEW = {
    "number": 1,
    "text_en": "Strengthen the electoral body's oversight of campaign spending.",
    "text_es": "Fortalecer la fiscalización del gasto de campaña por el órgano electoral.",
    "theme": "political_financing",
    "institution": "electoral_body",
    "priority": "high",
    "legal_level": "regulatory",
}


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> dict[str, str]:
    return signed_in_as(client, db, hasher, Role.staff)


def test_staff_create_edit_with_if_match_and_publish(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission = reported_mission(db)
    created = client.post(API, json={**NEW, "mission_id": mission.id}, headers=staff)
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"1"'
    body = created.json()
    assert (body["current_status"], body["published"], body["country"]) == (
        "not_assessed",
        False,
        "BO",
    )
    url = f"{API}/{body['id']}"
    stale = client.patch(url, json={"priority": "low"}, headers={**staff, "If-Match": '"9"'})
    assert stale.status_code == 412
    edited = client.patch(url, json={"priority": "low"}, headers={**staff, "If-Match": '"1"'})
    assert (edited.status_code, edited.json()["priority"], edited.headers["ETag"]) == (
        200,
        "low",
        '"2"',
    )
    assert client.post(f"{url}/publish", headers=staff).json()["published"] is True
    assert client.get(url).status_code == 200


def test_a_duplicate_number_is_a_conflict(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission = reported_mission(db)
    make_recommendation(db, mission, number=1)
    answer = client.post(API, json={**NEW, "mission_id": mission.id}, headers=staff)
    assert answer.status_code == 409
    assert answer.headers["content-type"] == "application/problem+json"


def test_follow_ups_are_added_dated_and_shown_in_order(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    rec = make_recommendation(db, reported_mission(db, **EARLIER), publish=True)
    later = reported_mission(db)
    url = f"{API}/{rec.id}/follow-ups"
    for on, status, by in (
        ("2026-09-01", "mostly_implemented", later.id),
        ("2022-02-01", "not_implemented", None),
    ):
        body = {"assessed_on": on, "status": status, "evidence": "Seen in the gazette."}
        answer = client.post(url, json={**body, "assessed_by_mission_id": by}, headers=staff)
        assert answer.status_code == 201, answer.text
    future = {"assessed_on": "2199-01-01", "status": "fully_implemented", "evidence": "Hoped."}
    assert client.post(url, json=future, headers=staff).status_code == 409
    history = client.get(url).json()
    assert [(f["assessed_on"], f["assessed_by"]) for f in history] == [
        ("2022-02-01", "DECO"),
        ("2026-09-01", later.code),
    ]
    assert client.get(f"{API}/{rec.id}").json()["current_status"] == "mostly_implemented"


def test_summary_is_not_taken_for_an_id_and_counts_published_ones_for_the_public(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission = reported_mission(db, **EARLIER)
    done = make_recommendation(db, mission, publish=True)
    make_recommendation(db, mission)
    assess(db, done, FollowUpStatus.fully_implemented, date(2022, 1, 1))
    public = client.get(f"{API}/summary", params={"group_by": "country"})
    assert public.status_code == 200
    assert public.json()["rows"] == [
        {
            "key": "BO",
            "counts": {
                "not_assessed": 0,
                "not_implemented": 0,
                "partially_implemented": 0,
                "mostly_implemented": 0,
                "fully_implemented": 1,
                "no_longer_relevant": 0,
            },
            "total": 1,
            "assessed": 1,
            "implemented": 1,
            "implementation_rate": 1.0,
        }
    ]
    assert client.get(f"{API}/summary", headers=staff).json()["overall"]["total"] == 2
    assert client.get(f"{API}/summary", params={"group_by": "party"}).status_code == 422


def test_exports_carry_the_filtered_list_as_csv_and_xlsx(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    mission = reported_mission(db)
    make_recommendation(db, mission, theme="gender", text_es="Paridad de género en listas.")
    make_recommendation(db, mission, theme="media")
    csv = client.get(f"{API}/export.csv", params={"theme": "gender"}, headers=staff)
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,mission_code,country,year,number,theme")
    assert len(lines) == 2 and "Paridad de género" in lines[1]
    xlsx = client.get(f"{API}/export.xlsx", headers=staff)
    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert client.get(f"{API}/export.csv").content.decode("utf-8-sig").count("\n") == 1


def test_the_public_workbook_holds_hostile_text_as_plain_text(
    client: TestClient, db: Database
) -> None:
    # A control character in one published recommendation sank the file for everyone (500),
    # and a text beginning with = was a live formula in it.
    mission = reported_mission(db)
    make_recommendation(db, mission, publish=True, text_en="Ring the bell\x07 of the count.")
    make_recommendation(db, mission, publish=True, text_en='=HYPERLINK("http://x","open me")')
    xlsx = client.get(f"{API}/export.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    (column,) = sheet.iter_cols(
        min_col=header.index("text_en") + 1, max_col=header.index("text_en") + 1
    )
    texts = {c.value: c.data_type for c in column}
    assert texts == {
        "text_en": "s",
        "Ring the bell of the count.": "s",
        '\'=HYPERLINK("http://x","open me")': "s",
    }
    csv = client.get(f"{API}/export.csv").content.decode("utf-8-sig")
    assert "Ring the bell of the count." in csv and "'=HYPERLINK" in csv


def test_a_bad_import_answers_every_problem_by_row(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    text = "mission_code,number,text_en,text_es,theme,institution,priority,legal_level\n"
    text += "EOM-NONE-2020,1,Too short,Corto,gender,judiciary,high,legal\n"
    answer = client.post(
        f"{API}/import", content=text.encode(), headers={**staff, "Content-Type": "text/csv"}
    )
    assert answer.status_code == 422
    assert {tuple(e["loc"]) for e in answer.json()["errors"]} == {
        ("row", 2, "text_en"),
        ("row", 2, "text_es"),
    }


def test_a_mission_gets_the_worklist_of_earlier_recommendations(
    client: TestClient, db: Database, staff: dict[str, str]
) -> None:
    earlier = make_recommendation(db, reported_mission(db, **EARLIER))
    new = advance(db, make_mission(db), MissionStatus.accepted)
    answer = client.get(f"/api/v1/missions/{new.id}/recommendations/worklist", headers=staff)
    assert [i["recommendation"]["id"] for i in answer.json()] == [earlier.id]


# --- who may do what ------------------------------------------------------------------


CALLERS = ("anonymous", "observer", "donor", "staff", "admin")


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> PublishedAndDraft:
    return published_and_draft(client, db, hasher)


RECOMMENDATIONS_CSV = (
    b"mission_code,number,text_en,text_es,theme,institution,priority,legal_level\n"
)
ASSESSMENTS_CSV = b"mission_code,number,assessed_on,status,evidence\n"
FOLLOW_UP = {"assessed_on": "2026-09-01", "status": "not_implemented", "evidence": "No bill."}
# (method, path, body) -> status for anonymous, observer, donor, staff, admin
MATRIX: list[tuple[str, str, object, tuple[int, ...]]] = [
    ("GET", "", None, (200, 200, 200, 200, 200)),
    ("POST", "", "new", (401, 403, 403, 201, 201)),
    ("GET", "/{published}", None, (200, 200, 200, 200, 200)),
    ("GET", "/{draft}", None, (404, 404, 404, 200, 200)),
    ("PATCH", "/{published}", {"priority": "low"}, (401, 403, 403, 200, 200)),
    ("POST", "/{draft}/publish", None, (401, 403, 403, 200, 200)),
    ("GET", "/{published}/follow-ups", None, (200, 200, 200, 200, 200)),
    ("GET", "/{draft}/follow-ups", None, (404, 404, 404, 200, 200)),
    ("POST", "/{published}/follow-ups", FOLLOW_UP, (401, 403, 403, 201, 201)),
    ("GET", "/{published}/chain", None, (200, 200, 200, 200, 200)),
    ("GET", "/{draft}/chain", None, (404, 404, 404, 200, 200)),
    ("GET", "/summary", None, (200, 200, 200, 200, 200)),
    ("GET", "/trend", None, (200, 200, 200, 200, 200)),
    ("GET", "/repeated", None, (200, 200, 200, 200, 200)),
    ("GET", "/export.csv", None, (200, 200, 200, 200, 200)),
    ("POST", "/import", RECOMMENDATIONS_CSV, (401, 403, 403, 200, 200)),
    ("POST", "/assessments/import", ASSESSMENTS_CSV, (401, 403, 403, 200, 200)),
    ("GET", "/missions/{mission}/worklist", None, (401, 403, 403, 200, 200)),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, _, _ in MATRIX]
)
def test_who_may_do_what(
    client: TestClient,
    db: Database,
    world: PublishedAndDraft,
    method: str,
    path: str,
    body: object,
    expected: tuple[int, ...],
) -> None:
    base = "/api/v1" if path.startswith("/missions") else API
    url = base + path.format(published=world.published, draft=world.draft, mission=world.mission)
    url = url.replace("/worklist", "/recommendations/worklist")
    found = []
    for n, caller in enumerate(CALLERS):
        headers = world.headers[caller]
        if isinstance(body, bytes):
            csv_headers = {**headers, "Content-Type": "text/csv"}
            answer = client.request(method, url, content=body, headers=csv_headers)
        else:
            sent = {**NEW, "number": 10 + n, "mission_id": world.mission} if body == "new" else body
            answer = client.request(method, url, json=sent, headers=headers)
        found.append(answer.status_code)
    assert dict(zip(CALLERS, found, strict=True)) == dict(zip(CALLERS, expected, strict=True))


def test_each_caller_lists_only_what_they_may_see(
    client: TestClient, world: PublishedAndDraft
) -> None:
    totals = {c: client.get(API, headers=world.headers[c]).json()["total"] for c in CALLERS}
    assert totals == {"anonymous": 1, "observer": 1, "donor": 1, "staff": 2, "admin": 2}


# --- a country's follow-up report -----------------------------------------------------


URL = "/api/v1/recommendations/report.pdf"
PUBLISHED_WORDS = "Enforce gender parity on every list of candidates."


@pytest.fixture
def example(db: Database) -> Bolivia:
    return bolivia(db)


def test_anyone_reads_the_report_of_the_published_recommendations(
    client: TestClient, example: Bolivia
) -> None:
    response = client.get(URL, params={"country": "BO"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="recommendations-BO-en.pdf"' in response.headers["content-disposition"]
    text = text_of(response.content)
    assert "Follow-up of recommendations" in text and "Bolivia" in text
    assert PUBLISHED_WORDS in text and "Recommendations: 3 · Missions: 2" in text
    # The matrix's total row: partially, fully, not assessed; 3 in all, rate 50%.
    assert "Total 1 1 1 3 50%" in text
    assert "Chain 1: Media, 2 missions" in text


def test_an_unpublished_recommendation_never_reaches_a_public_report(
    client: TestClient, db: Database, hasher: PasswordHasher, example: Bolivia
) -> None:
    for role in (None, Role.observer, Role.donor):
        headers = signed_in_as(client, db, hasher, role) if role else {}
        for language in ("en", "es"):
            response = client.get(URL, params={"country": "BO", "lang": language}, headers=headers)
            assert DRAFT_WORDS not in text_of(response.content)


def test_staff_read_the_drafts_marked_as_such(
    client: TestClient, db: Database, hasher: PasswordHasher, example: Bolivia
) -> None:
    headers = signed_in_as(client, db, hasher, Role.staff)
    text = text_of(client.get(URL, params={"country": "BO"}, headers=headers).content)
    assert DRAFT_WORDS in text and text.count("Draft: not published") == 2
    assert "Recommendations: 5 · Missions: 2" in text


def test_the_report_is_in_the_language_asked_for(client: TestClient, example: Bolivia) -> None:
    response = client.get(URL, params={"country": "BO", "lang": "es"})
    text = text_of(response.content)
    assert "Seguimiento de recomendaciones" in text and "Bolivia" in text
    assert "Hacer cumplir la paridad de género" in text and "Implementada totalmente" in text
    assert "1 sept 2026 Implementada totalmente EOM-BOL-2026" in text
    assert 'filename="recommendations-BO-es.pdf"' in response.headers["content-disposition"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_opens_as_an_image(
    client: TestClient, example: Bolivia, language: str, tmp_path: Path
) -> None:
    document = client.get(URL, params={"country": "BO", "lang": language}).content
    assert len(page_images(document, tmp_path)) == len(pages_text(document)) >= 4


def test_a_country_without_recommendations_is_a_short_document(
    client: TestClient, example: Bolivia
) -> None:
    response = client.get(URL, params={"country": "cl"})
    assert response.status_code == 200
    assert "No recommendations were made to this country." in text_of(response.content)


@pytest.mark.parametrize(
    "params",
    [{}, {"country": "XX"}, {"country": "FR"}, {"country": "BOL"}, {"country": "BO", "lang": "fr"}],
)
def test_a_missing_unknown_or_non_member_country_is_422(
    client: TestClient, params: dict[str, str]
) -> None:
    assert_problem(client.get(URL, params=params), 422)


def test_report_pdf_is_not_taken_for_a_recommendation_id(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][URL]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert {"401", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} >= {"country", "lang"}


def test_a_bad_token_is_401(client: TestClient) -> None:
    response = client.get(
        URL, params={"country": "BO"}, headers={"Authorization": "Bearer not-a-token"}
    )
    assert_problem(response, 401)
