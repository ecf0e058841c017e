"""A mission's documents on the pages: the list and a form to start one (staff, the chief
and deputy chief), a document's working page (its sections, who writes each, accepting
them, moving the document along, its PDF, its deliveries); a writer's page for one
section is ``document_sections``, which shares the helpers here. Each form calls the
service function its API route calls, after the same checks of ``eom.documents.access``;
a refusal shows the page again (422) with the reader's input and the reason beside the
field, and a change made from a stale page (409) shows the version stored now. The public
archive is not here: a published document links to it."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from api.deps import RecordId, SessionDep, actor
from api.pages.missions import LABELS, sign_in_first
from api.web import CsrfChecked, PageUser, field_errors, flash, render
from eom.accounts.models import User
from eom.core.clock import utcnow
from eom.core.errors import DomainError, NotAuthenticated, NotFound, StaleVersion, check_version
from eom.core.i18n import N_
from eom.core.reference import Theme
from eom.documents import access, service
from eom.documents.models import (
    DOCUMENT_STATUS_LABELS,
    KIND_LABELS,
    MEANS_LABELS,
    ROUND_LABELS,
    SECTION_STATUS_LABELS,
    DeliveryCreate,
    DeliveryMeans,
    Document,
    DocumentCreate,
    DocumentKind,
    DocumentStatus,
    DocumentTransitionRequest,
    Round,
    SectionCreate,
    SectionStatus,
    SectionUpdate,
)
from eom.planning import access as planning_access
from eom.planning.members import service as members
from eom.planning.members.models import MemberStatus
from eom.planning.missions import service as missions
from eom.planning.missions.models import FINISHED, Mission

router = APIRouter(include_in_schema=False)

Line = Annotated[str, Form(max_length=1000)]
Body = Annotated[str, Form(max_length=200_000)]
Version = Annotated[int, Form(ge=1, le=2**31 - 1)]
LANGUAGES = ("en", "es")
DOCUMENT_LABELS: dict[str, Any] = {
    "kind_labels": KIND_LABELS,
    "round_labels": ROUND_LABELS,
    "document_status_labels": DOCUMENT_STATUS_LABELS,
    "section_status_labels": SECTION_STATUS_LABELS,
    "means_labels": MEANS_LABELS,
}

# What a step says once done, on the next page.
DOCUMENT_MOVED = {
    DocumentStatus.in_review: N_("The document is in review."),
    DocumentStatus.approved: N_("The document is approved."),
    DocumentStatus.published: N_("The document is published."),
    DocumentStatus.draft: N_("The document is a draft again."),
}
SECTION_MOVED = {
    SectionStatus.submitted: N_("Section submitted for review."),
    SectionStatus.accepted: N_("Section accepted."),
    SectionStatus.draft: N_("Section sent back to its writer."),
}


def signed_in_or_refused(user: User | None) -> User:
    if user is None:
        raise NotAuthenticated("Sign in to do this.")
    return user


def path_of(mission_id: int, document_id: int | None = None, section_id: int | None = None) -> str:
    path = f"/missions/{mission_id}/documents"
    if document_id is not None:
        path += f"/{document_id}"
    if section_id is not None:
        path += f"/sections/{section_id}"
    return path


def loaded(
    session: Session, mission_id: int, document_id: int, user: User | None
) -> tuple[Document, Mission, access.Standing]:
    """The document if the caller may see it and it is this mission's (404 otherwise)."""
    document, mission, caller = access.visible_document(session, document_id, user)
    if mission.id != mission_id:
        raise NotFound("No document with id {document_id}.", document_id=document_id)
    return document, mission, caller


def texts_of(en: str, es: str) -> dict[str, str]:
    """A text per language as the form sent it; a language left empty is none."""
    return {code: value for code, value in zip(LANGUAGES, (en, es), strict=True) if value.strip()}


def _instant(value: str) -> str | None:
    """A ``datetime-local`` field, read in UTC (the page says so); empty is none."""
    value = value.strip()
    if not value:
        return None
    if len(value) == 16:  # YYYY-MM-DDTHH:MM, no seconds
        value += ":00"
    return value + "+00:00" if len(value) == 19 else value


