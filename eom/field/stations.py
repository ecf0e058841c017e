"""Polling places of a mission: CSV import, listing, and assigning members to stations."""

from collections.abc import Collection

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.csvimport import CsvSpec, ImportReport, read_csv, with_progress
from eom.core.errors import InvalidInput, NotFound
from eom.field.models import PollingStation, StationAssignment, StationCreate
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission
from eom.planning.missions.service import chain_of

COLUMNS = ("region", "municipality", "centre", "code", "registered_voters")
MAX_ROWS = 100_000


STATIONS = CsvSpec(
    model=StationCreate,
    required=COLUMNS[:4],
    values=lambda row: {k: (row.get(k) or "").strip() or None for k in COLUMNS},
    unique="code",
    max_rows=MAX_ROWS,
    hints={
        "code": "use letters, digits and . _ / - only, e.g. LPZ-0001",
        "registered_voters": "write a whole number",
    },
)


def import_stations(session: Session, mission: Mission, text: str, *, actor: Actor) -> ImportReport:
    """Add the stations of the file and update those whose code is known; any bad row
    stores nothing."""
    rows = read_csv(text, STATIONS)
    known = {
        s.code: s
        for s in session.exec(select(PollingStation).where(PollingStation.mission_id == mission.id))
    }
    created = updated = 0
    chain = chain_of(mission.id)
    for data in with_progress(rows, "stations"):
        station = known.get(data.code)
        if station is None:
            new = PollingStation.model_validate(data, update={"mission_id": mission.id})
            audit.created(session, new, actor=actor, chain=chain)
            created += 1
        elif station.model_dump(include=set(COLUMNS)) != data.model_dump():
            with audit.changing(session, station, actor=actor, chain=chain):
                station.sqlmodel_update(data.model_dump())
            updated += 1
    return ImportReport(created=created, updated=updated)


def list_stations(
    session: Session,
    mission: Mission,
    *,
    limit: int,
    offset: int,
    region: str | None = None,
    unassigned: bool = False,
) -> tuple[list[PollingStation], int]:
    """The mission's stations in region > municipality > centre > code order; with
    ``unassigned``, those no member is sent to."""
    conditions: list[ColumnElement[bool]] = [col(PollingStation.mission_id) == mission.id]
    if region:
        conditions.append(col(PollingStation.region) == region)
    if unassigned:
        conditions.append(col(PollingStation.id).not_in(select(StationAssignment.station_id)))
    total = session.exec(select(func.count()).select_from(PollingStation).where(*conditions)).one()
    items = session.exec(
        select(PollingStation)
        .where(*conditions)
        .order_by(
            col(PollingStation.region),
            col(PollingStation.municipality),
            col(PollingStation.centre),
            col(PollingStation.code),
        )
        .limit(limit)
        .offset(offset)
    )
    return list(items), total


def get_station(session: Session, mission: Mission, station_id: int) -> PollingStation:
    station = session.get(PollingStation, station_id)
    if station is None or station.mission_id != mission.id:
        raise NotFound("No polling station {station_id} in this mission.", station_id=station_id)
    return station


def assign_stations(
    session: Session,
    mission: Mission,
    member: MissionMember,
    station_ids: list[int],
    *,
    actor: Actor,
) -> list[StationAssignment]:
    """Send the member to these stations of the mission (those already assigned stay)."""
    _check_in_mission(session, mission, station_ids)
    have = set(
        session.exec(
            select(StationAssignment.station_id).where(StationAssignment.member_id == member.id)
        ).all()
    )
    made = []
    for station_id in dict.fromkeys(station_ids):
        if station_id in have:
            continue
        assignment = StationAssignment(member_id=member.id or 0, station_id=station_id)
        made.append(audit.created(session, assignment, actor=actor, chain=chain_of(mission.id)))
    return made


