"""What happens to a mission's documents: drafting them section by section, every saved
text a version, the review, the chief's approval, publication (after an embargo, if one
is set), the PDF, and the copies handed to authorities. Who may do each is ``access``'s
to say; this module holds the rules of the states.

A published preliminary statement or final report is recorded on its mission (when it
becomes public), which the mission's lifecycle reads: the documents stand on the missions,
never the other way round."""

import difflib
import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, extract, or_
from sqlmodel import Session, col, func, select

from eom.accounts.service import public_actors
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    TooLarge,
    UnsupportedFormat,
    check_version,
)
from eom.core.text import folded
from eom.documents.models import (
    EMBARGO_STEPS,
    DeliveryCreate,
    DeliveryPublic,
    Document,
    DocumentCreate,
    DocumentDelivery,
    DocumentDetail,
    DocumentFile,
    DocumentKind,
    DocumentPublic,
    DocumentSection,
    DocumentStatus,
    DocumentUpdate,
    Round,
    SectionCreate,
    SectionPublic,
    SectionStatus,
    SectionUpdate,
    SectionVersion,
    VersionDiff,
    VersionPublic,
    check_council,
)
from eom.planning.members.models import MemberStatus, MissionMember
from eom.planning.missions.models import Mission
from eom.planning.missions.service import chain_of, check_open, get_mission

D = DocumentStatus
NEXT_STATES: dict[DocumentStatus, tuple[DocumentStatus, ...]] = {
    D.draft: (D.in_review,),
    D.in_review: (D.approved, D.draft),
    D.approved: (D.published, D.draft),
    D.published: (),
}
S = SectionStatus
NEXT_SECTION_STATES: dict[SectionStatus, tuple[SectionStatus, ...]] = {
    S.draft: (S.submitted,),
    S.submitted: (S.accepted, S.draft),
    S.accepted: (S.draft,),
}
# The documents the mission's lifecycle waits for, and where the mission records them.
GATES = {
    DocumentKind.preliminary_statement: "preliminary_statement_public_at",
    DocumentKind.final_report: "final_report_public_at",
}
MAX_FILE_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def get_document(session: Session, document_id: int) -> Document:
    found = session.get(Document, document_id)
    if found is None:
        raise NotFound("No document with id {document_id}.", document_id=document_id)
    return found


def mission_of(session: Session, document: Document) -> Mission:
    return get_mission(session, document.mission_id)


def sections_of(session: Session, document: Document) -> list[DocumentSection]:
    return list(
        session.exec(
            select(DocumentSection)
            .where(DocumentSection.document_id == document.id)
            .order_by(col(DocumentSection.position), col(DocumentSection.id))
        )
    )


def get_section(session: Session, document: Document, section_id: int) -> DocumentSection:
    found = session.get(DocumentSection, section_id)
    if found is None or found.document_id != document.id:
        raise NotFound("No section {section_id} in this document.", section_id=section_id)
    return found


def _check_draft(document: Document) -> None:
    if document.status != D.draft:
        raise Conflict(
            "The document is {status}: send it back to draft to change it.",
            status=document.status.value,
        )


def _check_round(mission: Mission, round_: Round) -> None:
    if round_ == Round.runoff and mission.runoff_date is None:
        raise InvalidInput(
            "{code} observes no runoff.",
            errors=[{"loc": ["body", "round"], "msg": "The mission observes no runoff."}],
            code=mission.code,
        )


def _search_text(document: Document, sections: list[DocumentSection]) -> str:
    texts = list(document.titles.values())
    for section in sections:
        texts.append(section.heading)
        texts.extend(section.text.values())
    return folded("\n".join(texts))


def _refresh_search(session: Session, document: Document) -> None:
    document.search_text = _search_text(document, sections_of(session, document))


def create_document(
    session: Session, mission: Mission, data: DocumentCreate, *, actor: Actor
) -> Document:
    """A draft document of the mission, without sections yet."""
    check_open(mission)
    _check_round(mission, data.round)
    now = utcnow()
    document = Document.model_validate(
        data,
        update={"mission_id": mission.id, "created_at": now, "updated_at": now},
    )
    document.search_text = _search_text(document, [])
    return audit.created(session, document, actor=actor, chain=chain_of(mission.id))