# The list of a mission's documents ------------------------------------------------------------


def _list_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    kept: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    rows, _ = service.documents_of(
        session, mission, everything=True, or_ids=set(), limit=200, offset=0
    )
    return render(
        request,
        "documents.html",
        user,
        status_code=status_code,
        mission=mission,
        documents=[d for d, _ in rows],
        kept=kept or {"kind": "", "round": "first"},
        errors=errors or {},
        kinds=list(DocumentKind),
        rounds=list(Round) if mission.runoff_date else [Round.first],
        is_open=mission.status not in FINISHED,
        **DOCUMENT_LABELS,
        **LABELS,
    )


@router.get("/missions/{mission_id}/documents", response_class=HTMLResponse)
def documents_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageUser
) -> Response:
    """The mission's documents: staff and the mission's chief and deputy chief."""
    if user is None:
        return sign_in_first(request)
    mission = planning_access.visible_mission(session, mission_id, user)
    access.require_leader(access.standing(session, mission, user))
    return _list_page(request, session, user, mission)


@router.post("/missions/{mission_id}/documents", dependencies=[CsrfChecked])
def create_document(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageUser,
    kind: Line = "",
    round: Line = "first",
    title_en: Line = "",
    title_es: Line = "",
    council_session_on: Line = "",
) -> Response:
    """Start a draft, as ``POST /api/v1/missions/{id}/documents`` does."""
    signed_in = signed_in_or_refused(user)
    mission = planning_access.visible_mission(session, mission_id, signed_in)
    access.require_leader(access.standing(session, mission, signed_in))
    wrote = {
        "kind": kind,
        "round": round,
        "title_en": title_en,
        "title_es": title_es,
        "council_session_on": council_session_on,
    }
    try:
        data = DocumentCreate.model_validate(
            {
                "kind": kind,
                "round": round or "first",
                "titles": texts_of(title_en, title_es),
                "council_session_on": council_session_on or None,
            }
        )
        document = service.create_document(session, mission, data, actor=actor(signed_in))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"titles": "title_en"})
        mission = planning_access.visible_mission(session, mission_id, signed_in)
        return _list_page(
            request, session, signed_in, mission, kept=wrote, errors=errors, status_code=422
        )
    response = RedirectResponse(path_of(mission_id, document.id), status_code=303)
    flash(request, response, N_("Document started: add its sections."))
    return response


# A document's working page ------------------------------------------------------------------


