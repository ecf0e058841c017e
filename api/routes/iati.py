"""The public IATI 2.03 export of the published missions and their funding."""

from fastapi import APIRouter, Request, Response

from api.deps import SessionDep
from reports import iati

router = APIRouter(prefix="/iati", tags=["funding"])

XML = "application/xml"


@router.get(
    "/activities.xml",
    response_class=Response,
    responses={200: {"content": {XML: {"schema": {"type": "string"}}}, "description": "IATI XML"}},
)
def activities(request: Request, session: SessionDep) -> Response:
    """Every published mission as an IATI 2.03 ``iati-activity``, for anyone; each public
    document of a mission a ``document-link`` at the site's address (``EOM_PUBLIC_URL``, or
    the one the request came to)."""
    base_url = request.app.state.settings.public_url or str(request.base_url)
    return Response(
        iati.render(iati.gather(session, base_url=base_url)),
        media_type=XML,
        headers={"Content-Disposition": 'inline; filename="eom-iati-activities.xml"'},
    )
