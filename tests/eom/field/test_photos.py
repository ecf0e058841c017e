"""Photos of incidents: known by their content, stored upright without any metadata, at
most three to an incident, the same file once."""

import hashlib
import io
import json
import uuid

import pytest
from PIL import Image
from sqlalchemy import inspect
from sqlmodel import select

from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput, NotFound, TooLarge, UnsupportedFormat
from eom.field import incidents, photos
from eom.field.models import (
    Incident,
    IncidentCategory,
    IncidentCreate,
    IncidentPhoto,
    PhotoType,
    Severity,
)
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission
from tests.support.filing import OBSERVED
from tests.support.pictures import (
    COMMENT,
    XMP,
    opened,
    phone_jpeg,
    picture,
    png_claiming,
    transparent_png,
)

# --- cleaning a picture -----------------------------------------------------------------


def test_a_phones_jpeg_is_stored_without_any_of_its_metadata() -> None:
    cleaned = photos.clean(phone_jpeg())
    stored = opened(cleaned.content)
    assert stored.format == "JPEG" and cleaned.media_type == PhotoType.jpeg
    assert len(stored.getexif()) == 0 and "exif" not in stored.info
    assert not {"icc_profile", "comment", "xmp"} & stored.info.keys()
    assert b"PhoneCo" not in cleaned.content and COMMENT not in cleaned.content
    assert XMP not in cleaned.content


def test_a_sideways_photo_is_turned_upright_before_its_orientation_is_dropped() -> None:
    """Stored 40 × 20 with orientation 6, the picture is seen 20 × 40, red on top."""
    cleaned = photos.clean(phone_jpeg(40, 20, orientation=6))
    stored = opened(cleaned.content).convert("RGB")
    assert (cleaned.width, cleaned.height) == stored.size == (20, 40)
    top, bottom = stored.getpixel((10, 5)), stored.getpixel((10, 35))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]


def test_the_kind_is_read_from_the_content() -> None:
    assert photos.clean(picture("PNG")).media_type == PhotoType.png
    assert photos.clean(picture("WEBP")).media_type == PhotoType.webp
    assert opened(photos.clean(picture("PNG")).content).format == "PNG"


@pytest.mark.parametrize(
    "received",
    [picture("GIF"), picture("BMP"), b"just some text, named photo.jpg", b""],
    ids=["gif", "bmp", "text", "empty"],
)
def test_anything_but_a_jpeg_png_or_webp_picture_is_refused(received: bytes) -> None:
    with pytest.raises(UnsupportedFormat, match="must be a JPEG, PNG or WebP picture"):
        photos.clean(received)


def test_a_file_over_5_mb_is_refused_before_it_is_read() -> None:
    with pytest.raises(TooLarge, match="at most 5 MB"):
        photos.clean(picture("PNG") + b"\0" * (photos.MAX_BYTES - len(picture("PNG")) + 1))


def test_a_picture_of_more_than_40_megapixels_is_refused_before_it_is_decoded() -> None:
    with pytest.raises(TooLarge, match="at most 40 megapixels"):
        photos.clean(png_claiming(9000, 9000))


