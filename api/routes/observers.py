"""The observer roster: ``/api/v1/observers``, for DECO staff only."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.csv_upload import csv_body, read_csv_body
from api.deps import (
    CREATED,
    ExpectedVersion,
    Page,
    PaginationDep,
    RecordId,
    SearchText,
    SessionDep,
    StaffUser,
    actor,
    created_at,
    etag,
)
from api.errors import problem_responses
from eom.core.csvimport import ImportReport
from eom.core.reference import Theme
from eom.planning.observers import importing
from eom.planning.observers import service as observers
from eom.planning.observers.models import (
    Gender,
    Observer,
    ObserverCreate,
    ObserverPublic,
    ObserverUpdate,
)

router = APIRouter(prefix="/observers", tags=["observers"], responses=problem_responses(401, 403))


@router.get("", response_model=Page[ObserverPublic])
def search_observers(
    session: SessionDep,
    _: StaffUser,
    page: PaginationDep,
    q: SearchText = None,
    nationality: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    gender: Gender | None = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2}$")] = None,
    expertise: Theme | None = None,
) -> Page[ObserverPublic]:
    """Observers by name, filtered."""
    items, total = observers.search_observers(
        session,
        limit=page.limit,
        offset=page.offset,
        q=q,
        nationality=nationality,
        gender=gender,
        language=language,
        expertise=expertise,
    )
    return Page[ObserverPublic](
        items=[ObserverPublic.model_validate(o) for o in items], total=total
    )


@router.post(
    "",
    response_model=ObserverPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(409)},
)
def create_observer(
    data: ObserverCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
) -> Observer:
    observer = observers.create_observer(session, data, actor=actor(staff))
    response.headers["ETag"] = etag(observer.version)
    created_at(request, response, "read_observer", observer_id=observer.id)
    return observer


@router.post(
    "/import",
    response_model=ImportReport,
    responses=problem_responses(413),
    openapi_extra=csv_body(
        "Columns: full_name, nationality, gender, languages, expertise, email, phone. "
        "Lists separated by ';'. A known email updates that observer."
    ),
)
async def import_observers(request: Request, staff: StaffUser, session: SessionDep) -> ImportReport:
    """Import a CSV roster: all rows or none, with every bad row reported (row, column, reason)."""
    text = await read_csv_body(request)
    # In a worker thread: thousands of rows must not hold the event loop (every other
    # request would wait for the whole import).
    return await run_in_threadpool(importing.import_roster, session, text, actor=actor(staff))


@router.get("/{observer_id}", response_model=ObserverPublic, responses=problem_responses(404))
def read_observer(
    observer_id: RecordId, response: Response, session: SessionDep, _: StaffUser
) -> Observer:
    observer = observers.get_observer(session, observer_id)
    response.headers["ETag"] = etag(observer.version)
    return observer


@router.patch(
    "/{observer_id}", response_model=ObserverPublic, responses=problem_responses(404, 409, 412)
)
def update_observer(
    observer_id: RecordId,
    changes: ObserverUpdate,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
    version: ExpectedVersion,
) -> Observer:
    observer = observers.update_observer(
        session,
        observers.get_observer(session, observer_id, for_update=True),
        changes,
        actor=actor(staff),
        expected_version=version,
    )
    response.headers["ETag"] = etag(observer.version)
    return observer
