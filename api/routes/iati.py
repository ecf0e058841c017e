"""The public IATI 2.03 export of the published missions and their funding."""

from fastapi import APIRouter, Response

from api.deps import SessionDep
from reports import iati

router = APIRouter(prefix="/iati", tags=["funding"])

XML = "application/xml"


@router.get(
    "/activities.xml",
    response_class=Response,
    responses={200: {"content": {XML: {"schema": {"type": "string"}}}, "description": "IATI XML"}},
)
def activities(session: SessionDep) -> Response:
    """Every published mission as an IATI 2.03 ``iati-activity``, for anyone."""
    return Response(
        iati.render(iati.gather(session)),
        media_type=XML,
        headers={"Content-Disposition": 'inline; filename="eom-iati-activities.xml"'},
    )