def _document_page(
    request: Request,
    session: Session,
    user: User,
    document: Document,
    mission: Mission,
    caller: access.Standing,
    *,
    failed: str = "",
    kept: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    stale: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The document, the sections the caller may read, and the forms the caller may use;
    ``failed`` names the form refused, whose ``kept`` input and ``errors`` are shown."""
    sections = access.readable_sections(session, document, mission, caller)
    team = members.members_of(session, mission)
    names = {member.id: observer.full_name for member, observer in team}
    writers = [(m, o) for m, o in team if m.status != MemberStatus.withdrawn]
    is_open = mission.status not in FINISHED
    steps = [
        s
        for s in service.NEXT_STATES[document.status]
        if caller.chief or s not in (DocumentStatus.approved, DocumentStatus.published)
    ]
    return render(
        request,
        "document.html",
        user,
        status_code=status_code,
        mission=mission,
        document=document,
        sections=sections,
        names=names,
        writers=writers,
        caller=caller,
        leads=caller.leader and is_open,
        drafting=document.status == DocumentStatus.draft and is_open,
        steps=steps if caller.leader and is_open else [],
        deliveries=service.deliveries_of(session, document) if caller.leader else [],
        failed=failed,
        kept=kept or {},
        errors=errors or {},
        stale=stale,
        themes=list(Theme),
        means=list(DeliveryMeans),
        today=utcnow().date().isoformat(),
        public=access.is_public(document, mission),
        **DOCUMENT_LABELS,
        **LABELS,
    )


def _refused(
    request: Request,
    session: Session,
    user: User,
    mission_id: int,
    document_id: int,
    error: Exception,
    *,
    failed: str,
    kept: dict[str, str],
    fields: dict[str, str] | None = None,
) -> HTMLResponse:
    """The document's page again after a refused form: 409 for a stale one, else 422."""
    session.rollback()
    document, mission, caller = loaded(session, mission_id, document_id, user)
    if isinstance(error, StaleVersion):
        changed = last_changed(session, document)
        return _document_page(
            request, session, user, document, mission, caller, failed=failed, stale=changed,
            status_code=409,
        )  # fmt: skip
    errors = field_errors(request, error, fields)
    return _document_page(
        request, session, user, document, mission, caller, failed=failed, kept=kept,
        errors=errors, status_code=422,
    )  # fmt: skip


def last_changed(session: Session, record: Any) -> dict[str, Any]:
    """Who changed the record last and when, for the notice of a stale page."""
    changed = missions.last_changed(session, record)
    return {"name": changed[0], "at": changed[1]} if changed else {"name": "", "at": None}


@router.get("/missions/{mission_id}/documents/{document_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    session: SessionDep,
    user: PageUser,
) -> Response:
    """The working page of a document: leaders see it whole, a writer their sections."""
    if user is None:
        return sign_in_first(request)
    document, mission, caller = loaded(session, mission_id, document_id, user)
    return _document_page(request, session, user, document, mission, caller)


@router.post("/missions/{mission_id}/documents/{document_id}/step", dependencies=[CsrfChecked])
def move_document(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    session: SessionDep,
    user: PageUser,
    version: Version,
    to: Line = "",
    embargo_until: Line = "",
) -> Response:
    """Move the document one step, as ``POST /api/v1/documents/{id}/transitions`` does."""
    signed_in = signed_in_or_refused(user)
    document, _, caller = loaded(session, mission_id, document_id, signed_in)
    kept, failed = {"embargo_until": embargo_until}, f"step-{to}"
    try:
        step = DocumentTransitionRequest.model_validate(
            {"to": to, "embargo_until": _instant(embargo_until)}
        )
    except ValidationError as error:
        return _refused(
            request, session, signed_in, mission_id, document_id, error, failed=failed, kept=kept
        )
    access.require_transition(caller, step.to)
    try:
        check_version(document.version, version)
        service.transition(
            session, document, step.to, actor=actor(signed_in), embargo_until=step.embargo_until
        )
    except DomainError as error:
        return _refused(
            request, session, signed_in, mission_id, document_id, error, failed=failed, kept=kept
        )
    response = RedirectResponse(path_of(mission_id, document_id), status_code=303)
    flash(request, response, DOCUMENT_MOVED[step.to])
    return response


@router.post("/missions/{mission_id}/documents/{document_id}/sections", dependencies=[CsrfChecked])
def add_section(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    session: SessionDep,
    user: PageUser,
    heading: Line = "",
    theme: Line = "",
    assignee_id: Line = "",
) -> Response:
    """A new section, as ``POST /api/v1/documents/{id}/sections`` does."""
    signed_in = signed_in_or_refused(user)
    document, _, caller = loaded(session, mission_id, document_id, signed_in)
    access.require_leader(caller)
    wrote = {"heading": heading, "theme": theme, "assignee_id": assignee_id}
    try:
        data = SectionCreate.model_validate(
            {"heading": heading, "theme": theme or None, "assignee_id": assignee_id or None}
        )
        section = service.add_section(session, document, data, actor=actor(signed_in))
    except (ValidationError, DomainError) as error:
        return _refused(
            request, session, signed_in, mission_id, document_id, error, failed="section",
            kept=wrote,
        )  # fmt: skip
    response = RedirectResponse(
        f"{path_of(mission_id, document_id)}#section-{section.id}", status_code=303
    )
    flash(request, response, N_("Section added."))
    return response


@router.post(
    "/missions/{mission_id}/documents/{document_id}/sections/{section_id}/assign",
    dependencies=[CsrfChecked],
)
def assign_section(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    section_id: RecordId,
    session: SessionDep,
    user: PageUser,
    version: Version,
    assignee_id: Line = "",
) -> Response:
    """Give the section to a member (or to nobody), as ``PATCH .../sections/{id}`` does."""
    signed_in = signed_in_or_refused(user)
    document, mission, caller = loaded(session, mission_id, document_id, signed_in)
    section = access.readable_section(session, document, mission, caller, section_id)
    access.require_leader(caller)
    try:
        changes = SectionUpdate.model_validate({"assignee_id": assignee_id or None})
        service.update_section(
            session, document, section, changes, actor=actor(signed_in), expected_version=version
        )
    except (ValidationError, DomainError) as error:
        return _refused(
            request, session, signed_in, mission_id, document_id, error,
            failed=f"assign-{section_id}", kept={"assignee_id": assignee_id},
        )  # fmt: skip
    response = RedirectResponse(
        f"{path_of(mission_id, document_id)}#section-{section_id}", status_code=303
    )
    flash(request, response, N_("Section assigned."))
    return response


@router.post(
    "/missions/{mission_id}/documents/{document_id}/sections/{section_id}/step",
    dependencies=[CsrfChecked],
)
def move_section(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    section_id: RecordId,
    session: SessionDep,
    user: PageUser,
    to: Line = "",
) -> Response:
    """Submit a section (its writer), accept it or send it back (leaders), as
    ``POST .../sections/{id}/transitions`` does. A leader comes back to the document, a
    writer to the section."""
    signed_in = signed_in_or_refused(user)
    document, mission, caller = loaded(session, mission_id, document_id, signed_in)
    section = access.readable_section(session, document, mission, caller, section_id)
    back = path_of(mission_id, document_id, None if caller.leader else section_id)
    response = RedirectResponse(
        back + (f"#section-{section_id}" if caller.leader else ""), status_code=303
    )
    try:
        status = SectionStatus(to)
    except ValueError:
        flash(request, response, N_("Choose one of the values offered."))
        return response
    access.require_section_transition(caller, section, status)
    try:
        service.transition_section(session, document, section, status, actor=actor(signed_in))
    except DomainError as error:
        session.rollback()
        flash(request, response, error.template, **error.params)
        return response
    flash(request, response, SECTION_MOVED[status])
    return response


@router.post("/missions/{mission_id}/documents/{document_id}/file", dependencies=[CsrfChecked])
def upload_file(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    session: SessionDep,
    user: PageUser,
    file: Annotated[UploadFile, File()],
) -> Response:
    """The draft's PDF instead of its text, as ``PUT /api/v1/documents/{id}/file`` does."""
    signed_in = signed_in_or_refused(user)
    document, _, caller = loaded(session, mission_id, document_id, signed_in)
    access.require_leader(caller)
    content = file.file.read(service.MAX_FILE_BYTES + 1)
    try:
        service.attach_file(session, document, content, actor=actor(signed_in))
    except DomainError as error:
        return _refused(
            request, session, signed_in, mission_id, document_id, error, failed="file",
            kept={}, fields={"": "file"},
        )  # fmt: skip
    response = RedirectResponse(path_of(mission_id, document_id), status_code=303)
    flash(request, response, N_("PDF uploaded."))
    return response


@router.post(
    "/missions/{mission_id}/documents/{document_id}/deliveries", dependencies=[CsrfChecked]
)
def record_delivery(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    session: SessionDep,
    user: PageUser,
    authority: Line = "",
    means: Line = "",
    delivered_on: Line = "",
    note: Line = "",
) -> Response:
    """A copy handed to an authority, as ``POST /api/v1/documents/{id}/deliveries`` does."""
    signed_in = signed_in_or_refused(user)
    document, _, caller = loaded(session, mission_id, document_id, signed_in)
    access.require_leader(caller)
    wrote = {"authority": authority, "means": means, "delivered_on": delivered_on, "note": note}
    try:
        data = DeliveryCreate.model_validate({**wrote, "note": note or None})
        service.record_delivery(session, document, data, actor=actor(signed_in))
    except (ValidationError, DomainError) as error:
        return _refused(
            request, session, signed_in, mission_id, document_id, error, failed="delivery",
            kept=wrote,
        )  # fmt: skip
    response = RedirectResponse(f"{path_of(mission_id, document_id)}#deliveries", status_code=303)
    flash(request, response, N_("Delivery recorded."))
    return response
