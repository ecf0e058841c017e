"""Conditional GETs and what may be cached: every successful JSON or XML GET of the API
has a strong ETag, a caller who has it gets 304 with no body, public data may be kept a
minute (each language its own: the answers vary by ``Accept-Language`` and an answer in
other words has another ETag), and nothing answered to a signed-in caller is stored."""

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from api.caching import ConditionalGetMiddleware, digest_tag, none_match
from api.middleware import LanguageMiddleware
from eom.accounts.models import Role
from eom.core import problems
from eom.core.db import Database
from eom.core.i18n import translate
from eom.planning.members.models import MemberRole
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    advance,
    make_member,
    make_mission,
    make_observer,
    make_recommendation,
    reported_mission,
    signed_in_as,
)

Headers = dict[str, str]


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> Headers:
    return signed_in_as(client, db, hasher, Role.staff)


def test_a_get_answers_a_strong_etag_of_its_body(client: TestClient, db: Database) -> None:
    advance(db, make_mission(db), MissionStatus.accepted)
    first = client.get("/api/v1/missions")
    again = client.get("/api/v1/missions")
    tag = first.headers["ETag"]
    assert tag == digest_tag(first.content) == again.headers["ETag"]
    assert tag.startswith('"') and not tag.startswith("W/")


def test_a_current_etag_is_answered_304_with_no_body(client: TestClient, db: Database) -> None:
    advance(db, make_mission(db), MissionStatus.accepted)
    tag = client.get("/api/v1/missions").headers["ETag"]
    for sent in (tag, f"W/{tag}", f'"other", {tag}', "*"):
        answer = client.get("/api/v1/missions", headers={"If-None-Match": sent})
        assert (answer.status_code, answer.content) == (304, b""), sent
        assert answer.headers["ETag"] == tag and "content-type" not in answer.headers
        assert answer.headers["Cache-Control"] == "public, max-age=60"


def test_a_stale_etag_gets_the_new_body(client: TestClient, db: Database) -> None:
    advance(db, make_mission(db), MissionStatus.accepted)
    tag = client.get("/api/v1/missions").headers["ETag"]
    advance(db, make_mission(db), MissionStatus.accepted)
    answer = client.get("/api/v1/missions", headers={"If-None-Match": tag})
    assert answer.status_code == 200 and answer.json()["total"] == 2
    assert answer.headers["ETag"] not in (tag, None)


def test_the_iati_file_is_revalidated_as_any_public_answer(
    client: TestClient, db: Database
) -> None:
    advance(db, make_mission(db), MissionStatus.accepted)  # dated by its data, not the clock
    first = client.get("/api/v1/iati/activities.xml")
    assert first.status_code == 200 and first.headers["content-type"].startswith("application/xml")
    assert first.headers["Cache-Control"] == "public, max-age=60"
    assert "authorization" in first.headers["Vary"].lower()
    again = client.get(
        "/api/v1/iati/activities.xml", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert (again.status_code, again.content) == (304, b"")


def test_a_public_answer_varies_by_language_and_its_etag_follows_its_words() -> None:
    app = FastAPI()

    @app.get("/api/v1/words")
    def words(request: Request) -> dict[str, str]:
        return {"title": translate(request.state.language, problems.KINDS["not-found"].title)}

    app.add_middleware(ConditionalGetMiddleware)
    app.add_middleware(LanguageMiddleware)
    with TestClient(app) as client:
        english = client.get("/api/v1/words")
        assert english.headers["Cache-Control"] == "public, max-age=60"
        assert english.headers["Vary"] == "Authorization, Accept-Language"
        tag = english.headers["ETag"]
        spanish = client.get(
            "/api/v1/words", headers={"Accept-Language": "es", "If-None-Match": tag}
        )
        assert spanish.status_code == 200 and spanish.json() == {"title": "No encontrado"}
        assert spanish.headers["ETag"] not in (tag, None)
        again = client.get("/api/v1/words", headers={"If-None-Match": tag, "Cookie": "lang=es"})
        assert again.status_code == 304  # the pages' cookie is no language of the API
        assert again.headers["Vary"] == "Authorization, Accept-Language"


def test_an_answer_the_same_in_every_language_keeps_one_etag(
    client: TestClient, db: Database
) -> None:
    advance(db, make_mission(db), MissionStatus.accepted)
    english = client.get("/api/v1/missions")
    spanish = client.get("/api/v1/missions", headers={"Accept-Language": "es"})
    assert spanish.content == english.content
    assert spanish.headers["ETag"] == english.headers["ETag"]
    assert "Accept-Language" in spanish.headers["Vary"]


def test_published_recommendations_are_public_and_cacheable(
    client: TestClient, db: Database
) -> None:
    make_recommendation(db, reported_mission(db), publish=True)
    answer = client.get("/api/v1/recommendations")
    assert answer.json()["total"] == 1
    assert answer.headers["Cache-Control"] == "public, max-age=60"


def test_nothing_answered_to_a_signed_in_caller_is_stored(
    client: TestClient, db: Database, staff: Headers
) -> None:
    listed = client.get("/api/v1/missions", headers=staff)
    assert listed.headers["Cache-Control"] == "no-store"
    again = client.get(
        "/api/v1/missions", headers={**staff, "If-None-Match": listed.headers["ETag"]}
    )
    assert again.status_code == 304 and again.headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/auth/me", headers=staff).headers["Cache-Control"] == "no-store"


def test_refusals_changes_and_the_health_probe_are_never_stored(
    client: TestClient, staff: Headers
) -> None:
    assert client.get("/api/v1/missions/999").headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/health").headers["Cache-Control"] == "no-store"
    token = client.post("/api/v1/auth/token", data={"username": "x@example.org", "password": "x"})
    assert token.headers["Cache-Control"] == "no-store"


def test_a_records_etag_keeps_its_version_for_if_match_and_follows_its_view(
    client: TestClient, db: Database, staff: Headers
) -> None:
    mission = make_mission(db)
    url = f"/api/v1/missions/{mission.id}"
    read = client.get(url, headers=staff)
    tag = read.headers["ETag"]
    assert tag == digest_tag(read.content, "1")
    # The chief is shown in the mission's view but is no edit of the mission.
    make_member(db, mission, make_observer(db), role=MemberRole.chief)
    after = client.get(url, headers={**staff, "If-None-Match": tag})
    assert after.status_code == 200 and after.headers["ETag"].startswith('"1.')
    assert after.headers["ETag"] != tag
    edit = client.patch(
        url, json={"election_type": "legislative"}, headers={**staff, "If-Match": tag}
    )
    assert (edit.status_code, edit.headers["ETag"]) == (200, '"2"')
    stale = client.patch(url, json={"election_type": "general"}, headers={**staff, "If-Match": tag})
    assert stale.status_code == 412


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        ('"abc"', True),
        ('W/"abc"', True),
        ('"x", "abc"', True),
        ('"x","y"', False),
        ('"a,bc"', False),
        ("*", True),
        ("", False),
        ('"abd"', False),
    ],
)
def test_if_none_match_is_a_list_compared_weakly(header: str, matches: bool) -> None:
    assert none_match(header, '"abc"') is matches
