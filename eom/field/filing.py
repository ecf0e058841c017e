"""Filing checklists from the field: each uuid stored once, retries answered in kind.

One entry point per way of filing, each storing a submission the same way (``_receive``):

- ``file_together``: checklists from many observers that arrived at the same moment,
  stored in one transaction (group commit), each in a savepoint of its own, so that each
  gets exactly the answer it would get alone;
- ``file_batch``: one observer's batch (an outbox sending what it kept offline), every
  valid item stored even when others fail, each answered in order;
- ``file_one``: a single checklist in the caller's transaction (the demo data, tests).

First receipt of a uuid stores the submission (``created``); the same uuid with the same
content is a safe retry (``duplicate``, the stored record); the same uuid with other
content is a ``Conflict``. Nothing is stored for a submission that does not fit its form.
Nothing is committed here: the caller owns the transaction.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

from pydantic import ValidationError
from sqlalchemy import Executable
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from eom.accounts.models import User
from eom.accounts.service import actor_of
from eom.audit import service as audit
from eom.audit.service import Actor, canonical_json
from eom.core import inputs
from eom.core.clock import utcnow
from eom.core.errors import Conflict, FieldError, InvalidInput
from eom.field import access, counters, forms, stations, timing
from eom.field.forms import PublishedForm
from eom.field.models import (
    BatchItemResult,
    FormScope,
    ItemResult,
    PollingStation,
    StationAssignment,
    Submission,
    SubmissionIn,
    SubmissionPublic,
)
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission


@dataclass(frozen=True)
class Filing:
    """One request's checklist: who files it, for which mission."""

    user: User
    mission_id: int
    data: SubmissionIn


@dataclass(frozen=True)
class Filed:
    """What the caller is answered: the stored submission, and whether it is new."""

    submission: SubmissionPublic
    result: ItemResult


def file_together(session: Session, filings: Sequence[Filing]) -> list[Filed | Exception]:
    """Each filing's outcome, in order: the stored submission, or the error to answer with
    (the one a request filing alone would get)."""
    users = {f.user.id: f.user for f in filings}.values()
    places = access.deployed_places(session, {f.mission_id for f in filings}, users)
    lookups = Lookups()
    lookups.read_stations(session, {f.data.station_id for f in filings if f.data.station_id})
    asked = [(places.get((f.mission_id, f.user.id or 0)), f.data.station_id) for f in filings]
    lookups.read_assignments(
        session, {(p[1].id or 0, s) for p, s in asked if p is not None and s is not None}
    )
    tally = counters.Tally()
    outcomes: dict[int, Filed | Exception] = {}
    # One observer's filings one after the other (their audit chain is locked once, in
    # the same order in every transaction); the counters all at the end, in key order.
    order = sorted(
        range(len(filings)), key=lambda n: (filings[n].mission_id, filings[n].user.email)
    )
    for n in order:
        filing = filings[n]
        own = counters.Tally()
        try:
            with session.begin_nested():
                place = places.get((filing.mission_id, filing.user.id or 0))
                mission, member = place or access.filing_member(
                    session, filing.mission_id, filing.user
                )
                late = timing.taking_filings(mission)
                stored, result = _receive(
                    session, mission, member, filing.data, actor_of(filing.user), own, lookups, late
                )
            outcomes[n] = Filed(SubmissionPublic.model_validate(stored), result)
            tally.merge(own)
        except Exception as error:  # this filing's own failure, answered to its caller alone
            outcomes[n] = error
    tally.write(session)
    return [outcomes[n] for n in range(len(filings))]


def file_batch(
    session: Session,
    mission: Mission,
    member: MissionMember,
    items: Sequence[dict[str, Any]],
    *,
    actor: Actor,
) -> list[BatchItemResult]:
    """One member's batch, each item answered in order (created, duplicate, conflict,
    invalid); every valid item is stored even when others fail. A mission that takes no
    more reports refuses the whole batch (``Conflict``)."""
    late = timing.taking_filings(mission)
    tally, lookups = counters.Tally(), Lookups()
    results = [
        _batch_item(session, mission, member, item, actor, tally, lookups, late) for item in items
    ]
    tally.write(session)
    return results


def file_one(
    session: Session,
    mission: Mission,
    member: MissionMember,
    data: SubmissionIn,
    *,
    actor: Actor,
    received_at: datetime | None = None,
) -> tuple[Submission, ItemResult]:
    """Store one submission once, or recognise a retry of it. ``received_at`` replays a
    receipt of the past (the demo data): never before the observation, never after now."""
    late = timing.taking_filings(mission)
    if received_at is not None and not (data.observed_at <= received_at <= utcnow()):
        raise InvalidInput(
            "A submission is received after it is observed, and not in the future.",
            errors=[{"loc": ["received_at"], "msg": "before the observation or in the future"}],
        )
    tally = counters.Tally()
    received = _receive(session, mission, member, data, actor, tally, Lookups(), late, received_at)
    tally.write(session)
    return received


