"""The photos of an incident on the staff's pages: each picture, and its small copy that
the incident's card shows, for DECO staff signed in by cookie (as the API serves them)."""

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response
from sqlmodel import Session

from api.deps import RecordId, SessionDep
from api.photos import photo_response
from api.web import PageStaff
from eom.accounts.models import User
from eom.field import access as field_access
from eom.field import photos
from eom.field.models import UUID_PATTERN, IncidentPhoto
from eom.planning.missions import service as missions

router = APIRouter(include_in_schema=False)
IncidentUuid = Annotated[str, Path(pattern=UUID_PATTERN)]
PHOTO = "/missions/{mission_id}/incidents/{incident_uuid}/photos/{photo_id}"


def _photo(
    session: Session, mission_id: int, incident_uuid: str, photo_id: int, user: User
) -> tuple[IncidentPhoto, str]:
    mission = missions.get_mission(session, mission_id)
    incident = field_access.incident_seen_by(session, incident_uuid, user, mission=mission)
    found = photos.get_photo(session, incident, photo_id)
    return found, photos.file_name(found, incident)


@router.get(PHOTO)
def photo(
    mission_id: RecordId,
    incident_uuid: IncidentUuid,
    photo_id: RecordId,
    session: SessionDep,
    user: PageStaff,
) -> Response:
    """The picture as stored."""
    found, name = _photo(session, mission_id, incident_uuid, photo_id, user)
    return photo_response(found.content, found.media_type, name)


@router.get(PHOTO + "/small")
def small_photo(
    mission_id: RecordId,
    incident_uuid: IncidentUuid,
    photo_id: RecordId,
    session: SessionDep,
    user: PageStaff,
) -> Response:
    """Its small copy (WebP, at most 320 pixels a side), as the incident's card shows it."""
    found, name = _photo(session, mission_id, incident_uuid, photo_id, user)
    return photo_response(found.thumbnail, "image/webp", name.rsplit(".", 1)[0] + "-small.webp")