def test_a_picture_cut_short_is_invalid() -> None:
    whole = photos.clean(phone_jpeg(400, 300)).content
    with pytest.raises(InvalidInput, match="cannot be read"):
        photos.clean(whole[: len(whole) // 2])


def _noise_jpeg(quality: int) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((300, 200), 80).convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def test_a_picture_that_grows_when_re_encoded_is_stored_at_a_lower_quality(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    received = _noise_jpeg(40)
    first_try = len(photos.clean(received).content)
    assert first_try > len(received)
    monkeypatch.setattr(photos, "MAX_BYTES", first_try - 1)
    assert len(received) < len(photos.clean(received).content) <= first_try - 1


def test_a_picture_still_over_5_mb_once_re_encoded_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    received = _noise_jpeg(20)
    monkeypatch.setattr(photos, "MAX_BYTES", len(received))
    with pytest.raises(TooLarge, match="Even without its metadata"):
        photos.clean(received)


def test_transparency_is_kept_and_a_palette_becomes_colours() -> None:
    stored = opened(photos.clean(transparent_png()).content)
    assert stored.mode == "RGBA" and stored.getpixel((0, 0)) == (255, 0, 0, 0)


def test_hashes_name_the_bytes_received_and_the_bytes_stored() -> None:
    received = phone_jpeg()
    cleaned = photos.clean(received)
    assert cleaned.received_sha256 == hashlib.sha256(received).hexdigest()
    assert cleaned.sha256 == hashlib.sha256(cleaned.content).hexdigest() != cleaned.received_sha256


def test_the_small_copy_is_a_webp_of_at_most_320_pixels_a_side() -> None:
    cleaned = photos.clean(picture("JPEG", size=(1000, 500)))
    small = opened(cleaned.thumbnail)
    assert small.format == "WEBP" and small.size == photos.thumbnail_size(1000, 500) == (320, 160)
    assert photos.thumbnail_size(100, 50) == (100, 50)


# --- storing them with an incident ------------------------------------------------------


def _incident(db: Database, mission: Mission, member: MissionMember) -> Incident:
    data = IncidentCreate(
        uuid=str(uuid.uuid4()),
        category=IncidentCategory.vote_buying,
        severity=Severity.high,
        place="Plaza principal",
        occurred_at=OBSERVED,
        description="Cash handed out near the entrance.",
    )
    with db.session_scope() as session:
        return incidents.report(session, mission, member, data, actor=SYSTEM)[0]


def _add(db: Database, incident: Incident, received: bytes) -> tuple[IncidentPhoto, bool]:
    with db.session_scope() as session:
        found = session.get(Incident, incident.id)
        assert found is not None
        return photos.add_photo(session, found, photos.clean(received), actor=SYSTEM)


def test_the_same_file_twice_is_one_photo(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    incident = _incident(db, mission, member)
    first, created = _add(db, incident, phone_jpeg())
    again, created_again = _add(db, incident, phone_jpeg())
    assert created and not created_again and again.id == first.id
    with db.session_scope() as session:
        listed = photos.photos_of(session, incident)
        assert [p.id for p in listed] == [first.id]
        assert {"content", "thumbnail"} <= inspect(listed[0]).unloaded  # lists leave the bytes


def test_an_incident_has_at_most_three_photos(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    incident = _incident(db, mission, member)
    for colour in ("red", "green", "blue"):
        assert _add(db, incident, picture("PNG", colour=colour))[1]
    with pytest.raises(Conflict, match="already has 3 photos, the most it may have"):
        _add(db, incident, picture("PNG", colour="white"))
    # A photo it already has is still answered as stored.
    assert not _add(db, incident, picture("PNG", colour="green"))[1]


def test_a_photo_is_stored_with_its_facts_and_audited_without_its_bytes(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    incident = _incident(db, mission, member)
    stored, _ = _add(db, incident, phone_jpeg(40, 20))
    with db.session_scope() as session:
        found = photos.get_photo(session, incident, stored.id or 0)
        assert (found.media_type, found.width, found.height) == (PhotoType.jpeg, 20, 40)
        assert found.size == len(found.content) and found.uploaded_by == "system"
        assert Image.open(io.BytesIO(found.content)).size == (20, 40)
        entry = session.exec(
            select(AuditEntry).where(
                AuditEntry.entity_type == "incident_photo",
                AuditEntry.entity_id == str(stored.id),
            )
        ).one()
    assert entry.chain == f"field:{mission.id}:{member.id}"
    after = json.loads(entry.after or "{}")
    assert after["sha256"] == stored.sha256 and after["media_type"] == "image/jpeg"
    assert not {"content", "thumbnail"} & after.keys()


def test_photos_are_found_by_incident_and_never_across_incidents(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    one, other = _incident(db, mission, member), _incident(db, mission, member)
    photo, _ = _add(db, one, picture("PNG"))
    with db.session_scope() as session:
        found = photos.photos_by_incident(session, {one.id or 0, other.id or 0})
        assert {i: [p.id for p in listed] for i, listed in found.items()} == {one.id: [photo.id]}
        with pytest.raises(NotFound, match="has no photo"):
            photos.get_photo(session, other, photo.id or 0)