def _batch_item(
    session: Session,
    mission: Mission,
    member: MissionMember,
    item: dict[str, Any],
    actor: Actor,
    tally: counters.Tally,
    lookups: "Lookups",
    late: bool,
) -> BatchItemResult:
    sent_uuid = item.get("uuid")
    # Echoed so the device knows which item this is, even when it is not a uuid at all.
    uuid = inputs.printable(sent_uuid) if isinstance(sent_uuid, str) else None
    try:
        data = SubmissionIn.model_validate(item)
    except ValidationError as error:
        found = [FieldError(loc=list(e["loc"]), msg=e["msg"]) for e in error.errors()]
        return BatchItemResult(uuid=uuid, result=ItemResult.invalid, errors=found)
    own = counters.Tally()
    try:
        with session.begin_nested():
            stored, result = _receive(session, mission, member, data, actor, own, lookups, late)
    except InvalidInput as error:
        errors = [FieldError.model_validate(e) for e in error.errors]
        return BatchItemResult(
            uuid=uuid,
            result=ItemResult.invalid,
            errors=errors or [FieldError(loc=[], msg=str(error))],
        )
    except Conflict as error:
        refused = [FieldError(loc=["uuid"], msg=str(error))]
        return BatchItemResult(uuid=uuid, result=ItemResult.conflict, errors=refused)
    tally.merge(own)
    return BatchItemResult(
        uuid=uuid, result=result, submission=SubmissionPublic.model_validate(stored)
    )


class StationPlace(NamedTuple):
    """Where a station is: its mission, region and municipality."""

    mission_id: int
    region: str
    municipality: str


@dataclass
class Lookups:
    """What a transaction storing many submissions reads once instead of once each: the
    published forms (frozen), where the stations are, and which stations each member was
    sent to."""

    forms: dict[tuple[int, int], PublishedForm | None] = field(default_factory=dict)
    stations: dict[int, StationPlace] = field(default_factory=dict)
    # (member id, station id): the pairs found assigned, and every pair whose answer is known.
    assigned: set[tuple[int, int]] = field(default_factory=set)
    known: set[tuple[int, int]] = field(default_factory=set)
    members_known: set[int] = field(default_factory=set)  # all of whose stations were read
    # Per mission, its areas (its stations' regions and municipalities) and their regions.
    areas: dict[int, dict[str, str]] = field(default_factory=dict)

    def read_stations(self, session: Session, station_ids: set[int]) -> None:
        """Read where these stations are in one query."""
        rows = session.exec(
            select(
                PollingStation.id,
                PollingStation.mission_id,
                PollingStation.region,
                PollingStation.municipality,
            ).where(col(PollingStation.id).in_(station_ids))
        )
        self.stations.update({row[0] or 0: StationPlace(*row[1:]) for row in rows})

    def read_assignments(self, session: Session, pairs: set[tuple[int, int]]) -> None:
        """Read which of these (member id, station id) pairs are assignments, in one query
        (so at most one row per filing of a group, however many stations a member has)."""
        if not pairs:
            return
        rows = session.exec(
            select(StationAssignment.member_id, StationAssignment.station_id).where(
                col(StationAssignment.member_id).in_({m for m, _ in pairs}),
                col(StationAssignment.station_id).in_({s for _, s in pairs}),
            )
        )
        self.assigned.update((member_id, station_id) for member_id, station_id in rows)
        self.known.update(pairs)

    def areas_of(self, session: Session, mission: Mission) -> dict[str, str]:
        """The mission's areas, each with its region, read once."""
        mission_id = mission.id or 0
        if mission_id not in self.areas:
            self.areas[mission_id] = stations.areas_of(session, [mission_id]).get(mission_id, {})
        return self.areas[mission_id]

    def sent_to(self, session: Session, member_id: int, station_id: int) -> bool:
        """Whether the member was sent to the station (all of their stations are read at
        the first question not answered yet: a batch is one member's)."""
        pair = (member_id, station_id)
        if pair not in self.known and member_id not in self.members_known:
            rows = session.exec(
                select(StationAssignment.station_id).where(StationAssignment.member_id == member_id)
            )
            self.assigned.update((member_id, s) for s in rows)
            self.members_known.add(member_id)
        return pair in self.assigned