def update_document(
    session: Session,
    document: Document,
    changes: DocumentUpdate,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> Document:
    """Change the titles, the round or the council's session of a draft."""
    check_version(document.version, expected_version)
    mission = mission_of(session, document)
    check_open(mission)
    _check_draft(document)
    data = changes.model_dump(exclude_unset=True)
    if "round" in data:
        _check_round(mission, data["round"])
    try:
        check_council(document.kind, data.get("council_session_on", document.council_session_on))
    except ValueError as error:
        raise InvalidInput(
            str(error), errors=[{"loc": ["body", "council_session_on"], "msg": str(error)}]
        ) from error
    with audit.changing(session, document, actor=actor, chain=chain_of(mission.id)):
        document.sqlmodel_update(data)
        _refresh_search(session, document)
    return document


def _check_transition(session: Session, document: Document, to: DocumentStatus) -> None:
    allowed = NEXT_STATES[document.status]
    if to not in allowed:
        raise InvalidTransition(
            "The document cannot go from {current} to {to}; allowed: {allowed}.",
            current=document.status.value,
            to=to.value,
            allowed=", ".join(s.value for s in allowed) or "none",
        )
    if to == D.in_review:
        pending = [s for s in sections_of(session, document) if s.status != S.accepted]
        if pending:
            raise Conflict(
                "The document goes to review once every section is accepted; not yet: {headings}.",
                problem="sections-pending",
                headings=", ".join(s.heading for s in pending),
            )


def transition(
    session: Session,
    document: Document,
    to: DocumentStatus,
    *,
    actor: Actor,
    embargo_until: datetime | None = None,
    at: datetime | None = None,
) -> Document:
    """Move the document one step: to review once every section is accepted, approved,
    published (``published_at`` is ``at``, now by default), or back to draft (its approval
    and embargo undone). An embargo may be set on approval or publication. A published
    preliminary statement or final report is recorded on its mission."""
    mission = mission_of(session, document)
    check_open(mission)
    _check_transition(session, document, to)
    with audit.changing(session, document, actor=actor, chain=chain_of(mission.id)):
        document.status = to
        if to in EMBARGO_STEPS and embargo_until is not None:
            document.embargo_until = embargo_until
        if to == D.approved:
            document.approved_by = actor.label
        if to == D.published:
            document.published_at = at or utcnow()
        if to == D.draft:
            document.approved_by, document.embargo_until = None, None
    if to == D.published:
        _record_on_mission(session, mission, document, actor=actor)
    return document


def _record_on_mission(
    session: Session, mission: Mission, document: Document, *, actor: Actor
) -> None:
    """The first instant one of the mission's gating documents became public."""
    field = GATES.get(document.kind)
    public_at = document.public_at()
    if field is None or public_at is None:
        return
    current: datetime | None = getattr(mission, field)
    if current is not None and current <= public_at:
        return
    with audit.changing(session, mission, actor=actor, chain=chain_of(mission.id)):
        setattr(mission, field, public_at)


def _check_assignee(session: Session, document: Document, member_id: int | None) -> None:
    if member_id is None:
        return
    member = session.get(MissionMember, member_id)
    if member is None or member.mission_id != document.mission_id:
        raise InvalidInput(
            "No member {member_id} in this mission.",
            errors=[{"loc": ["body", "assignee_id"], "msg": "Not a member of the mission."}],
            member_id=member_id,
        )
    if member.status == MemberStatus.withdrawn:
        raise InvalidInput(
            "Member {member_id} has withdrawn from the mission.",
            errors=[{"loc": ["body", "assignee_id"], "msg": "The member has withdrawn."}],
            member_id=member_id,
        )


def add_section(
    session: Session, document: Document, data: SectionCreate, *, actor: Actor
) -> DocumentSection:
    """A new section at the end of a draft, empty, assigned to a member if one is named."""
    mission = mission_of(session, document)
    check_open(mission)
    _check_draft(document)
    _check_assignee(session, document, data.assignee_id)
    last = session.exec(
        select(func.max(DocumentSection.position)).where(DocumentSection.document_id == document.id)
    ).one()
    now = utcnow()
    section = DocumentSection.model_validate(
        data,
        update={
            "document_id": document.id,
            "position": (last or 0) + 1,
            "created_at": now,
            "updated_at": now,
        },
    )
    created = audit.created(session, section, actor=actor, chain=chain_of(mission.id))
    with audit.changing(session, document, actor=actor, chain=chain_of(mission.id)):
        _refresh_search(session, document)
    return created


def update_section(
    session: Session,
    document: Document,
    section: DocumentSection,
    changes: SectionUpdate,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> DocumentSection:
    """Change a section's heading, theme or writer, in a draft."""
    check_version(section.version, expected_version)
    mission = mission_of(session, document)
    check_open(mission)
    _check_draft(document)
    data = changes.model_dump(exclude_unset=True)
    if "assignee_id" in data:
        _check_assignee(session, document, data["assignee_id"])
    with audit.changing(session, section, actor=actor, chain=chain_of(mission.id)):
        section.sqlmodel_update(data)
    if "heading" in data:
        with audit.changing(session, document, actor=actor, chain=chain_of(mission.id)):
            _refresh_search(session, document)
    return section


def save_text(
    session: Session,
    document: Document,
    section: DocumentSection,
    text: dict[str, str],
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> SectionVersion:
    """Save the section's text as its next version; only a draft section of a draft
    document is written."""
    check_version(section.version, expected_version)
    mission = mission_of(session, document)
    check_open(mission)
    _check_draft(document)
    if section.status != S.draft:
        raise Conflict(
            "The section is {status}: it is written again once sent back to draft.",
            status=section.status.value,
        )
    last = session.exec(
        select(func.max(SectionVersion.number)).where(SectionVersion.section_id == section.id)
    ).one()
    assert section.id is not None, "a stored section"
    version = SectionVersion(
        section_id=section.id,
        number=(last or 0) + 1,
        text=dict(text),
        author_id=actor.id,
        author=actor.label,
        created_at=utcnow(),
    )
    audit.created(session, version, actor=actor, chain=chain_of(mission.id))
    with audit.changing(session, section, actor=actor, chain=chain_of(mission.id)):
        section.text = dict(text)
    with audit.changing(session, document, actor=actor, chain=chain_of(mission.id)):
        _refresh_search(session, document)
    return version


def transition_section(
    session: Session,
    document: Document,
    section: DocumentSection,
    to: SectionStatus,
    *,
    actor: Actor,
) -> DocumentSection:
    """Submit a draft section, accept a submitted one, or send it back to draft; only
    while the document is a draft."""
    mission = mission_of(session, document)
    check_open(mission)
    _check_draft(document)
    allowed = NEXT_SECTION_STATES[section.status]
    if to not in allowed:
        raise InvalidTransition(
            "The section cannot go from {current} to {to}; allowed: {allowed}.",
            current=section.status.value,
            to=to.value,
            allowed=", ".join(s.value for s in allowed),
        )
    with audit.changing(session, section, actor=actor, chain=chain_of(mission.id)):
        section.status = to
    return section


def check_pdf(content: bytes) -> None:
    """Refuse what is not a PDF by its content, or larger than 20 MB."""
    if len(content) > MAX_FILE_BYTES:
        raise TooLarge("A document's file may be at most 20 MB; this one is larger.")
    if not content.startswith(PDF_MAGIC):
        raise UnsupportedFormat("A document's file is a PDF; this one is not.")


def attach_file(
    session: Session, document: Document, content: bytes, *, actor: Actor
) -> DocumentFile:
    """The document's PDF, replacing any uploaded before; a draft's only."""
    check_pdf(content)
    mission = mission_of(session, document)
    check_open(mission)
    _check_draft(document)
    digest = hashlib.sha256(content).hexdigest()
    now = utcnow()
    stored = session.exec(
        select(DocumentFile).where(DocumentFile.document_id == document.id)
    ).first()
    chain = chain_of(mission.id)
    if stored is None:
        assert document.id is not None, "a stored document"
        stored = DocumentFile(
            document_id=document.id,
            content=content,
            size=len(content),
            sha256=digest,
            uploaded_at=now,
            uploaded_by=actor.label,
        )
        audit.created(session, stored, actor=actor, chain=chain)
    else:
        with audit.changing(session, stored, actor=actor, chain=chain):
            stored.content, stored.size, stored.sha256 = content, len(content), digest
            stored.uploaded_at, stored.uploaded_by = now, actor.label
    with audit.changing(session, document, actor=actor, chain=chain):
        document.file_size, document.file_sha256 = len(content), digest
    return stored


def file_of(session: Session, document: Document) -> DocumentFile:
    found = session.exec(
        select(DocumentFile).where(DocumentFile.document_id == document.id)
    ).first()
    if found is None:
        raise NotFound("Document {document_id} has no file.", document_id=document.id)
    return found


def file_name(document: Document, mission: Mission) -> str:
    suffix = "-runoff" if document.round == Round.runoff else ""
    return f"{mission.code}-{document.kind.value}{suffix}.pdf"


def record_delivery(
    session: Session, document: Document, data: DeliveryCreate, *, actor: Actor
) -> DocumentDelivery:
    """A copy of the published document handed to an authority."""
    if document.status != D.published:
        raise Conflict("Only a published document is delivered.")
    if data.delivered_on > utcnow().date():
        raise InvalidInput(
            "A delivery records what happened: {on} is in the future.",
            errors=[{"loc": ["body", "delivered_on"], "msg": "The day is in the future."}],
            on=data.delivered_on.isoformat(),
        )
    delivery = DocumentDelivery.model_validate(
        data,
        update={
            "document_id": document.id,
            "recorded_by": actor.label,
            "recorded_at": utcnow(),
        },
    )
    return audit.created(session, delivery, actor=actor, chain=chain_of(document.mission_id))


def deliveries_of(session: Session, document: Document) -> list[DeliveryPublic]:
    rows = session.exec(
        select(DocumentDelivery)
        .where(DocumentDelivery.document_id == document.id)
        .order_by(col(DocumentDelivery.delivered_on), col(DocumentDelivery.id))
    )
    return [DeliveryPublic.model_validate(d) for d in rows]


def versions_of(session: Session, section: DocumentSection) -> list[VersionPublic]:
    """Every saved text of the section, the first first, its authors by name."""
    rows = list(
        session.exec(
            select(SectionVersion)
            .where(SectionVersion.section_id == section.id)
            .order_by(col(SectionVersion.number))
        )
    )
    names = public_actors(session, {v.author for v in rows})
    return [
        VersionPublic(
            number=v.number, text=v.text, author=names[v.author].name, created_at=v.created_at
        )
        for v in rows
    ]


def _version(session: Session, section: DocumentSection, number: int) -> SectionVersion | None:
    return session.exec(
        select(SectionVersion).where(
            SectionVersion.section_id == section.id, SectionVersion.number == number
        )
    ).first()


def diff(session: Session, section: DocumentSection, number: int) -> VersionDiff:
    """What version ``number`` changed from the one before, per language: the lines of a
    unified diff (a language only one of them has is all added or all removed)."""
    current = _version(session, section, number)
    if current is None:
        raise NotFound("The section has no version {number}.", number=number)
    previous = _version(session, section, number - 1) if number > 1 else None
    before = previous.text if previous else {}
    changes: dict[str, list[str]] = {}
    for language in sorted(set(before) | set(current.text)):
        lines = list(
            difflib.unified_diff(
                before.get(language, "").splitlines(),
                current.text.get(language, "").splitlines(),
                fromfile=f"{number - 1}" if previous else "empty",
                tofile=f"{number}",
                lineterm="",
            )
        )
        if lines:
            changes[language] = lines
    return VersionDiff(
        number=number, previous=previous.number if previous else None, changes=changes
    )


@dataclass(frozen=True)
class ArchiveFilters:
    """The public archive's filters: the host country, the election's year, the kind, and
    words (each in a title or a text, in any language; accents and case ignored)."""

    country: str | None = None
    year: int | None = None
    kind: DocumentKind | None = None
    q: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.country:
            found.append(col(Mission.host_country) == self.country.upper())
        if self.year:
            found.append(extract("year", col(Mission.election_date)) == self.year)
        if self.kind:
            found.append(col(Document.kind) == self.kind)
        for word in folded(self.q or "").split():
            found.append(col(Document.search_text).contains(word, autoescape=True))
        return found


def public_conditions(now: datetime) -> list[ColumnElement[bool]]:
    """Published, past any embargo, of a public mission."""
    return [
        col(Document.status) == D.published,
        col(Document.published_at) <= now,
        or_(col(Document.embargo_until).is_(None), col(Document.embargo_until) <= now),
        col(Mission.accepted_on).is_not(None),
    ]


def _listed(
    session: Session, conditions: list[ColumnElement[bool]], *, limit: int, offset: int
) -> tuple[list[tuple[Document, Mission]], int]:
    joined = select(Document, Mission).join(Mission, col(Mission.id) == col(Document.mission_id))
    total = session.exec(
        select(func.count())
        .select_from(Document)
        .join(Mission, col(Mission.id) == col(Document.mission_id))
        .where(*conditions)
    ).one()
    rows = session.exec(
        joined.where(*conditions)
        .order_by(
            col(Document.published_at).desc().nulls_last(),
            col(Document.created_at).desc(),
            col(Document.id).desc(),
        )
        .limit(limit)
        .offset(offset)
    )
    return [(d, m) for d, m in rows], total


def public_archive(
    session: Session, filters: ArchiveFilters, *, limit: int, offset: int
) -> tuple[list[tuple[Document, Mission]], int]:
    """The published documents past their embargo, the latest published first."""
    conditions = public_conditions(utcnow()) + filters.conditions()
    return _listed(session, conditions, limit=limit, offset=offset)


def documents_of(
    session: Session,
    mission: Mission,
    *,
    everything: bool,
    or_ids: set[int],
    limit: int,
    offset: int,
) -> tuple[list[tuple[Document, Mission]], int]:
    """The mission's documents: all (``everything``), or the public ones and those whose
    ids are in ``or_ids``; the latest published first, then the latest made."""
    conditions: list[ColumnElement[bool]] = [col(Document.mission_id) == mission.id]
    if not everything:
        visible: ColumnElement[bool] = and_(*public_conditions(utcnow()))
        if or_ids:
            visible = visible | col(Document.id).in_(or_ids)
        conditions.append(visible)
    return _listed(session, conditions, limit=limit, offset=offset)


def public_view(document: Document, mission: Mission) -> DocumentPublic:
    return DocumentPublic.model_validate(
        document,
        update={
            "mission_code": mission.code,
            "host_country": mission.host_country,
            "has_file": document.file_size is not None,
        },
    )


def detail_view(
    document: Document, mission: Mission, sections: list[DocumentSection]
) -> DocumentDetail:
    return DocumentDetail.model_validate(
        public_view(document, mission),
        update={"sections": [SectionPublic.model_validate(s) for s in sections]},
    )


def public_documents_of(session: Session, mission: Mission) -> list[tuple[Document, Mission]]:
    """The mission's public documents (published, past any embargo), the latest first."""
    rows, _ = documents_of(session, mission, everything=False, or_ids=set(), limit=500, offset=0)
    return rows


@dataclass(frozen=True)
class ArchiveChoices:
    """What the archive's filters offer: the host countries and election years of the
    missions with public documents."""

    countries: list[str]
    years: list[int]


def archive_choices(session: Session) -> ArchiveChoices:
    rows = session.exec(
        select(col(Mission.host_country), col(Mission.election_date))
        .join(Document, col(Mission.id) == col(Document.mission_id))
        .where(*public_conditions(utcnow()))
        .distinct()
    ).all()
    return ArchiveChoices(
        countries=sorted({country for country, _ in rows}),
        years=sorted({day.year for _, day in rows}, reverse=True),
    )


@dataclass(frozen=True)
class Shown:
    """A text as one reader reads it: in their language if it has one, else in another,
    whose code ``language`` says (a page marks it so)."""

    text: str
    language: str
    other: bool


def in_language(texts: dict[str, str], language: str) -> Shown | None:
    """The text in the reader's language; missing (or empty), the English, the Spanish or
    any other there is, marked as in another language. None when there is no text at all."""
    if texts.get(language, "").strip():
        return Shown(texts[language], language, other=False)
    for other in ("en", "es", *sorted(texts)):
        if texts.get(other, "").strip():
            return Shown(texts[other], other, other=True)
    return None
