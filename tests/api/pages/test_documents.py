"""A mission's documents on its pages: the chief and deputy chief start documents and
sections and give them to members; a member writes theirs (every save a version, each
version's changes readable) and submits it; the leaders accept it and move the document
on, the chief alone approving and publishing. A refused form comes back with what was
written and the reason beside the field; a stale save shows the text saved meanwhile; a
post without its token changes nothing; an observer never opens another's section."""

import itertools
import re

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.documents import service as documents
from eom.documents.models import Document, DocumentKind, DocumentStatus, SectionStatus
from eom.planning.members.models import MemberRole, MissionMember
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    make_document,
    make_member,
    make_mission,
    make_observer,
    make_section,
    make_user,
    publish,
)
from tests.support.pages import csrf_of, sign_in

_numbers = itertools.count(1)


def _person(
    db: Database, hasher: PasswordHasher, mission: Mission, role: MemberRole
) -> tuple[MissionMember, str]:
    """A member of the mission in ``role`` with an observer's account; the member and email."""
    email = f"{role.value}{next(_numbers)}@observers.example"
    member = make_member(db, mission, make_observer(db, email=email), role=role)
    make_user(db, hasher, role=Role.observer, email=email)
    return member, email


@pytest.fixture
def mission(db: Database) -> Mission:
    return advance(db, make_mission(db), MissionStatus.deployed)


def _stored(db: Database, document_id: int) -> Document:
    with db.session_scope() as session:
        return documents.get_document(session, document_id)


def _post(client: TestClient, page: str, action: str, data: dict[str, str]) -> httpx.Response:
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf": token}, follow_redirects=False)


