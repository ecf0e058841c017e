"""Who can read and write which of a mission's documents and sections: one row per
endpoint, one column per caller. Staff and the mission's chief and deputy chief see every
document; a member sees the documents in which a section is theirs, and only that
section; anyone sees the published documents past their embargo. What a caller may not
see answers 404, as if it did not exist."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.reference import Theme
from eom.documents import service as documents
from eom.documents.models import Document, DocumentStatus, SectionStatus
from eom.planning.members.models import MemberRole
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    bearer,
    make_document,
    make_member,
    make_mission,
    make_observer,
    make_section,
    make_user,
    publish,
    signed_in_as,
)

CALLERS = (
    "anonymous",
    "donor",
    "outsider",  # an observer of another mission
    "other_member",  # a member of the mission without a section to write
    "writer",  # a member to whom section A of the draft is assigned
    "deputy",
    "chief",
    "staff",
)


@dataclass
class World:
    mission: Mission
    ids: dict[str, int]
    headers: dict[str, dict[str, str]]

    def url(self, path: str) -> str:
        return "/api/v1" + path.format(**self.ids)


def _member_account(
    client: TestClient,
    db: Database,
    hasher: PasswordHasher,
    mission: Mission,
    name: str,
    role: MemberRole = MemberRole.short_term_observer,
) -> tuple[int, dict[str, str]]:
    email = f"{name}@observers.example"
    theme = {"theme": Theme.gender} if role == MemberRole.specialist else {}
    member = make_member(db, mission, make_observer(db, email=email), role=role, **theme)
    make_user(db, hasher, role=Role.observer, email=email)
    return member.id or 0, bearer(client, email)


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> World:
    """A deployed mission with its chief, deputy, a writer and another member; a draft
    (section A the writer's, section B unassigned), a published and an embargoed document;
    and an observer of another mission."""
    mission = advance(db, make_mission(db, code="EOM-DOC-2026"), MissionStatus.deployed)
    other = advance(db, make_mission(db, code="EOM-OTH-2026"), MissionStatus.deployed)
    headers = {"anonymous": {}, "donor": signed_in_as(client, db, hasher, Role.donor)}
    member_ids: dict[str, int] = {}
    for name, role in (
        ("chief", MemberRole.chief),
        ("deputy", MemberRole.deputy_chief),
        ("writer", MemberRole.specialist),
        ("other_member", MemberRole.long_term_observer),
    ):
        member_ids[name], headers[name] = _member_account(client, db, hasher, mission, name, role)
    _, headers["outsider"] = _member_account(client, db, hasher, other, "outsider")
    headers["staff"] = signed_in_as(client, db, hasher, Role.staff)
    draft = make_document(db, mission)
    a = make_section(db, draft, assignee_id=member_ids["writer"], text={"en": "Mine."})
    b = make_section(db, draft, heading="Gender", text={"en": "Not the writer's."})
    with db.session_scope() as session:
        fresh = documents.get_document(session, draft.id or 0)
        documents.attach_file(session, fresh, b"%PDF-1.7\n%%EOF\n", actor=SYSTEM)
    published = publish(db, make_document(db, mission))
    embargoed = publish(db, make_document(db, mission), embargo_until=utcnow() + timedelta(days=1))
    ids = {
        "mission": mission.id or 0,
        "draft": draft.id or 0,
        "a": a.id or 0,
        "b": b.id or 0,
        "published": published.id or 0,
        "embargoed": embargoed.id or 0,
    }
    return World(mission, ids, headers)


def _row(*statuses: int) -> tuple[int, ...]:
    assert len(statuses) == len(CALLERS)
    return statuses


TEXT = {"text": {"en": "New words."}}
TITLES = {"titles": {"en": "Statement", "es": "Declaración"}}
NEW = {"kind": "press_release", **TITLES}
DELIVERY = {"authority": "Electoral tribunal", "means": "email", "delivered_on": "2026-11-02"}

# (method, path, body) -> status for each of CALLERS, in order:
#     anonymous, donor, outsider, other_member, writer, deputy, chief, staff
MATRIX: list[tuple[str, str, object, tuple[int, ...]]] = [
    ("GET", "/missions/{mission}/documents", None, _row(200, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/missions/{mission}/documents", NEW, _row(401, 403, 403, 403, 403, 201, 201, 201)),
    ("GET", "/documents", None, _row(200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/documents/{published}", None, _row(200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/documents/{embargoed}", None, _row(404, 404, 404, 404, 404, 200, 200, 200)),
    ("GET", "/documents/{draft}", None, _row(404, 404, 404, 404, 200, 200, 200, 200)),
    ("PATCH", "/documents/{draft}", TITLES, _row(401, 404, 404, 404, 403, 200, 200, 200)),
    ("PATCH", "/documents/{published}", TITLES, _row(401, 403, 403, 403, 403, 409, 409, 409)),
    ("GET", "/documents/{draft}/sections/{a}", None, _row(404, 404, 404, 404, 200, 200, 200, 200)),
    ("GET", "/documents/{draft}/sections/{b}", None, _row(404, 404, 404, 404, 404, 200, 200, 200)),
    (
        "PUT",
        "/documents/{draft}/sections/{a}/text",
        TEXT,
        _row(401, 404, 404, 404, 200, 200, 200, 200),
    ),
    (
        "PUT",
        "/documents/{draft}/sections/{b}/text",
        TEXT,
        _row(401, 404, 404, 404, 404, 200, 200, 200),
    ),
    (
        "PATCH",
        "/documents/{draft}/sections/{a}",
        {"heading": "Media"},
        _row(401, 404, 404, 404, 403, 200, 200, 200),
    ),
    (
        "GET",
        "/documents/{draft}/sections/{a}/versions",
        None,
        _row(401, 404, 404, 404, 200, 200, 200, 200),
    ),
    (
        "GET",
        "/documents/{draft}/sections/{b}/versions/1/diff",
        None,
        _row(401, 404, 404, 404, 404, 200, 200, 200),
    ),
    (
        "POST",
        "/documents/{draft}/sections",
        {"heading": "Media"},
        _row(401, 404, 404, 404, 403, 201, 201, 201),
    ),
    ("GET", "/documents/{draft}/deliveries", None, _row(401, 404, 404, 404, 403, 200, 200, 200)),
    (
        "GET",
        "/documents/{published}/deliveries",
        None,
        _row(401, 403, 403, 403, 403, 200, 200, 200),
    ),
    (
        "POST",
        "/documents/{published}/deliveries",
        DELIVERY,
        _row(401, 403, 403, 403, 403, 201, 201, 201),
    ),
    ("GET", "/documents/{draft}/file", None, _row(404, 404, 404, 404, 404, 200, 200, 200)),
    ("GET", "/documents/{published}/file", None, _row(404, 404, 404, 404, 404, 404, 404, 404)),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, _, _ in MATRIX]
)
def test_who_may_do_what(
    client: TestClient,
    world: World,
    method: str,
    path: str,
    body: object,
    expected: tuple[int, ...],
) -> None:
    found = tuple(
        client.request(method, world.url(path), json=body, headers=world.headers[c]).status_code
        for c in CALLERS
    )
    assert dict(zip(CALLERS, found, strict=True)) == dict(zip(CALLERS, expected, strict=True))


def test_each_caller_lists_only_the_documents_they_may_see(
    client: TestClient, world: World
) -> None:
    url = world.url("/missions/{mission}/documents")
    totals = {c: client.get(url, headers=world.headers[c]).json()["total"] for c in CALLERS}
    assert totals == {
        "anonymous": 1,
        "donor": 1,
        "outsider": 1,
        "other_member": 1,
        "writer": 2,
        "deputy": 3,
        "chief": 3,
        "staff": 3,
    }


def test_the_archive_is_the_public_documents_for_everyone(client: TestClient, world: World) -> None:
    for caller in CALLERS:
        found = client.get("/api/v1/documents", headers=world.headers[caller]).json()
        assert [d["id"] for d in found["items"]] == [world.ids["published"]], caller


def test_a_writer_reads_only_their_own_section_of_a_draft(client: TestClient, world: World) -> None:
    seen = client.get(world.url("/documents/{draft}"), headers=world.headers["writer"]).json()
    assert [s["id"] for s in seen["sections"]] == [world.ids["a"]]
    led = client.get(world.url("/documents/{draft}"), headers=world.headers["deputy"]).json()
    assert [s["id"] for s in led["sections"]] == [world.ids["a"], world.ids["b"]]


def _in_review(db: Database, mission: Mission) -> Document:
    document = make_document(db, mission)
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        return documents.transition(session, fresh, DocumentStatus.in_review, actor=SYSTEM)


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        ("approved", _row(401, 404, 404, 404, 404, 403, 200, 200)),
        ("draft", _row(401, 404, 404, 404, 404, 200, 200, 200)),
    ],
)
def test_the_chief_approves_and_leaders_send_back_to_draft(
    client: TestClient, db: Database, world: World, to: str, expected: tuple[int, ...]
) -> None:
    found = []
    for caller in CALLERS:
        document = _in_review(db, world.mission)
        url = f"/api/v1/documents/{document.id}/transitions"
        found.append(client.post(url, json={"to": to}, headers=world.headers[caller]).status_code)
    assert dict(zip(CALLERS, found, strict=True)) == dict(zip(CALLERS, expected, strict=True))


def test_the_writer_submits_and_leaders_accept(
    client: TestClient, db: Database, world: World
) -> None:
    draft = world.ids["draft"]
    submit, accept = {"to": "submitted"}, {"to": "accepted"}
    a = f"/api/v1/documents/{draft}/sections/{world.ids['a']}/transitions"
    assert client.post(a, json=accept, headers=world.headers["writer"]).status_code == 403
    assert client.post(a, json=submit, headers=world.headers["writer"]).status_code == 200
    assert client.post(a, json=submit, headers=world.headers["writer"]).status_code == 409
    assert client.post(a, json=accept, headers=world.headers["writer"]).status_code == 403
    assert client.post(a, json=accept, headers=world.headers["deputy"]).status_code == 200
    b = f"/api/v1/documents/{draft}/sections/{world.ids['b']}/transitions"
    assert client.post(b, json=submit, headers=world.headers["writer"]).status_code == 404
    assert client.post(b, json=submit, headers=world.headers["other_member"]).status_code == 404
    with db.session_scope() as session:
        document = documents.get_document(session, draft)
        statuses = [s.status for s in documents.sections_of(session, document)]
    assert statuses == [SectionStatus.accepted, SectionStatus.draft]
