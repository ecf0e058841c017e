"""Photos of an incident, named by the incident's uuid: the observer who reported it adds
them, one a call, and reads them back, as DECO staff do; anyone else is told there is no
such incident."""

from typing import Annotated

from fastapi import APIRouter, File, Path, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from api.deps import BearerToken, CurrentUser, DatabaseDep, RecordId, SessionDep, actor, in_session
from api.errors import problem_responses
from api.photos import PHOTO_RESPONSE, photo_response
from eom.accounts import service as accounts
from eom.core.clock import utcnow
from eom.field import access as field_access
from eom.field import photos
from eom.field.models import UUID_PATTERN, Incident, IncidentPhotoPublic

router = APIRouter(
    prefix="/incidents/{incident_uuid}/photos",
    tags=["field reporting"],
    responses=problem_responses(401, 404),
)

IncidentUuid = Annotated[
    str,
    Path(pattern=UUID_PATTERN, description="the uuid the incident was reported with"),
]
PhotoFile = Annotated[
    UploadFile,
    File(
        description="One JPEG, PNG or WebP picture of at most 5 MB, known by its content "
        "(its name and declared type are ignored)."
    ),
]


@router.post(
    "",
    response_model=IncidentPhotoPublic,
    status_code=201,
    responses={
        200: {"model": IncidentPhotoPublic, "description": "The same file again: the stored photo"},
        **problem_responses(403, 409, 413, 415),
    },
)
async def add_photo(
    incident_uuid: IncidentUuid,
    photo: PhotoFile,
    response: Response,
    token: BearerToken,
    db: DatabaseDep,
) -> IncidentPhotoPublic:
    """Add a photo to one's own incident, at most three; stored without its metadata (EXIF
    and its location, XMP, ICC profile, comments), turned upright. The same file again:
    200 with the stored photo. Only the observer who reported it, while deployed."""
    received = await photo.read(photos.MAX_BYTES + 1)
    # Who may add is settled first, then the picture is cleaned outside any transaction,
    # then stored in a short one that checks again.
    await in_session(db, lambda s: _own_incident(s, token, incident_uuid), write=False)
    cleaned = await run_in_threadpool(photos.clean, received)
    stored, created = await in_session(
        db, lambda s: _store(s, token, incident_uuid, cleaned), write=True
    )
    if not created:
        response.status_code = 200
    return stored


def _own_incident(session: Session, token: str, incident_uuid: str) -> Incident:
    user = accounts.signed_in_user(session, token, now=utcnow())
    return field_access.incident_filed_by(session, incident_uuid, user)


def _store(
    session: Session, token: str, incident_uuid: str, cleaned: photos.CleanPhoto
) -> tuple[IncidentPhotoPublic, bool]:
    user = accounts.signed_in_user(session, token, now=utcnow())
    incident = field_access.incident_filed_by(session, incident_uuid, user)
    stored, created = photos.add_photo(session, incident, cleaned, actor=actor(user))
    return photos.public(stored, incident), created


@router.get("", response_model=list[IncidentPhotoPublic])
def list_photos(
    incident_uuid: IncidentUuid, session: SessionDep, user: CurrentUser
) -> list[IncidentPhotoPublic]:
    """The incident's photos in the order they came: for its observer and DECO staff."""
    incident = field_access.incident_seen_by(session, incident_uuid, user)
    return [photos.public(p, incident) for p in photos.photos_of(session, incident)]


@router.get("/{photo_id}", response_class=Response, responses=PHOTO_RESPONSE)
def photo_image(
    incident_uuid: IncidentUuid, photo_id: RecordId, session: SessionDep, user: CurrentUser
) -> Response:
    """The picture as stored, with its media type, never cached: for the incident's
    observer and DECO staff."""
    incident = field_access.incident_seen_by(session, incident_uuid, user)
    found = photos.get_photo(session, incident, photo_id)
    return photo_response(found.content, found.media_type, photos.file_name(found, incident))
