"""Polling places of a mission: CSV import, listing, and assigning members to stations."""

from __future__ import annotations

import csv
import io

from pydantic import ValidationError
from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.errors import InvalidInput, NotFound
from eom.field.models import PollingStation, StationAssignment, StationCreate
from eom.members.models import MissionMember
from eom.missions.models import Mission
from eom.missions.service import chain_of
from eom.observers.models import ImportReport, ImportRowError

COLUMNS = ("region", "municipality", "centre", "code", "registered_voters")
MAX_ROWS = 100_000


def _rows(text: str) -> tuple[list[StationCreate], list[ImportRowError]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        return [], [ImportRowError(row=1, column=c, reason="missing column") for c in missing]
    stations: list[StationCreate] = []
    errors: list[ImportRowError] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            errors.append(
                ImportRowError(row=number, column="", reason=f"more than {MAX_ROWS} rows")
            )
            break
        values = {k: (row.get(k) or "").strip() or None for k in COLUMNS}
        try:
            station = StationCreate.model_validate(values)
        except ValidationError as error:
            errors.extend(
                ImportRowError(row=number, column=str(e["loc"][0]), reason=e["msg"])
                for e in error.errors()
            )
            continue
        if station.code in seen:
            errors.append(
                ImportRowError(
                    row=number, column="code", reason=f"the same code as row {seen[station.code]}"
                )
            )
        seen[station.code] = number
        stations.append(station)
    return stations, errors


def parse_stations_csv(text: str) -> tuple[list[StationCreate], list[ImportRowError]]:
    """The stations of a CSV file and every problem found, row by row (header is row 1)."""
    try:
        return _rows(text)
    except csv.Error as error:
        return [], [ImportRowError(row=0, column="", reason=f"not readable as CSV: {error}")]


def import_stations(session: Session, mission: Mission, text: str, *, actor: Actor) -> ImportReport:
    """Add the stations of the file and update those whose code is known; any bad row
    stores nothing."""
    rows, errors = parse_stations_csv(text)
    if errors:
        raise InvalidInput(
            "The file has {count} problem(s); nothing was imported.",
            errors=[{"loc": ["row", e.row, e.column], "msg": e.reason} for e in errors],
            count=len(errors),
        )
    known = {
        s.code: s
        for s in session.exec(select(PollingStation).where(PollingStation.mission_id == mission.id))
    }
    created = updated = 0
    for data in rows:
        station = known.get(data.code)
        before = station.model_dump(mode="json") if station else None
        if station is None:
            station = PollingStation.model_validate(data, update={"mission_id": mission.id})
            created += 1
        elif station.model_dump(include=set(COLUMNS)) != data.model_dump():
            station.sqlmodel_update(data.model_dump())
            updated += 1
        else:
            continue
        session.add(station)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="update" if before else "create",
            entity_type="polling_station",
            entity_id=station.id,
            before=before,
            after=station.model_dump(mode="json"),
            chain=chain_of(mission.id),
        )
    return ImportReport(created=created, updated=updated)


def list_stations(
    session: Session, mission: Mission, *, limit: int, offset: int, region: str | None = None
) -> tuple[list[PollingStation], int]:
    """The mission's stations in region > municipality > centre > code order."""
    conditions = [PollingStation.mission_id == mission.id]
    if region:
        conditions.append(PollingStation.region == region)
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
        session.add(assignment)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="create",
            entity_type="station_assignment",
            entity_id=assignment.id,
            after=assignment.model_dump(mode="json"),
            chain=chain_of(mission.id),
        )
        made.append(assignment)
    return made


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
