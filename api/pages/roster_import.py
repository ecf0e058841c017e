"""Uploading the observer roster from a CSV file, for DECO staff: the same import as
``POST /api/v1/observers/import`` and ``eom import observers``, reported row by row."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.deps import SessionDep, actor
from api.pages.missions import LABELS
from api.web import CsrfChecked, PageStaff, flash, render
from eom.accounts.models import User
from eom.core.csvimport import MAX_FILE_BYTES, read_file
from eom.core.errors import InvalidInput
from eom.core.i18n import N_
from eom.core.reference import Theme
from eom.planning.observers import importing

router = APIRouter(include_in_schema=False)


def _import_page(
    request: Request, user: User, *, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    return render(
        request,
        "roster_import.html",
        user,
        status_code=status_code,
        themes=list(Theme),
        **extra,
        **LABELS,
    )


@router.get("/roster/import", response_class=HTMLResponse)
def roster_import_page(request: Request, user: PageStaff) -> Response:
    return _import_page(request, user)


@router.post("/roster/import", dependencies=[CsrfChecked])
async def import_roster(
    request: Request,
    session: SessionDep,
    user: PageStaff,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Upload the roster as ``POST /api/v1/observers/import`` does: every row or none; a
    refused file is reported row by row."""
    data = await file.read(MAX_FILE_BYTES + 1)
    return await run_in_threadpool(_import, request, session, user, data)


def _import(request: Request, session: Session, user: User, data: bytes) -> Response:
    try:
        report = importing.import_roster(session, read_file(data), actor=actor(user))
    except InvalidInput as refused:
        session.rollback()
        rows = [e for e in refused.errors if e.get("loc", [""])[0] == "row"]
        return _import_page(request, user, status_code=422, refused=refused, rows=rows)
    response = RedirectResponse("/roster", status_code=303)
    flash(
        request,
        response,
        N_("Roster imported: {created} new, {updated} updated."),
        created=report.created,
        updated=report.updated,
    )
    return response
