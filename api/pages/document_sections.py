"""A writer's page for one section of a mission's document: its text in English and
Spanish, saved as a new version each time, submitted for review; the list of its versions
and what each changed from the one before, line by line. Its writer, the mission's chief
and deputy chief and DECO staff reach it (``access.writable_section``); a section the
reader may not read is 404. A save from a stale page (409) shows the text saved meanwhile
and what the reader wrote."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from api.deps import RecordId, SessionDep, actor
from api.pages.documents import (
    DOCUMENT_LABELS,
    LANGUAGES,
    Body,
    Version,
    last_changed,
    loaded,
    path_of,
    signed_in_or_refused,
    texts_of,
)
from api.pages.missions import LABELS, sign_in_first
from api.web import CsrfChecked, PageUser, field_errors, flash, render
from eom.accounts.models import User
from eom.core.errors import DomainError, StaleVersion
from eom.core.i18n import N_
from eom.documents import access, service
from eom.documents.models import (
    Document,
    DocumentSection,
    DocumentStatus,
    SectionStatus,
    SectionText,
)
from eom.planning.missions.models import FINISHED, Mission

router = APIRouter(include_in_schema=False)


def _section_page(
    request: Request,
    session: Session,
    user: User,
    document: Document,
    mission: Mission,
    caller: access.Standing,
    section: DocumentSection,
    *,
    kept: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    stale: dict[str, Any] | None = None,
    yours: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    stored = {f"text_{code}": section.text.get(code, "") for code in LANGUAGES}
    writable = (
        mission.status not in FINISHED
        and document.status == DocumentStatus.draft
        and section.status == SectionStatus.draft
    )
    return render(
        request,
        "document_section.html",
        user,
        status_code=status_code,
        mission=mission,
        document=document,
        section=section,
        versions=list(reversed(service.versions_of(session, section))),
        kept=kept or stored,
        errors=errors or {},
        stale=stale,
        yours=yours or {},
        writable=writable,
        caller=caller,
        **DOCUMENT_LABELS,
        **LABELS,
    )


def _writable(
    session: Session, mission_id: int, document_id: int, section_id: int, user: User | None
) -> tuple[Document, Mission, access.Standing, DocumentSection]:
    document, mission, caller = loaded(session, mission_id, document_id, user)
    section = access.writable_section(session, document, mission, caller, section_id)
    return document, mission, caller, section


@router.get(
    "/missions/{mission_id}/documents/{document_id}/sections/{section_id}",
    response_class=HTMLResponse,
)
def section_page(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    section_id: RecordId,
    session: SessionDep,
    user: PageUser,
) -> Response:
    """The writer's page: the section's text, its versions, and submitting it."""
    if user is None:
        return sign_in_first(request)
    document, mission, caller, section = _writable(
        session, mission_id, document_id, section_id, user
    )
    return _section_page(request, session, user, document, mission, caller, section)


@router.post(
    "/missions/{mission_id}/documents/{document_id}/sections/{section_id}/text",
    dependencies=[CsrfChecked],
)
def save_text(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    section_id: RecordId,
    session: SessionDep,
    user: PageUser,
    version: Version,
    text_en: Body = "",
    text_es: Body = "",
) -> Response:
    """Save the text as the section's next version, as ``PUT .../sections/{id}/text``
    with ``If-Match`` does."""
    signed_in = signed_in_or_refused(user)
    document, mission, caller, section = _writable(
        session, mission_id, document_id, section_id, signed_in
    )
    wrote = {"text_en": text_en, "text_es": text_es}
    try:
        data = SectionText.model_validate({"text": texts_of(text_en, text_es)})
        saved = service.save_text(
            session, document, section, data.text, actor=actor(signed_in), expected_version=version
        )
    except (ValidationError, DomainError) as error:
        session.rollback()
        document, mission, caller, section = _writable(
            session, mission_id, document_id, section_id, signed_in
        )
        if isinstance(error, StaleVersion):
            stored = {f"text_{code}": section.text.get(code, "") for code in LANGUAGES}
            return _section_page(
                request, session, signed_in, document, mission, caller, section,
                stale=last_changed(session, section),
                yours={k: v for k, v in wrote.items() if stored[k] != v}, status_code=409,
            )  # fmt: skip
        errors = field_errors(request, error, {"text": "text_en"})
        return _section_page(
            request, session, signed_in, document, mission, caller, section, kept=wrote,
            errors=errors, status_code=422,
        )  # fmt: skip
    response = RedirectResponse(path_of(mission_id, document_id, section_id), status_code=303)
    flash(request, response, N_("Saved as version {number}."), number=saved.number)
    return response


@router.get(
    "/missions/{mission_id}/documents/{document_id}/sections/{section_id}/versions/{number}/diff",
    response_class=HTMLResponse,
)
def diff_page(
    request: Request,
    mission_id: RecordId,
    document_id: RecordId,
    section_id: RecordId,
    number: RecordId,
    session: SessionDep,
    user: PageUser,
) -> Response:
    """What a version changed from the one before, line by line, per language."""
    if user is None:
        return sign_in_first(request)
    document, mission, _, section = _writable(session, mission_id, document_id, section_id, user)
    changes = service.diff(session, section, number)
    return render(
        request,
        "document_diff.html",
        user,
        mission=mission,
        document=document,
        section=section,
        diff=changes,
        lines={language: _lines(found) for language, found in changes.changes.items()},
        **DOCUMENT_LABELS,
        **LABELS,
    )


def _lines(diff: list[str]) -> list[tuple[str, str]]:
    """A unified diff's lines as (``added``, ``removed``, ``same`` or ``gap``, text),
    without its two header lines."""
    shown: list[tuple[str, str]] = []
    for line in diff:
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            if shown:  # a gap between two runs of changes, not before the first
                shown.append(("gap", ""))
        elif line.startswith("+"):
            shown.append(("added", line[1:]))
        elif line.startswith("-"):
            shown.append(("removed", line[1:]))
        else:
            shown.append(("same", line[1:]))
    return shown
