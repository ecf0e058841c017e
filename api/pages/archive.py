"""The public archive of the missions' documents: ``/documents``, every published
document across missions, filtered by country, year, kind and words; each document's page
with its text in the reader's language; its PDF. Who sees what is
``eom.documents.access``'s: a draft or an embargoed document is a 404 page to everyone
but staff and its authors."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import RecordId, SearchText, SessionDep
from api.documents import pdf_response
from api.web import PageUser, render
from eom.core.reference import country_name, language_name
from eom.documents import access, service
from eom.documents.models import (
    DOCUMENT_STATUS_LABELS,
    KIND_LABELS,
    ROUND_LABELS,
    DocumentKind,
)

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 25
LABELS: dict[str, Any] = {
    "document_kind_labels": KIND_LABELS,
    "document_round_labels": ROUND_LABELS,
    "document_status_labels": DOCUMENT_STATUS_LABELS,
    "country_name": country_name,
    "language_name": language_name,
    "in_language": service.in_language,
}


@router.get("/documents", response_class=HTMLResponse)
def archive_page(
    request: Request,
    session: SessionDep,
    user: PageUser,
    # A filter form sends empty fields for "any": they are accepted and mean no filter.
    country: Annotated[str, Query(pattern=r"^[A-Za-z]{0,2}$")] = "",
    year: Annotated[str, Query(pattern=r"^(\d{4})?$")] = "",
    kind: Annotated[str, Query(max_length=40, pattern=r"^[a-z_]*$")] = "",
    q: SearchText = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    chosen_kind = DocumentKind(kind) if kind in set(DocumentKind) else None
    filters = service.ArchiveFilters(
        country=country or None, year=int(year) if year else None, kind=chosen_kind, q=q
    )
    rows, total = service.public_archive(
        session, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return render(
        request,
        "archive.html",
        user,
        items=[service.public_view(d, m) for d, m in rows],
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        choices=service.archive_choices(session),
        kinds=list(DocumentKind),
        filters={
            "country": country.upper(),
            "year": year,
            "kind": chosen_kind.value if chosen_kind else "",
            "q": q or "",
        },
        **LABELS,
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(
    request: Request, document_id: RecordId, session: SessionDep, user: PageUser
) -> HTMLResponse:
    document, mission, caller = access.visible_document(session, document_id, user)
    return render(
        request,
        "archive_document.html",
        user,
        document=service.public_view(document, mission),
        mission=mission,
        sections=access.readable_sections(session, document, mission, caller),
        public=access.is_public(document, mission),
        leader=caller.leader,
        **LABELS,
    )


@router.get("/documents/{document_id}/file.pdf")
def document_file_page(document_id: RecordId, session: SessionDep, user: PageUser) -> Response:
    """The document's PDF for a browser, read as the API reads it."""
    document, mission, caller = access.visible_document(session, document_id, user)
    access.readable_file(document, mission, caller)
    stored = service.file_of(session, document)
    return pdf_response(stored.content, service.file_name(document, mission))
