"""Who may see and do what with a mission's documents.

DECO staff (and administrators) do everything. The mission's chief and deputy chief
lead the writing: they see every document of their mission, make documents and
sections, assign sections, accept them, send the document to review and record its
deliveries; only the chief of mission (or staff) approves and publishes. A member to whom
a section is assigned sees that section, and the document it belongs to, and writes it;
never another section's text. Anyone, signed in or not, sees the published documents past
their embargo. What a caller may not see does not exist for them: ``NotFound``.
"""

from dataclasses import dataclass

from sqlmodel import Session, select

from eom.accounts.access import is_staff
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.errors import Forbidden, NotFound
from eom.documents import service
from eom.documents.models import (
    Document,
    DocumentSection,
    DocumentStatus,
    SectionStatus,
)
from eom.planning.access import observer_of
from eom.planning.members.models import MemberRole, MemberStatus, MissionMember
from eom.planning.missions.models import Mission

LEADERS = (MemberRole.chief, MemberRole.deputy_chief)


@dataclass(frozen=True)
class Standing:
    """What the caller is to one mission's documents."""

    staff: bool
    member: MissionMember | None

    @property
    def leader(self) -> bool:
        """Staff, or the mission's chief or deputy chief."""
        return self.staff or (self.member is not None and self.member.role in LEADERS)

    @property
    def chief(self) -> bool:
        """Staff, or the chief of mission."""
        return self.staff or (self.member is not None and self.member.role == MemberRole.chief)

    def writes(self, section: DocumentSection) -> bool:
        """Whether the caller writes this section: its assignee, a leader."""
        if self.leader:
            return True
        return self.member is not None and section.assignee_id == self.member.id


def standing(session: Session, mission: Mission, user: User | None) -> Standing:
    """The caller's standing: staff, or their membership of the mission (not withdrawn)."""
    if is_staff(user):
        return Standing(staff=True, member=None)
    observer = observer_of(session, user)
    if observer is None:
        return Standing(staff=False, member=None)
    member = session.exec(
        select(MissionMember).where(
            MissionMember.mission_id == mission.id,
            MissionMember.observer_id == observer.id,
            MissionMember.status != MemberStatus.withdrawn,
        )
    ).first()
    return Standing(staff=False, member=member)


def is_public(document: Document, mission: Mission) -> bool:
    return mission.is_public and document.is_public(utcnow())


def assigned_document_ids(session: Session, standing: Standing) -> set[int]:
    """The documents in which the caller, a member, has a section to write."""
    if standing.member is None:
        return set()
    rows = session.exec(
        select(DocumentSection.document_id).where(DocumentSection.assignee_id == standing.member.id)
    )
    return set(rows.all())


def _not_found(document_id: int) -> NotFound:
    return NotFound("No document with id {document_id}.", document_id=document_id)


def visible_document(
    session: Session, document_id: int, user: User | None
) -> tuple[Document, Mission, Standing]:
    """The document if the caller may see it, its mission and the caller's standing:
    leaders see all of their mission's, a member those with a section of theirs, anyone
    the public ones. ``NotFound`` otherwise."""
    document = service.get_document(session, document_id)
    mission = service.mission_of(session, document)
    caller = standing(session, mission, user)
    if caller.leader or is_public(document, mission):
        return document, mission, caller
    if document_id in assigned_document_ids(session, caller):
        return document, mission, caller
    raise _not_found(document_id)


def readable_sections(
    session: Session, document: Document, mission: Mission, caller: Standing
) -> list[DocumentSection]:
    """The sections the caller may read: all of a public document, all for leaders, a
    member's own otherwise."""
    sections = service.sections_of(session, document)
    if caller.leader or is_public(document, mission):
        return sections
    mine = caller.member.id if caller.member else None
    return [s for s in sections if mine is not None and s.assignee_id == mine]


def readable_file(document: Document, mission: Mission, caller: Standing) -> None:
    """A document's PDF may hold every section: leaders read a draft's, anyone a public
    document's; a writer, who reads only their own section, does not (``NotFound``)."""
    if not (caller.leader or is_public(document, mission)):
        raise NotFound("Document {document_id} has no file.", document_id=document.id)


def readable_section(
    session: Session, document: Document, mission: Mission, caller: Standing, section_id: int
) -> DocumentSection:
    for section in readable_sections(session, document, mission, caller):
        if section.id == section_id:
            return section
    raise NotFound("No section {section_id} in this document.", section_id=section_id)


def writable_section(
    session: Session, document: Document, mission: Mission, caller: Standing, section_id: int
) -> DocumentSection:
    """A section the caller writes (its assignee, a leader); one they may only read is
    ``Forbidden``, one they may not read ``NotFound``."""
    section = readable_section(session, document, mission, caller, section_id)
    if not caller.writes(section):
        raise Forbidden(
            "Only the section's writer, the chief or deputy chief, or DECO staff may do this."
        )
    return section


def require_leader(caller: Standing) -> None:
    if not caller.leader:
        raise Forbidden(
            "Only the chief or deputy chief of the mission, or DECO staff, may do this."
        )


def require_transition(caller: Standing, to: DocumentStatus) -> None:
    """Leaders send a document to review or back to draft; the chief approves and
    publishes."""
    if to in (DocumentStatus.approved, DocumentStatus.published):
        if not caller.chief:
            raise Forbidden(
                "Only the chief of mission, or DECO staff, approves and publishes a document."
            )
        return
    require_leader(caller)


def require_section_transition(
    caller: Standing, section: DocumentSection, to: SectionStatus
) -> None:
    """The writer submits; leaders accept or send back to draft."""
    if to == SectionStatus.submitted and caller.writes(section):
        return
    require_leader(caller)


def visible_mission_documents(
    session: Session, mission: Mission, user: User | None
) -> tuple[bool, set[int]]:
    """Which of the mission's documents the caller sees: all (True), or the public ones
    and these."""
    caller = standing(session, mission, user)
    if caller.leader:
        return True, set()
    return False, assigned_document_ids(session, caller)