def unassign_stations(
    session: Session,
    mission: Mission,
    member: MissionMember,
    station_ids: list[int],
    *,
    actor: Actor,
) -> int:
    """Call the member back from these stations of the mission; how many were theirs."""
    _check_in_mission(session, mission, station_ids)
    assignments = session.exec(
        select(StationAssignment).where(
            StationAssignment.member_id == member.id,
            col(StationAssignment.station_id).in_(station_ids),
        )
    ).all()
    for assignment in assignments:
        audit.deleted(session, assignment, actor=actor, chain=chain_of(mission.id))
    return len(assignments)


def _check_in_mission(session: Session, mission: Mission, station_ids: list[int]) -> None:
    stations = session.exec(
        select(PollingStation.id).where(
            PollingStation.mission_id == mission.id, col(PollingStation.id).in_(station_ids)
        )
    ).all()
    unknown = sorted(set(station_ids) - set(stations))
    if unknown:
        raise InvalidInput(
            "These stations are not in this mission: {ids}.",
            ids=", ".join(str(i) for i in unknown),
        )


def assignments_of(session: Session, mission: Mission) -> dict[int, list[int]]:
    """The members sent to each station of the mission that has any, by station id."""
    rows = session.exec(
        select(StationAssignment.station_id, StationAssignment.member_id)
        .join(PollingStation, col(PollingStation.id) == col(StationAssignment.station_id))
        .where(PollingStation.mission_id == mission.id)
        .order_by(col(StationAssignment.member_id))
    )
    found: dict[int, list[int]] = {}
    for station_id, member_id in rows:
        found.setdefault(station_id, []).append(member_id)
    return found


def assigned_station_ids(session: Session, member: MissionMember) -> list[int]:
    return list(
        session.exec(
            select(StationAssignment.station_id).where(StationAssignment.member_id == member.id)
        ).all()
    )


def station_codes(session: Session, mission: Mission, station_ids: set[int]) -> dict[int, str]:
    """The code of each of these stations of the mission, by id."""
    if not station_ids:
        return {}
    rows = session.exec(
        select(PollingStation.id, PollingStation.code).where(
            PollingStation.mission_id == mission.id, col(PollingStation.id).in_(station_ids)
        )
    )
    return {station_id: code for station_id, code in rows if station_id is not None}


def regions(session: Session, mission: Mission) -> list[str]:
    """The regions of the mission's stations, in name order."""
    query = select(PollingStation.region).distinct().where(PollingStation.mission_id == mission.id)
    return sorted(session.exec(query).all())


def areas_of(session: Session, mission_ids: Collection[int]) -> dict[int, dict[str, str]]:
    """Per mission, the areas an area form may report on, each with its region: the
    regions of the mission's stations (a region is its own) and their municipalities."""
    rows = session.exec(
        select(PollingStation.mission_id, PollingStation.region, PollingStation.municipality)
        .distinct()
        .where(col(PollingStation.mission_id).in_(mission_ids))
    ).all()
    found: dict[int, dict[str, str]] = {}
    for mission_id, region, municipality in rows:
        found.setdefault(mission_id, {})[municipality] = region
    for mission_id, region, _ in rows:  # a region's name names the region
        found[mission_id][region] = region
    return found


def areas_for(areas: dict[str, str], own: str | None) -> dict[str, str]:
    """Of the mission's areas (each with its region), those a member whose own area is
    ``own`` may report on: all of them for a member with no area (the core team covers the
    country), else their area and the municipalities in it."""
    return {a: region for a, region in areas.items() if own is None or own in (a, region)}


def members_at(session: Session, station: PollingStation) -> list[int]:
    """The members sent to the station, by id."""
    query = select(StationAssignment.member_id).where(StationAssignment.station_id == station.id)
    return sorted(session.exec(query).all())


def stations_by_id(
    session: Session, mission: Mission, station_ids: set[int]
) -> dict[int, PollingStation]:
    """These stations of the mission, by id."""
    if not station_ids:
        return {}
    query = select(PollingStation).where(
        PollingStation.mission_id == mission.id, col(PollingStation.id).in_(station_ids)
    )
    return {s.id: s for s in session.exec(query) if s.id is not None}