def test_the_chief_starts_a_document_and_gives_a_section_to_a_member(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, chief = _person(db, hasher, mission, MemberRole.chief)
    writer = make_member(db, mission, make_observer(db, full_name="Rosa Escritora"))
    sign_in(client, chief)
    home = f"/missions/{mission.id}/documents"
    created = client.post(
        home,
        data={
            "kind": "preliminary_statement",
            "round": "first",
            "title_en": "Preliminary statement",
            "title_es": "Declaración preliminar",
            "csrf": csrf_of(client.get(home).text),
        },
        follow_redirects=False,
    )
    assert created.status_code == 303, created.text
    page = created.headers["location"]
    added = client.post(
        page + "/sections",
        data={"heading": "Gender", "theme": "gender", "assignee_id": str(writer.id),
              "csrf": csrf_of(client.get(page).text)},
        follow_redirects=False,
    )  # fmt: skip
    assert added.status_code == 303
    shown = client.get(page + "?lang=es")
    assert "Declaración preliminar" in shown.text and "Redactada por Rosa Escritora" in shown.text
    assert "Preliminary statement" in client.get(home + "?lang=en").text


def test_a_refused_document_keeps_what_was_written_and_says_why_beside_the_field(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, chief = _person(db, hasher, mission, MemberRole.chief)
    sign_in(client, chief)
    home = f"/missions/{mission.id}/documents"
    refused = client.post(
        home + "?lang=es",
        data={"kind": "verbal_report", "title_en": "Verbal report", "title_es": "",
              "csrf": csrf_of(client.get(home).text)},
    )  # fmt: skip
    assert refused.status_code == 422
    assert 'id="council_session_on-error"' in refused.text
    assert "Un informe verbal indica la sesión del Consejo Permanente." in refused.text
    assert 'value="Verbal report"' in refused.text
    assert re.search(r'<option value="verbal_report"\s+selected>', refused.text)


def test_a_section_given_to_someone_outside_the_mission_is_refused_beside_its_field(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, chief = _person(db, hasher, mission, MemberRole.chief)
    stranger = make_member(db, make_mission(db))
    document = make_document(db, mission)
    sign_in(client, chief)
    page = f"/missions/{mission.id}/documents/{document.id}"
    refused = client.post(
        page + "/sections",
        data={"heading": "Media", "assignee_id": str(stranger.id),
              "csrf": csrf_of(client.get(page).text)},
    )  # fmt: skip
    assert refused.status_code == 422
    assert 'id="assignee_id-error"' in refused.text and 'value="Media"' in refused.text
    with db.session_scope() as session:
        assert (
            documents.sections_of(session, documents.get_document(session, document.id or 0)) == []
        )


def test_a_post_without_its_token_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, chief = _person(db, hasher, mission, MemberRole.chief)
    document = make_document(db, mission)
    sign_in(client, chief)
    client.get(f"/missions/{mission.id}/documents/{document.id}")
    refused = client.post(
        f"/missions/{mission.id}/documents/{document.id}/sections", data={"heading": "Media"}
    )
    assert refused.status_code == 403
    with db.session_scope() as session:
        assert (
            documents.sections_of(session, documents.get_document(session, document.id or 0)) == []
        )


def test_a_writer_saves_versions_reads_their_changes_and_submits(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    writer, email = _person(db, hasher, mission, MemberRole.short_term_observer)
    document = make_document(db, mission)
    section = make_section(db, document, assignee_id=writer.id)
    sign_in(client, email)
    assert f"/sections/{section.id}" in client.get("/").text  # "Sections to write"
    page = f"/missions/{mission.id}/documents/{document.id}/sections/{section.id}"
    for version, text in ((1, "Line one.\nLine two."), (2, "Line one.\nLine 2.")):
        saved = _post(client, page, page + "/text",
                      {"version": str(version), "text_en": text, "text_es": "Línea."})  # fmt: skip
        assert saved.status_code == 303
    diff = client.get(page + "/versions/2/diff")
    assert diff.status_code == 200
    assert re.search(r'class="removed"><del>.*− Line two\.</del>', diff.text)
    assert re.search(r'class="added"><ins>.*\+ Line 2\.</ins>', diff.text)
    submitted = _post(client, page, page + "/step", {"to": "submitted"})
    assert submitted.status_code == 303
    with db.session_scope() as session:
        stored = documents.get_section(session, _stored(db, document.id or 0), section.id or 0)
        assert stored.status == SectionStatus.submitted and stored.text["es"] == "Línea."


def test_a_stale_save_shows_the_text_saved_meanwhile_and_what_the_reader_wrote(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    writer, email = _person(db, hasher, mission, MemberRole.short_term_observer)
    document = make_document(db, mission)
    section = make_section(db, document, assignee_id=writer.id)
    sign_in(client, email)
    page = f"/missions/{mission.id}/documents/{document.id}/sections/{section.id}"
    token = csrf_of(client.get(page).text)
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        stored = documents.get_section(session, fresh, section.id or 0)
        documents.save_text(session, fresh, stored, {"en": "The deputy's words."}, actor=SYSTEM)
    stale = client.post(
        page + "/text",
        data={"version": "1", "text_en": "My words.", "text_es": "", "csrf": token},
    )
    assert stale.status_code == 409
    assert 'id="stale"' in stale.text
    assert "The deputy&#39;s words.</textarea>" in stale.text and "My words." in stale.text


def test_an_observer_cannot_open_a_section_given_to_another(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    writer, email = _person(db, hasher, mission, MemberRole.short_term_observer)
    document = make_document(db, mission)
    mine = make_section(db, document, assignee_id=writer.id)
    other = make_section(db, document, heading="Media", assignee_id=make_member(db, mission).id)
    sign_in(client, email)
    base = f"/missions/{mission.id}/documents/{document.id}"
    assert client.get(f"{base}/sections/{mine.id}").status_code == 200
    assert client.get(f"{base}/sections/{other.id}").status_code == 404
    assert client.get(f"{base}/sections/{other.id}/versions/1/diff").status_code == 404
    whole = client.get(base)
    assert whole.status_code == 200 and "Media" not in whole.text
    refused = _post(client, f"{base}/sections/{mine.id}", f"{base}/sections/{other.id}/text",
                    {"version": "1", "text_en": "Mine now."})  # fmt: skip
    assert refused.status_code == 404
    assert client.get(f"/missions/{mission.id}/documents").status_code == 403


def test_the_chief_alone_approves_and_publishes_under_embargo(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, deputy = _person(db, hasher, mission, MemberRole.deputy_chief)
    _, chief = _person(db, hasher, mission, MemberRole.chief)
    document = make_document(db, mission, DocumentKind.preliminary_statement)
    make_section(db, document, text={"en": "Seen."}, to=(SectionStatus.submitted,))
    page = f"/missions/{mission.id}/documents/{document.id}"
    sign_in(client, deputy)
    section_id = _sections_of(db, document)[0]
    accepted = _post(client, page, f"{page}/sections/{section_id}/step", {"to": "accepted"})
    assert accepted.status_code == 303
    version = str(_stored(db, document.id or 0).version)
    sent = _post(client, page, page + "/step", {"to": "in_review", "version": version})
    assert sent.status_code == 303
    shown = client.get(page)
    assert 'name="to" value="draft"' in shown.text and 'value="approved"' not in shown.text
    version = str(_stored(db, document.id or 0).version)
    refused = _post(client, page, page + "/step", {"to": "approved", "version": version})
    assert refused.status_code == 403
    client.post("/logout", data={"csrf": csrf_of(client.get("/").text)})
    sign_in(client, chief)
    form = {"to": "approved", "version": version, "embargo_until": "2030-01-02T12:00"}
    approved = _post(client, page, page + "/step", form)
    assert approved.status_code == 303
    stored = _stored(db, document.id or 0)
    assert stored.status == DocumentStatus.approved
    assert stored.embargo_until is not None and stored.embargo_until.isoformat() == (
        "2030-01-02T12:00:00+00:00"
    )


def test_a_step_from_a_stale_page_shows_the_document_as_it_stands(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, chief = _person(db, hasher, mission, MemberRole.chief)
    document = make_document(db, mission)
    page = f"/missions/{mission.id}/documents/{document.id}"
    sign_in(client, chief)
    token = csrf_of(client.get(page).text)
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        documents.transition(session, fresh, DocumentStatus.in_review, actor=SYSTEM)
    version = str(_stored(db, document.id or 0).version - 1)
    stale = client.post(page + "/step", data={"to": "in_review", "version": version, "csrf": token})
    assert stale.status_code == 409 and 'id="stale"' in stale.text


def test_a_bad_embargo_is_said_beside_its_field(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, chief = _person(db, hasher, mission, MemberRole.chief)
    document = make_document(db, mission)
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        documents.transition(session, fresh, DocumentStatus.in_review, actor=SYSTEM)
    page = f"/missions/{mission.id}/documents/{document.id}"
    sign_in(client, chief)
    refused = _post(client, page, page + "/step",
                    {"to": "approved", "version": "9", "embargo_until": "tomorrow"})  # fmt: skip
    assert refused.status_code == 422
    text = refused.text
    assert 'id="embargo-approved-error"' in text and 'value="tomorrow"' in text


def _sections_of(db: Database, document: Document) -> list[int]:
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        return [s.id or 0 for s in documents.sections_of(session, fresh)]


def test_a_file_that_is_no_pdf_and_a_delivery_tomorrow_are_refused_beside_their_fields(
    client: TestClient, db: Database, hasher: PasswordHasher, mission: Mission
) -> None:
    _, chief = _person(db, hasher, mission, MemberRole.chief)
    sign_in(client, chief)
    assert f"/missions/{mission.id}/documents" in client.get(f"/missions/{mission.id}").text
    draft = make_document(db, mission)
    page = f"/missions/{mission.id}/documents/{draft.id}"
    refused = client.post(
        page + "/file",
        data={"csrf": csrf_of(client.get(page).text)},
        files={"file": ("statement.pdf", b"not a pdf", "application/pdf")},
    )
    assert refused.status_code == 422 and 'id="file-error"' in refused.text
    assert _stored(db, draft.id or 0).file_size is None
    published = publish(db, make_document(db, mission))
    page = f"/missions/{mission.id}/documents/{published.id}"
    wrote = {
        "authority": "Tribunal Supremo Electoral",
        "means": "hand",
        "delivered_on": "2999-01-01",
    }
    refused = _post(client, page, page + "/deliveries", wrote)
    assert refused.status_code == 422 and 'id="delivered_on-error"' in refused.text
    assert 'value="Tribunal Supremo Electoral"' in refused.text
