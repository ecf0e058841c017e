"""The workflow of a mission's documents: sections drafted, submitted and accepted; a
document to review only once every section is accepted, approved, published with an
optional embargo; every saved text a version, compared with the one before; a PDF known
by its content; deliveries of published documents; and the mission's lifecycle waiting
for its published preliminary statement and final report."""

from datetime import timedelta

import pytest
from pydantic import ValidationError

from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    TooLarge,
    UnsupportedFormat,
)
from eom.documents import service as documents
from eom.documents.models import (
    DeliveryCreate,
    DeliveryMeans,
    Document,
    DocumentCreate,
    DocumentKind,
    DocumentSection,
    DocumentStatus,
    DocumentTransitionRequest,
    DocumentUpdate,
    Round,
    SectionCreate,
    SectionStatus,
)
from eom.planning.members.models import MemberStatus
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    make_document,
    make_member,
    make_mission,
    publish,
    set_status,
)

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def mission(db: Database) -> Mission:
    return advance(db, make_mission(db), MissionStatus.deployed)


def _section(db: Database, document: Document, **values: object) -> DocumentSection:
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        data = SectionCreate.model_validate({"heading": "Electoral organization", **values})
        return documents.add_section(session, fresh, data, actor=SYSTEM)


def _write(db: Database, section: DocumentSection, **text: str) -> int:
    with db.session_scope() as session:
        document = documents.get_document(session, section.document_id)
        fresh = documents.get_section(session, document, section.id or 0)
        return documents.save_text(session, document, fresh, text, actor=SYSTEM).number


def _section_to(db: Database, section: DocumentSection, *steps: SectionStatus) -> None:
    for to in steps:
        with db.session_scope() as session:
            document = documents.get_document(session, section.document_id)
            fresh = documents.get_section(session, document, section.id or 0)
            documents.transition_section(session, document, fresh, to, actor=SYSTEM)


def _to(db: Database, document: Document, to: DocumentStatus, **extra: object) -> Document:
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        return documents.transition(session, fresh, to, actor=SYSTEM, **extra)  # type: ignore[arg-type]


def test_a_verbal_report_names_the_council_session_and_only_it_does() -> None:
    titles = {"en": "Verbal report", "es": "Informe verbal"}
    with pytest.raises(ValidationError, match="Permanent Council"):
        DocumentCreate(kind=DocumentKind.verbal_report, titles=titles)
    with pytest.raises(ValidationError, match="Only a verbal report"):
        DocumentCreate.model_validate(
            {"kind": "press_release", "titles": titles, "council_session_on": "2026-09-02"}
        )


def test_an_embargo_is_set_on_approval_or_publication_only() -> None:
    later = utcnow() + timedelta(days=1)
    with pytest.raises(ValidationError, match="embargo"):
        DocumentTransitionRequest(to=DocumentStatus.in_review, embargo_until=later)
    assert DocumentTransitionRequest(to=DocumentStatus.approved, embargo_until=later)


def test_titles_are_keyed_by_language_codes() -> None:
    with pytest.raises(ValidationError):
        DocumentCreate.model_validate({"kind": "other", "titles": {"xx": "Nothing"}})
    with pytest.raises(ValidationError):
        DocumentCreate.model_validate({"kind": "other", "titles": {}})


def test_a_runoff_document_needs_a_mission_with_a_runoff(db: Database, mission: Mission) -> None:
    with pytest.raises(InvalidInput, match="no runoff"):
        make_document(db, mission, round=Round.runoff)
    runoff = advance(db, make_mission(db, runoff_date="2026-09-14"), MissionStatus.deployed)
    assert make_document(db, runoff, round=Round.runoff).round == Round.runoff


def test_a_document_goes_to_review_only_once_every_section_is_accepted(
    db: Database, mission: Mission
) -> None:
    document = make_document(db, mission, DocumentKind.preliminary_statement)
    accepted, pending = _section(db, document), _section(db, document, heading="Gender")
    _section_to(db, accepted, SectionStatus.submitted, SectionStatus.accepted)
    _section_to(db, pending, SectionStatus.submitted)
    with pytest.raises(Conflict, match="Gender") as refused:
        _to(db, document, DocumentStatus.in_review)
    assert refused.value.kind == "sections-pending"
    _section_to(db, pending, SectionStatus.accepted)
    assert _to(db, document, DocumentStatus.in_review).status == DocumentStatus.in_review