def _receive(
    session: Session,
    mission: Mission,
    member: MissionMember,
    data: SubmissionIn,
    actor: Actor,
    tally: counters.Tally,
    lookups: Lookups,
    late: bool,
    received_at: datetime | None = None,
) -> tuple[Submission, ItemResult]:
    """Check one submission against its form, store it once (``late`` if the mission's
    preliminary report is out), and add its answers (and take away those of the submission
    it corrects) to ``tally``, which the caller writes."""
    digest = content_hash(data)
    if data.supersedes:
        # A resent correction must be recognised before its target is found corrected.
        existing = session.get(Submission, data.uuid)
        if existing is not None:
            return _replay(existing, member, digest)
    timing.check_observed(mission, member, data.observed_at)
    form = _form_for(session, mission, data.form_id, lookups)
    subject = _subject_of(session, mission, member, form, data, lookups)
    errors = forms.answer_errors(list(form.questions), data.answers)
    if errors:
        raise InvalidInput(
            "The answers do not fit version {version} of {key}.",
            problem="answers-do-not-fit",
            version=form.version,
            key=form.key,
            errors=errors,
        )
    earlier = _superseded(session, member, data.supersedes) if data.supersedes else None
    received = received_at or utcnow()
    submission = Submission(
        uuid=data.uuid,
        mission_id=mission.id or 0,
        member_id=member.id or 0,
        form_id=form.id,
        form_version=form.version,
        phase=form.phase,
        station_id=subject.station_id,
        area=subject.area,
        region=subject.region or None,
        observed_at=data.observed_at.astimezone(UTC),
        received_at=received,
        updated_at=received,
        answers=data.answers,
        supersedes=data.supersedes,
        content_hash=digest,
        late=late,
    )
    if not _insert(session, submission):
        stored = session.get(Submission, data.uuid)
        assert stored is not None, "the uuid that conflicted is stored"
        return _replay(stored, member, digest)
    tally.add(_counter_rows(submission, sign=1))
    if earlier is not None:
        earlier.superseded = True
        earlier.updated_at = received
        session.add(earlier)
        tally.add(_counter_rows(earlier, sign=-1))
    _audit(session, mission, member, submission, actor)
    return submission, ItemResult.created


def content_hash(data: SubmissionIn) -> str:
    """What makes two sends of one uuid the same submission."""
    content: list[Any] = [
        data.form_id,
        data.station_id,
        data.observed_at.astimezone(UTC).isoformat(),
        data.answers,
        data.supersedes,
    ]
    if data.area is not None:  # the hashes stored before areas existed stay the same
        content.append(data.area)
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def _replay(
    existing: Submission, member: MissionMember, digest: str
) -> tuple[Submission, ItemResult]:
    """A uuid already stored: a retry of the member's own submission, or a ``Conflict``
    (never another member's record, whatever it holds)."""
    access.check_own_uuid(existing.member_id, member, existing.uuid)
    if existing.content_hash != digest:
        raise Conflict(
            "Submission {uuid} was already received with different content.",
            problem="uuid-reused",
            uuid=existing.uuid,
        )
    return existing, ItemResult.duplicate


def _form_for(session: Session, mission: Mission, form_id: int, lookups: Lookups) -> PublishedForm:
    key = (mission.id or 0, form_id)
    if key not in lookups.forms:
        lookups.forms[key] = forms.published_form(session, mission, form_id)
    form = lookups.forms[key]
    if form is None:
        raise InvalidInput(
            "Form {form_id} is not a published form of {code}.",
            problem="form-not-published",
            form_id=form_id,
            code=mission.code,
            errors=[{"loc": ["form_id"], "msg": "not a published form of this mission"}],
        )
    return form


class Subject(NamedTuple):
    """What one filing is about, as stored: its station or area (or neither, for the
    whole mission) and the region its answers count under ("" for the whole mission)."""

    station_id: int | None
    area: str | None
    region: str


def _subject_of(
    session: Session,
    mission: Mission,
    member: MissionMember,
    form: PublishedForm,
    data: SubmissionIn,
    lookups: Lookups,
) -> Subject:
    """Check that the filing names what its form's scope asks (a station, an area, or
    neither) and that the member may report on it."""
    asked = {"station_id": form.scope == FormScope.station, "area": form.scope == FormScope.area}
    for name, wanted in asked.items():
        given = getattr(data, name) is not None
        if given != wanted:
            raise InvalidInput(
                "Version {version} of {key} is filed for {scope}.",
                version=form.version,
                key=form.key,
                scope=SCOPE_WORDS[form.scope],
                errors=[{"loc": [name], "msg": "required" if wanted else "not asked by this form"}],
            )
    if data.station_id is not None:
        return Subject(
            data.station_id, None, _region_of(session, mission, member, data.station_id, lookups)
        )
    if data.area is not None:
        return Subject(
            None, data.area, _region_of_area(session, mission, member, data.area, lookups)
        )
    return Subject(None, None, WHOLE_MISSION)


