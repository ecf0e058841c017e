"""A mission's documents: ``/api/v1/missions/{mission_id}/documents`` and
``/api/v1/documents``, the public archive and each document with its sections, their
versions, its PDF and its deliveries. Who may do what is ``eom.documents.access``'s:
a document or a section the caller may not see is 404, never 403."""

from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile

from api.deps import (
    CREATED,
    CurrentUser,
    ExpectedVersion,
    OptionalUser,
    Page,
    PaginationDep,
    RecordId,
    SessionDep,
    actor,
    created_at,
    etag,
)
from api.documents import PDF_RESPONSE, pdf_response
from api.errors import problem_responses
from eom.documents import access, service
from eom.documents.models import (
    DeliveryCreate,
    DeliveryPublic,
    DocumentCreate,
    DocumentDetail,
    DocumentKind,
    DocumentPublic,
    DocumentTransitionRequest,
    DocumentUpdate,
    SectionCreate,
    SectionPublic,
    SectionText,
    SectionTransitionRequest,
    SectionUpdate,
    VersionDiff,
    VersionPublic,
)
from eom.planning import access as planning_access

router = APIRouter(prefix="/documents", tags=["documents"])
mission_router = APIRouter(prefix="/missions/{mission_id}/documents", tags=["documents"])

PdfFile = Annotated[
    UploadFile,
    File(description="One PDF of at most 20 MB, known by its content (its name is ignored)."),
]
WORDS = Annotated[
    str | None,
    Query(
        max_length=100,
        pattern=r"^[^\x00-\x1f]*$",
        description="words in the titles or texts, in any language",
    ),
]


@mission_router.get("", response_model=Page[DocumentPublic], responses=problem_responses(401, 404))
def list_mission_documents(
    mission_id: RecordId, session: SessionDep, user: OptionalUser, page: PaginationDep
) -> Page[DocumentPublic]:
    """The mission's documents, the latest published first: all for staff and the chief
    and deputy chief; for a member, those with a section of theirs; the public ones for
    anyone."""
    mission = planning_access.visible_mission(session, mission_id, user)
    everything, ids = access.visible_mission_documents(session, mission, user)
    rows, total = service.documents_of(
        session, mission, everything=everything, or_ids=ids, limit=page.limit, offset=page.offset
    )
    return Page[DocumentPublic](items=[service.public_view(d, m) for d, m in rows], total=total)


@mission_router.post(
    "",
    response_model=DocumentPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(401, 403, 404, 409)},
)
def create_document(
    mission_id: RecordId,
    data: DocumentCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
) -> DocumentPublic:
    """A draft document of the mission: staff, its chief or deputy chief."""
    mission = planning_access.visible_mission(session, mission_id, user)
    access.require_leader(access.standing(session, mission, user))
    document = service.create_document(session, mission, data, actor=actor(user))
    response.headers["ETag"] = etag(document.version)
    created_at(request, response, "read_document", document_id=document.id)
    return service.public_view(document, mission)


@router.get("", response_model=Page[DocumentPublic], responses=problem_responses(401))
def public_archive(
    session: SessionDep,
    page: PaginationDep,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="alpha-2")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="the election's")] = None,
    kind: DocumentKind | None = None,
    q: WORDS = None,
) -> Page[DocumentPublic]:
    """The public archive: every published document past its embargo, the latest first,
    of one host country, election year or kind, with these words."""
    chosen = service.ArchiveFilters(country=country, year=year, kind=kind, q=q)
    rows, total = service.public_archive(session, chosen, limit=page.limit, offset=page.offset)
    return Page[DocumentPublic](items=[service.public_view(d, m) for d, m in rows], total=total)


@router.get("/{document_id}", response_model=DocumentDetail, responses=problem_responses(401, 404))
def read_document(
    document_id: RecordId, response: Response, session: SessionDep, user: OptionalUser
) -> DocumentDetail:
    """The document and the sections the caller may read: all of a public document, all
    for staff and the mission's chief and deputy, a member's own otherwise."""
    document, mission, caller = access.visible_document(session, document_id, user)
    sections = access.readable_sections(session, document, mission, caller)
    response.headers["ETag"] = etag(document.version)
    return service.detail_view(document, mission, sections)