def test_a_document_is_approved_before_it_is_published(db: Database, mission: Mission) -> None:
    document = make_document(db, mission)
    with pytest.raises(InvalidTransition):
        _to(db, document, DocumentStatus.published)
    _to(db, document, DocumentStatus.in_review)
    with pytest.raises(InvalidTransition):
        _to(db, document, DocumentStatus.published)
    approved = _to(db, document, DocumentStatus.approved)
    assert approved.approved_by == SYSTEM.label and approved.published_at is None
    published = _to(db, document, DocumentStatus.published)
    assert published.published_at is not None and published.is_public(utcnow())
    with pytest.raises(InvalidTransition):
        _to(db, document, DocumentStatus.draft)


def test_an_embargoed_document_is_not_public_until_the_embargo_passes(
    db: Database, mission: Mission
) -> None:
    later = utcnow() + timedelta(hours=6)
    document = publish(db, make_document(db, mission), embargo_until=later)
    assert document.status == DocumentStatus.published
    assert not document.is_public(utcnow())
    assert document.is_public(later) and document.public_at() == later


def test_sent_back_to_draft_a_document_loses_its_approval_and_embargo(
    db: Database, mission: Mission
) -> None:
    document = make_document(db, mission)
    _to(db, document, DocumentStatus.in_review)
    _to(db, document, DocumentStatus.approved, embargo_until=utcnow() + timedelta(days=1))
    back = _to(db, document, DocumentStatus.draft)
    assert back.approved_by is None and back.embargo_until is None


def test_a_document_in_review_is_frozen_until_sent_back_to_draft(
    db: Database, mission: Mission
) -> None:
    document = make_document(db, mission)
    _to(db, document, DocumentStatus.in_review)
    change = DocumentUpdate(titles={"en": "Another", "es": "Otro"})
    with db.session_scope() as session, pytest.raises(Conflict, match="in_review"):
        documents.update_document(
            session, documents.get_document(session, document.id or 0), change, actor=SYSTEM
        )
    with pytest.raises(Conflict):
        _section(db, document)
    _to(db, document, DocumentStatus.draft)
    assert _section(db, document).position == 1


def test_a_section_is_written_while_a_draft_and_sent_back_to_be_written_again(
    db: Database, mission: Mission
) -> None:
    section = _section(db, make_document(db, mission))
    assert _write(db, section, en="First words.") == 1
    _section_to(db, section, SectionStatus.submitted)
    with pytest.raises(Conflict, match="submitted"):
        _write(db, section, en="Late words.")
    with pytest.raises(InvalidTransition):
        _section_to(db, section, SectionStatus.submitted)
    _section_to(db, section, SectionStatus.draft)
    assert _write(db, section, en="Second words.") == 2


def test_every_save_is_a_version_compared_with_the_one_before(
    db: Database, mission: Mission
) -> None:
    section = _section(db, make_document(db, mission))
    _write(db, section, en="Opening was on time.\nQueues were short.", es="Abrió a tiempo.")
    _write(db, section, en="Opening was on time.\nQueues were long.", es="Abrió a tiempo.")
    with db.session_scope() as session:
        document = documents.get_document(session, section.document_id)
        fresh = documents.get_section(session, document, section.id or 0)
        versions = documents.versions_of(session, fresh)
        first, second = (documents.diff(session, fresh, n) for n in (1, 2))
        assert fresh.text["en"].endswith("long.")
    assert [v.number for v in versions] == [1, 2] and versions[0].author == "EOM"
    assert first.previous is None and "+Abrió a tiempo." in first.changes["es"]
    assert second.previous == 1 and set(second.changes) == {"en"}
    assert "-Queues were short." in second.changes["en"]
    assert "+Queues were long." in second.changes["en"]


def test_a_section_is_assigned_to_a_member_of_the_mission_still_on_it(
    db: Database, mission: Mission
) -> None:
    document = make_document(db, mission)
    stranger = make_member(db, make_mission(db))
    with pytest.raises(InvalidInput, match="No member"):
        _section(db, document, assignee_id=stranger.id)
    gone = make_member(db, mission)
    set_status(db, gone, MemberStatus.withdrawn)
    with pytest.raises(InvalidInput, match="withdrawn"):
        _section(db, document, assignee_id=gone.id)
    writer = make_member(db, mission)
    assert _section(db, document, assignee_id=writer.id).assignee_id == writer.id


