"""Incident reports from the field and their verification by DECO staff."""

from collections.abc import Sequence
from datetime import UTC

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from eom.accounts import service as accounts
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, InvalidInput, NotFound, check_version
from eom.field import access, timing
from eom.field.models import (
    Incident,
    IncidentBase,
    IncidentCreate,
    IncidentPublic,
    IncidentVerify,
    PollingStation,
    Verification,
)
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission
from eom.planning.missions.service import chain_of


def report(
    session: Session, mission: Mission, member: MissionMember, data: IncidentCreate, *, actor: Actor
) -> tuple[Incident, bool]:
    """Store the incident once per uuid; a retry returns the stored one (and False), the
    same uuid with other content is a ``Conflict`` (``uuid-reused``), from another member
    too (``uuid-taken``), and so is any
    report once the mission takes no more; after its preliminary report one is ``late``.
    It happened on the member's days and not ahead of the clock (``timing.check_observed``
    naming ``occurred_at``), as a checklist is observed."""
    late = timing.taking_filings(mission)
    existing = session.exec(select(Incident).where(Incident.uuid == data.uuid)).first()
    if existing is not None:
        access.check_own_uuid(existing.member_id, member, data.uuid)
        if content_of(existing) != content_of(data):
            raise Conflict(
                "Incident {uuid} was already received with different content.",
                problem="uuid-reused",
                uuid=data.uuid,
            )
        return existing, False
    timing.check_observed(mission, member, data.occurred_at, field="occurred_at")
    if data.station_id is not None:
        station = session.get(PollingStation, data.station_id)
        if station is None or station.mission_id != mission.id:
            raise InvalidInput(
                "Station {station_id} is not a polling station of {code}.",
                problem="not-a-station-of-mission",
                station_id=data.station_id,
                code=mission.code,
                errors=[{"loc": ["station_id"], "msg": "not a station of this mission"}],
            )
    incident = Incident.model_validate(
        data,
        update={
            "mission_id": mission.id,
            "member_id": member.id,
            "received_at": utcnow(),
            "late": late,
            "occurred_at": data.occurred_at.astimezone(UTC),
        },
    )
    # Filings go to the member's own chain, like their checklists.
    return audit.created(
        session, incident, actor=actor, chain=f"field:{mission.id}:{member.id}"
    ), True


def content_of(incident: IncidentBase) -> tuple[object, ...]:
    """What makes two sends of one uuid the same incident (its time in UTC, whatever
    offset the device wrote it in)."""
    return (
        incident.category,
        incident.severity,
        incident.station_id,
        incident.place,
        incident.occurred_at.astimezone(UTC),
        incident.description,
        incident.latitude,
        incident.longitude,
        incident.accuracy_m,
    )


def get_incident(session: Session, mission: Mission, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None or incident.mission_id != mission.id:
        raise NotFound("No incident {incident_id} in this mission.", incident_id=incident_id)
    return incident


def verify(
    session: Session,
    incident: Incident,
    data: IncidentVerify,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> Incident:
    """Confirm or reject an unverified incident, with a note saying why."""
    check_version(incident.version, expected_version)
    if incident.verification != Verification.unverified:
        raise Conflict(
            "Incident {id} was already {verification}.",
            id=incident.id,
            verification=incident.verification.value,
        )
    if data.verification == Verification.unverified:
        raise InvalidInput("An incident is verified as confirmed or rejected.")
    with audit.changing(
        session, incident, actor=actor, chain=chain_of(incident.mission_id), action="verify"
    ):
        incident.verification, incident.verification_note = data.verification, data.note
        incident.verified_by, incident.verified_at = actor.label, utcnow()
    return incident


def list_incidents(
    session: Session,
    mission: Mission,
    *,
    member: MissionMember | None,
    limit: int,
    offset: int,
    verification: Verification | None = None,
    region: str | None = None,
    station_id: int | None = None,
) -> tuple[list[Incident], int]:
    """Incidents newest first: all for staff, a member's own otherwise; of one
    verification state, at the stations of one region, or at one station."""
    conditions: list[ColumnElement[bool]] = [col(Incident.mission_id) == mission.id]
    if member is not None:
        conditions.append(col(Incident.member_id) == member.id)
    if verification is not None:
        conditions.append(col(Incident.verification) == verification)
    if station_id is not None:
        conditions.append(col(Incident.station_id) == station_id)
    if region:
        in_region = select(PollingStation.id).where(
            PollingStation.mission_id == mission.id, PollingStation.region == region
        )
        conditions.append(col(Incident.station_id).in_(in_region))
    total = session.exec(select(func.count()).select_from(Incident).where(*conditions)).one()
    items = session.exec(
        select(Incident)
        .where(*conditions)
        .order_by(col(Incident.occurred_at).desc(), col(Incident.id).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(items), total


def views_of(session: Session, reported: Sequence[Incident]) -> list[IncidentPublic]:
    """Incidents as the API shows them, with who verified each as a name and a role (the
    observer who reported it reads it: no staff email)."""
    verifiers = accounts.public_actors(session, {i.verified_by for i in reported if i.verified_by})
    return [
        IncidentPublic.model_validate(
            i.model_dump(exclude={"verified_by"}),
            update={"verified_by": verifiers[i.verified_by] if i.verified_by else None},
        )
        for i in reported
    ]


def view_of(session: Session, incident: Incident) -> IncidentPublic:
    """One incident as the API shows it (``views_of``)."""
    return views_of(session, [incident])[0]