@router.patch(
    "/{document_id}",
    response_model=DocumentPublic,
    responses=problem_responses(401, 403, 404, 409, 412),
)
def update_document(
    document_id: RecordId,
    changes: DocumentUpdate,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
    expected: ExpectedVersion,
) -> DocumentPublic:
    """Change a draft's titles, round or council session: staff, the chief or deputy."""
    document, mission, caller = access.visible_document(session, document_id, user)
    access.require_leader(caller)
    service.update_document(
        session, document, changes, actor=actor(user), expected_version=expected
    )
    response.headers["ETag"] = etag(document.version)
    return service.public_view(document, mission)


@router.post(
    "/{document_id}/transitions",
    response_model=DocumentPublic,
    responses=problem_responses(401, 403, 404, 409),
)
def transition_document(
    document_id: RecordId, step: DocumentTransitionRequest, session: SessionDep, user: CurrentUser
) -> DocumentPublic:
    """To review (every section accepted) or back to draft: staff, the chief or deputy;
    approved or published (with an embargo, if given): staff or the chief of mission."""
    document, mission, caller = access.visible_document(session, document_id, user)
    access.require_transition(caller, step.to)
    service.transition(
        session, document, step.to, actor=actor(user), embargo_until=step.embargo_until
    )
    return service.public_view(document, mission)


@router.post(
    "/{document_id}/sections",
    response_model=SectionPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(401, 403, 404, 409)},
)
def add_section(
    document_id: RecordId,
    data: SectionCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
) -> SectionPublic:
    """A new section at the end of a draft, assigned to a member if one is named."""
    document, _, caller = access.visible_document(session, document_id, user)
    access.require_leader(caller)
    section = service.add_section(session, document, data, actor=actor(user))
    response.headers["ETag"] = etag(section.version)
    created_at(request, response, "read_section", document_id=document_id, section_id=section.id)
    return SectionPublic.model_validate(section)


@router.get(
    "/{document_id}/sections/{section_id}",
    response_model=SectionPublic,
    responses=problem_responses(401, 404),
)
def read_section(
    document_id: RecordId,
    section_id: RecordId,
    response: Response,
    session: SessionDep,
    user: OptionalUser,
) -> SectionPublic:
    """One section, for whoever may read it."""
    document, mission, caller = access.visible_document(session, document_id, user)
    section = access.readable_section(session, document, mission, caller, section_id)
    response.headers["ETag"] = etag(section.version)
    return SectionPublic.model_validate(section)


@router.patch(
    "/{document_id}/sections/{section_id}",
    response_model=SectionPublic,
    responses=problem_responses(401, 403, 404, 409, 412),
)
def update_section(
    document_id: RecordId,
    section_id: RecordId,
    changes: SectionUpdate,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
    expected: ExpectedVersion,
) -> SectionPublic:
    """Change a section's heading or theme, or assign it: staff, the chief or deputy."""
    document, mission, caller = access.visible_document(session, document_id, user)
    section = access.readable_section(session, document, mission, caller, section_id)
    access.require_leader(caller)
    service.update_section(
        session, document, section, changes, actor=actor(user), expected_version=expected
    )
    response.headers["ETag"] = etag(section.version)
    return SectionPublic.model_validate(section)


@router.put(
    "/{document_id}/sections/{section_id}/text",
    response_model=SectionPublic,
    responses=problem_responses(401, 403, 404, 409, 412),
)
def save_text(
    document_id: RecordId,
    section_id: RecordId,
    data: SectionText,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
    expected: ExpectedVersion,
) -> SectionPublic:
    """Save the section's text, a new version: its writer, the chief or deputy, staff."""
    document, mission, caller = access.visible_document(session, document_id, user)
    section = access.writable_section(session, document, mission, caller, section_id)
    service.save_text(
        session, document, section, data.text, actor=actor(user), expected_version=expected
    )
    response.headers["ETag"] = etag(section.version)
    return SectionPublic.model_validate(section)