def test_the_file_is_a_pdf_by_its_content_and_bounded(db: Database, mission: Mission) -> None:
    document = make_document(db, mission)
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        with pytest.raises(UnsupportedFormat):
            documents.attach_file(session, fresh, b"GIF89a not a pdf", actor=SYSTEM)
        with pytest.raises(TooLarge):
            too_large = PDF + b" " * documents.MAX_FILE_BYTES
            documents.attach_file(session, fresh, too_large, actor=SYSTEM)
        documents.attach_file(session, fresh, PDF, actor=SYSTEM)
        documents.attach_file(session, fresh, PDF + b"%", actor=SYSTEM)
        assert documents.file_of(session, fresh).content == PDF + b"%"
        assert fresh.file_size == len(PDF) + 1


def test_only_a_published_document_is_delivered(db: Database, mission: Mission) -> None:
    document = make_document(db, mission)
    data = DeliveryCreate(
        authority="Tribunal Supremo Electoral",
        means=DeliveryMeans.hand,
        delivered_on=utcnow().date(),
    )
    with db.session_scope() as session, pytest.raises(Conflict, match="published"):
        documents.record_delivery(
            session, documents.get_document(session, document.id or 0), data, actor=SYSTEM
        )
    publish(db, document)
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        documents.record_delivery(session, fresh, data, actor=SYSTEM)
        (delivered,) = documents.deliveries_of(session, fresh)
    assert delivered.authority == "Tribunal Supremo Electoral"


def _step(db: Database, mission: Mission, to: MissionStatus) -> None:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        missions.transition(session, fresh, to, on=utcnow().date(), actor=SYSTEM)


def test_the_preliminary_report_waits_for_a_public_preliminary_statement(
    db: Database, mission: Mission
) -> None:
    with pytest.raises(InvalidTransition, match="preliminary_statement") as refused:
        _step(db, mission, MissionStatus.preliminary_report)
    assert refused.value.kind == "missing-document"
    publish(db, make_document(db, mission), embargo_until=utcnow() - timedelta(minutes=1))
    statement = make_document(db, mission, DocumentKind.preliminary_statement)
    publish(db, statement, embargo_until=utcnow() + timedelta(hours=1))
    with pytest.raises(InvalidTransition, match="embargo"):
        _step(db, mission, MissionStatus.preliminary_report)
    publish(db, make_document(db, mission, DocumentKind.preliminary_statement))
    _step(db, mission, MissionStatus.preliminary_report)
    with pytest.raises(InvalidTransition, match="final_report"):
        _step(db, mission, MissionStatus.final_report)
    publish(db, make_document(db, mission, DocumentKind.final_report))
    _step(db, mission, MissionStatus.final_report)


def test_the_mission_keeps_the_first_instant_its_statement_became_public(
    db: Database, mission: Mission
) -> None:
    publish(db, make_document(db, mission, DocumentKind.preliminary_statement))
    with db.session_scope() as session:
        first = missions.get_mission(session, mission.id or 0).preliminary_statement_public_at
    publish(
        db,
        make_document(db, mission, DocumentKind.preliminary_statement),
        embargo_until=utcnow() + timedelta(days=2),
    )
    with db.session_scope() as session:
        kept = missions.get_mission(session, mission.id or 0).preliminary_statement_public_at
    assert first is not None and kept == first


def test_the_public_archive_finds_published_documents_by_words_in_either_language(
    db: Database, mission: Mission
) -> None:
    statement = make_document(
        db,
        mission,
        DocumentKind.preliminary_statement,
        titles={"en": "Preliminary statement", "es": "Declaración preliminar"},
    )
    section = _section(db, statement)
    _write(db, section, es="La jornada transcurrió con normalidad.")
    _section_to(db, section, SectionStatus.submitted, SectionStatus.accepted)
    publish(db, statement)
    make_document(db, mission, titles={"en": "A draft statement", "es": "Borrador"})
    publish(db, make_document(db, mission), embargo_until=utcnow() + timedelta(days=1))
    filters = documents.ArchiveFilters
    with db.session_scope() as session:
        for chosen, expected in (
            (filters(), 1),
            (filters(q="DECLARACION"), 1),
            (filters(q="jornada normalidad"), 1),
            (filters(q="jornada violencia"), 0),
            (filters(kind=DocumentKind.final_report), 0),
            (filters(country="bo", year=2026), 1),
            (filters(country="PE"), 0),
        ):
            rows, total = documents.public_archive(session, chosen, limit=10, offset=0)
            assert total == expected == len(rows), chosen