# The region the answers of a filing for the whole mission count under.
WHOLE_MISSION = ""
SCOPE_WORDS = {
    FormScope.station: "a polling station",
    FormScope.area: "an area of the mission",
    FormScope.mission: "the whole mission",
}


def _region_of(
    session: Session, mission: Mission, member: MissionMember, station_id: int, lookups: Lookups
) -> str:
    """The region (what the counters group by) of the mission's station, if the member
    was sent to it, or if it is in their area and the mission lets them file for any
    station there."""
    if station_id not in lookups.stations:
        lookups.read_stations(session, {station_id})
    site = lookups.stations.get(station_id)
    if site is None or site.mission_id != mission.id:
        raise InvalidInput(
            "Station {station_id} is not a polling station of {code}.",
            problem="not-a-station-of-mission",
            station_id=station_id,
            code=mission.code,
            errors=[{"loc": ["station_id"], "msg": "not a station of this mission"}],
        )
    in_area = mission.file_any_station_in_area and member.area in (
        site.region,
        site.municipality,
    )
    if not in_area and not lookups.sent_to(session, member.id or 0, station_id):
        raise InvalidInput(
            "Station {station_id} is not a station you were sent to in {code}.",
            problem="station-not-assigned",
            station_id=station_id,
            code=mission.code,
            errors=[{"loc": ["station_id"], "msg": "not a station you were sent to"}],
        )
    return site.region


def _region_of_area(
    session: Session, mission: Mission, member: MissionMember, area: str, lookups: Lookups
) -> str:
    """The region of an area of the mission (one of its stations' regions or
    municipalities) that the member may report on (``stations.areas_for``)."""
    areas = lookups.areas_of(session, mission)
    if area not in areas:
        raise InvalidInput(
            "{area} is not a region or municipality of {code}.",
            area=area,
            code=mission.code,
            errors=[{"loc": ["area"], "msg": "not an area of this mission"}],
        )
    region = stations.areas_for(areas, member.area).get(area)
    if region is None:
        raise InvalidInput(
            "{area} is outside your area ({own}).",
            area=area,
            own=member.area,
            errors=[{"loc": ["area"], "msg": "outside your area"}],
        )
    return region


def _superseded(session: Session, member: MissionMember, uuid: str) -> Submission:
    earlier = session.get(Submission, uuid)
    if earlier is None or earlier.member_id != member.id:
        raise InvalidInput(
            "Submission {uuid} cannot be corrected: it is not one of yours.",
            uuid=uuid,
            errors=[{"loc": ["supersedes"], "msg": "not one of your submissions"}],
        )
    if earlier.superseded:
        raise Conflict(
            "Submission {uuid} was already corrected.", problem="already-corrected", uuid=uuid
        )
    return earlier


@cache
def _insert_statement(dialect: str) -> Executable:
    """``INSERT ... ON CONFLICT DO NOTHING RETURNING uuid`` in the dialect's words, built
    once per process: a request only binds values."""
    table = Submission.__table__  # type: ignore[attr-defined]
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing().returning(table.c.uuid)


def _insert(session: Session, submission: Submission) -> bool:
    """Insert the submission with SQLAlchemy Core (the hot path); False if its uuid was
    stored meanwhile, in which case nothing is written."""
    connection = session.connection()
    # RETURNING tells whether this insert stored the row (rowcount is not reliable here).
    statement = _insert_statement(connection.dialect.name)
    return connection.execute(statement, submission.model_dump()).first() is not None


def _counter_rows(submission: Submission, *, sign: int) -> list[dict[str, Any]]:
    return counters.rows_of(
        submission.answers,
        mission_id=submission.mission_id,
        phase=submission.phase.value,
        region=submission.region or WHOLE_MISSION,
        sign=sign,
    )


def _audit(
    session: Session, mission: Mission, member: MissionMember, submission: Submission, actor: Actor
) -> None:
    """Filings go to a chain per member: observers filing at once never queue on one head."""
    audit.record(
        session,
        actor=actor,
        action="create",
        entity_type="submission",
        entity_id=submission.uuid,
        after={
            "form_id": submission.form_id,
            "station_id": submission.station_id,
            "area": submission.area,
            "observed_at": submission.observed_at.isoformat(),
            "content_hash": submission.content_hash,
            "supersedes": submission.supersedes,
            "late": submission.late,
        },
        chain=f"field:{mission.id}:{member.id}",
    )