@router.post(
    "/{document_id}/sections/{section_id}/transitions",
    response_model=SectionPublic,
    responses=problem_responses(401, 403, 404, 409),
)
def transition_section(
    document_id: RecordId,
    section_id: RecordId,
    step: SectionTransitionRequest,
    session: SessionDep,
    user: CurrentUser,
) -> SectionPublic:
    """Submit a section (its writer), accept it or send it back to draft (staff, the
    chief or deputy)."""
    document, mission, caller = access.visible_document(session, document_id, user)
    section = access.readable_section(session, document, mission, caller, section_id)
    access.require_section_transition(caller, section, step.to)
    service.transition_section(session, document, section, step.to, actor=actor(user))
    return SectionPublic.model_validate(section)


@router.get(
    "/{document_id}/sections/{section_id}/versions",
    response_model=list[VersionPublic],
    responses=problem_responses(401, 403, 404),
)
def list_versions(
    document_id: RecordId, section_id: RecordId, session: SessionDep, user: CurrentUser
) -> list[VersionPublic]:
    """Every saved text of the section, the first first: for whoever writes it."""
    document, mission, caller = access.visible_document(session, document_id, user)
    section = access.writable_section(session, document, mission, caller, section_id)
    return service.versions_of(session, section)


@router.get(
    "/{document_id}/sections/{section_id}/versions/{number}/diff",
    response_model=VersionDiff,
    responses=problem_responses(401, 403, 404),
)
def version_diff(
    document_id: RecordId,
    section_id: RecordId,
    number: RecordId,
    session: SessionDep,
    user: CurrentUser,
) -> VersionDiff:
    """What this version changed from the one before, per language, as a unified diff."""
    document, mission, caller = access.visible_document(session, document_id, user)
    section = access.writable_section(session, document, mission, caller, section_id)
    return service.diff(session, section, number)


@router.put(
    "/{document_id}/file",
    response_model=DocumentPublic,
    responses=problem_responses(401, 403, 404, 409, 413, 415),
)
def upload_file(
    document_id: RecordId, file: PdfFile, session: SessionDep, user: CurrentUser
) -> DocumentPublic:
    """The draft's PDF, replacing any before: staff, the chief or deputy chief."""
    document, mission, caller = access.visible_document(session, document_id, user)
    access.require_leader(caller)
    content = file.file.read(service.MAX_FILE_BYTES + 1)
    service.attach_file(session, document, content, actor=actor(user))
    return service.public_view(document, mission)


@router.get(
    "/{document_id}/file",
    response_class=Response,
    responses={**PDF_RESPONSE, **problem_responses(401, 404)},
)
def read_file(document_id: RecordId, session: SessionDep, user: OptionalUser) -> Response:
    """The document's PDF: a public document's for anyone; a draft's for staff, the chief
    and the deputy chief."""
    document, mission, caller = access.visible_document(session, document_id, user)
    access.readable_file(document, mission, caller)
    stored = service.file_of(session, document)
    return pdf_response(stored.content, service.file_name(document, mission))


@router.get(
    "/{document_id}/deliveries",
    response_model=list[DeliveryPublic],
    responses=problem_responses(401, 403, 404),
)
def list_deliveries(
    document_id: RecordId, session: SessionDep, user: CurrentUser
) -> list[DeliveryPublic]:
    """Which authorities received a copy, how and when: staff, the chief or deputy."""
    document, _, caller = access.visible_document(session, document_id, user)
    access.require_leader(caller)
    return service.deliveries_of(session, document)


@router.post(
    "/{document_id}/deliveries",
    response_model=DeliveryPublic,
    status_code=201,
    responses=problem_responses(401, 403, 404, 409),
)
def record_delivery(
    document_id: RecordId, data: DeliveryCreate, session: SessionDep, user: CurrentUser
) -> DeliveryPublic:
    """Record a copy of the published document handed to an authority."""
    document, _, caller = access.visible_document(session, document_id, user)
    access.require_leader(caller)
    delivery = service.record_delivery(session, document, data, actor=actor(user))
    return DeliveryPublic.model_validate(delivery)
