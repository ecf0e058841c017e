"""Photos of an incident, kept as evidence: at most three to an incident, each a JPEG, PNG
or WebP picture (known by its content, never by its name or declared type) of at most
5 MB. A photo is stored re-encoded, upright and without any metadata (EXIF and its GPS
position, XMP, ICC profile, comments), with the SHA-256 of the bytes received (the same
file sent again is the same photo) and of the bytes stored, and a small copy for pages.

Cleaning a picture (``clean``) touches no database, so a caller can do it outside any
transaction; storing it (``add_photo``) is quick."""

import hashlib
import io
import struct
from dataclasses import dataclass
from typing import Any, cast

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy.orm import QueryableAttribute, defer
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, InvalidInput, NotFound, TooLarge, UnsupportedFormat
from eom.field.models import Incident, IncidentPhoto, IncidentPhotoPublic, PhotoType

MAX_PHOTOS = 3
MAX_BYTES = 5 * 1024 * 1024
# Decoded, a pixel takes three or four bytes: a picture is never more than ~160 MB in memory.
MAX_PIXELS = 40_000_000
THUMBNAIL_SIDE = 320

_TYPES = {
    "JPEG": PhotoType.jpeg,
    "MPO": PhotoType.jpeg,
    "PNG": PhotoType.png,
    "WEBP": PhotoType.webp,
}
_SAVED_AS = {PhotoType.jpeg: "JPEG", PhotoType.png: "PNG", PhotoType.webp: "WEBP"}
# The pixel modes each format stores as they are; a picture in another is converted first.
_MODES = {
    PhotoType.jpeg: {"L", "RGB"},
    PhotoType.png: {"1", "L", "LA", "I", "I;16", "RGB", "RGBA"},
    PhotoType.webp: {"RGB", "RGBA"},
}
# Tried in turn until the picture fits in MAX_BYTES (it may grow when re-encoded).
_ENCODINGS: dict[PhotoType, tuple[dict[str, Any], ...]] = {
    PhotoType.jpeg: ({"quality": 88}, {"quality": 75}),
    PhotoType.png: ({}, {"optimize": True}),
    PhotoType.webp: ({"quality": 88}, {"quality": 75}),
}
# What Pillow raises for a picture it recognised but cannot decode (damaged, cut short).
_UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, struct.error)
# The bytes of a photo, left unread by the lists (``defer``) until a picture is served.
_BYTES = [
    cast(QueryableAttribute[Any], c) for c in (IncidentPhoto.content, IncidentPhoto.thumbnail)
]


@dataclass(frozen=True)
class CleanPhoto:
    """A picture as it will be stored: upright, re-encoded, without metadata."""

    content: bytes
    media_type: PhotoType
    width: int
    height: int
    sha256: str
    received_sha256: str
    thumbnail: bytes


def clean(received: bytes) -> CleanPhoto:
    """The picture in ``received``, cleaned: ``TooLarge`` past 5 MB or 40 megapixels,
    ``UnsupportedFormat`` unless its content is a JPEG, PNG or WebP picture,
    ``InvalidInput`` if it is one but cannot be read."""
    if len(received) > MAX_BYTES:
        raise TooLarge("A photo may be at most 5 MB; this one is larger.")
    image, media_type = _opened(received)
    if image.width * image.height > MAX_PIXELS:
        raise TooLarge("A photo may have at most 40 megapixels; this one has more.")
    try:
        bare = _bare_pixels(image, media_type)
    except _UNREADABLE as error:
        raise InvalidInput("The photo cannot be read: it may be damaged or cut short.") from error
    content = _encoded(bare, media_type)
    return CleanPhoto(
        content=content,
        media_type=media_type,
        width=bare.width,
        height=bare.height,
        sha256=hashlib.sha256(content).hexdigest(),
        received_sha256=hashlib.sha256(received).hexdigest(),
        thumbnail=_thumbnail(bare),
    )


def _opened(received: bytes) -> tuple[Image.Image, PhotoType]:
    """The picture, recognised by its first bytes as one of the three kinds taken."""
    try:
        image = Image.open(io.BytesIO(received), formats=["JPEG", "PNG", "WEBP"])
    except Image.DecompressionBombError as error:
        raise TooLarge("A photo may have at most 40 megapixels; this one has more.") from error
    except (UnidentifiedImageError, *_UNREADABLE) as error:
        raise UnsupportedFormat("A photo must be a JPEG, PNG or WebP picture.") from error
    return image, _TYPES[str(image.format)]


def _bare_pixels(image: Image.Image, media_type: PhotoType) -> Image.Image:
    """The picture's pixels alone, turned upright as its EXIF orientation says: a new image
    made from them carries none of the original's metadata."""
    upright = ImageOps.exif_transpose(image)
    if upright.has_transparency_data and upright.mode not in ("LA", "RGBA"):
        upright = upright.convert("RGBA")
    if upright.mode not in _MODES[media_type]:
        alpha = upright.mode in ("LA", "RGBA") and media_type != PhotoType.jpeg
        upright = upright.convert("RGBA" if alpha else "RGB")
    return Image.frombytes(upright.mode, upright.size, upright.tobytes())


def _encoded(bare: Image.Image, media_type: PhotoType) -> bytes:
    for options in _ENCODINGS[media_type]:
        out = io.BytesIO()
        bare.save(out, _SAVED_AS[media_type], **options)
        if out.tell() <= MAX_BYTES:
            return out.getvalue()
    raise TooLarge("Even without its metadata the photo is larger than 5 MB; send a smaller one.")


def thumbnail_size(width: int, height: int) -> tuple[int, int]:
    """The size of a photo's small copy: at most THUMBNAIL_SIDE on its longer side."""
    scale = min(1.0, THUMBNAIL_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _thumbnail(bare: Image.Image) -> bytes:
    small = bare.convert("RGBA" if bare.mode in ("LA", "RGBA") else "RGB")
    small = small.resize(thumbnail_size(bare.width, bare.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "WEBP", quality=75)
    return out.getvalue()


def add_photo(
    session: Session, incident: Incident, photo: CleanPhoto, *, actor: Actor
) -> tuple[IncidentPhoto, bool]:
    """Store the photo with the incident; the same file again returns the stored photo
    (and False). A fourth photo is a ``Conflict``."""
    # The incident's row is locked, so two photos sent at once cannot both be the third.
    session.exec(select(Incident.id).where(Incident.id == incident.id).with_for_update()).one()
    same = session.exec(
        _listed().where(
            IncidentPhoto.incident_id == incident.id,
            IncidentPhoto.received_sha256 == photo.received_sha256,
        )
    ).first()
    if same is not None:
        return same, False
    count = session.exec(select(func.count()).where(IncidentPhoto.incident_id == incident.id)).one()
    if count >= MAX_PHOTOS:
        raise Conflict(
            "Incident {uuid} already has {count} photos, the most it may have.",
            uuid=incident.uuid,
            count=count,
        )
    stored = IncidentPhoto(
        incident_id=incident.id or 0,
        received_sha256=photo.received_sha256,
        sha256=photo.sha256,
        media_type=photo.media_type,
        width=photo.width,
        height=photo.height,
        size=len(photo.content),
        content=photo.content,
        thumbnail=photo.thumbnail,
        uploaded_at=utcnow(),
        uploaded_by=actor.label,
    )
    # In the filer's own chain, with the incident itself.
    chain = f"field:{incident.mission_id}:{incident.member_id}"
    return audit.created(session, stored, actor=actor, chain=chain), True


def _listed() -> SelectOfScalar[IncidentPhoto]:
    return select(IncidentPhoto).options(*(defer(c) for c in _BYTES))


def photos_of(session: Session, incident: Incident) -> list[IncidentPhoto]:
    """The incident's photos in the order they came, their bytes left unread."""
    found = session.exec(
        _listed().where(IncidentPhoto.incident_id == incident.id).order_by(col(IncidentPhoto.id))
    )
    return list(found)


def photos_by_incident(session: Session, incident_ids: set[int]) -> dict[int, list[IncidentPhoto]]:
    """The photos of these incidents, by incident, in one query (their bytes left unread)."""
    if not incident_ids:
        return {}
    found: dict[int, list[IncidentPhoto]] = {}
    rows = session.exec(
        _listed()
        .where(col(IncidentPhoto.incident_id).in_(incident_ids))
        .order_by(col(IncidentPhoto.id))
    )
    for photo in rows:
        found.setdefault(photo.incident_id, []).append(photo)
    return found


def get_photo(session: Session, incident: Incident, photo_id: int) -> IncidentPhoto:
    """One photo of the incident; its bytes are read when asked for."""
    photo = session.exec(_listed().where(IncidentPhoto.id == photo_id)).first()
    if photo is None or photo.incident_id != incident.id:
        raise NotFound(
            "Incident {uuid} has no photo {photo_id}.", uuid=incident.uuid, photo_id=photo_id
        )
    return photo


def public(photo: IncidentPhoto, incident: Incident) -> IncidentPhotoPublic:
    return IncidentPhotoPublic.model_validate(photo, update={"incident_uuid": incident.uuid})


def file_name(photo: IncidentPhoto, incident: Incident) -> str:
    """A name for the picture when it is saved: its incident, its number, its kind."""
    extension = {PhotoType.jpeg: "jpg", PhotoType.png: "png", PhotoType.webp: "webp"}
    return f"incident-{incident.uuid}-photo-{photo.id}.{extension[photo.media_type]}"
