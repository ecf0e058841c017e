"""Receiving checklists from the field: each uuid stored once, retries answered in kind.

First receipt of a uuid stores the submission (``created``); the same uuid with the same
content is a safe retry (``duplicate``, the stored record); the same uuid with other
content is a ``Conflict``. Nothing is stored for a submission that does not fit its form.
"""

import hashlib
import random
import re
from dataclasses import dataclass, field
from datetime import UTC
from functools import cache
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, func, select

from eom import access
from eom.accounts.models import User
from eom.audit import service as audit
from eom.audit.service import Actor, canonical_json
from eom.clock import utcnow
from eom.errors import Conflict, Forbidden, InvalidInput
from eom.field import forms
from eom.field.forms import PublishedForm
from eom.field.models import (
    AnswerCount,
    ItemResult,
    PollingStation,
    Submission,
    SubmissionIn,
)
from eom.members.models import MemberStatus, MissionMember
from eom.missions.models import Mission
from eom.observers.models import Observer

Place = tuple[Mission, MissionMember]


def deployed_places(
    session: Session, mission_ids: set[int], emails: set[str]
) -> dict[tuple[int, str], Place]:
    """Where the observers with these (account) emails are deployed among these missions,
    by (mission id, email), in one query."""
    if not mission_ids or not emails:
        return {}
    rows = session.exec(
        select(Mission, MissionMember, Observer.email)
        .join(MissionMember, col(MissionMember.mission_id) == col(Mission.id))
        .join(Observer, col(Observer.id) == col(MissionMember.observer_id))
        .where(
            col(Mission.id).in_(mission_ids),
            col(Observer.email).in_(emails),
            MissionMember.status == MemberStatus.deployed,
        )
    )
    return {(mission.id or 0, email): (mission, member) for mission, member, email in rows}


def deployed_member(session: Session, mission: Mission, user: User) -> MissionMember:
    """The caller's place in the mission, if they are deployed there; ``Forbidden`` if not."""
    mission_id = mission.id or 0
    place = deployed_places(session, {mission_id}, {user.email}).get((mission_id, user.email))
    if place is None:
        raise Forbidden("Only a deployed member of {code} may report for it.", code=mission.code)
    return place[1]


def filing_member(session: Session, mission_id: int, user: User) -> Place:
    """The mission and the caller's place in it, if they are deployed there: one query for
    the observer who files, the usual visibility rules (404, then 403) for anyone else."""
    place = deployed_places(session, {mission_id}, {user.email}).get((mission_id, user.email))
    if place is not None:
        return place
    mission = access.visible_mission(session, mission_id, user)
    return mission, deployed_member(session, mission, user)


def content_hash(data: SubmissionIn) -> str:
    """What makes two sends of one uuid the same submission."""
    content = [
        data.form_id,
        data.station_id,
        data.observed_at.astimezone(UTC).isoformat(),
        data.answers,
        data.supersedes,
    ]
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def _replay(existing: Submission, digest: str) -> tuple[Submission, ItemResult]:
    if existing.content_hash != digest:
        raise Conflict(
            "Submission {uuid} was already received with different content.", uuid=existing.uuid
        )
    return existing, ItemResult.duplicate


@dataclass
class Lookups:
    """What a transaction storing many submissions reads once instead of once each: the
    published forms (frozen) and the regions of the stations."""

    forms: dict[tuple[int, int], PublishedForm | None] = field(default_factory=dict)
    regions: dict[int, tuple[int, str]] = field(default_factory=dict)

    def read_regions(self, session: Session, station_ids: set[int]) -> None:
        """Read the regions of these stations in one query."""
        rows = session.exec(
            select(PollingStation.id, PollingStation.mission_id, PollingStation.region).where(
                col(PollingStation.id).in_(station_ids)
            )
        )
        self.regions.update(
            {station_id or 0: (mission_id, region) for station_id, mission_id, region in rows}
        )


def _form_for(session: Session, mission: Mission, form_id: int, lookups: Lookups) -> PublishedForm:
    key = (mission.id or 0, form_id)
    if key not in lookups.forms:
        lookups.forms[key] = forms.published_form(session, mission, form_id)
    form = lookups.forms[key]
    if form is None:
        raise InvalidInput(
            "Form {form_id} is not a published form of {code}.",
            form_id=form_id,
            code=mission.code,
            errors=[{"loc": ["form_id"], "msg": "not a published form of this mission"}],
        )
    return form


def _region_of(session: Session, mission: Mission, station_id: int, lookups: Lookups) -> str:
    """The region of the mission's station (what the counters group by)."""
    if station_id not in lookups.regions:
        lookups.read_regions(session, {station_id})
    found = lookups.regions.get(station_id)
    if found is None or found[0] != mission.id:
        raise InvalidInput(
            "Station {station_id} is not a polling station of {code}.",
            station_id=station_id,
            code=mission.code,
            errors=[{"loc": ["station_id"], "msg": "not a station of this mission"}],
        )
    return found[1]


def _superseded(session: Session, member: MissionMember, uuid: str) -> Submission:
    earlier = session.get(Submission, uuid)
    if earlier is None or earlier.member_id != member.id:
        raise InvalidInput(
            "Submission {uuid} cannot be corrected: it is not one of yours.",
            uuid=uuid,
            errors=[{"loc": ["supersedes"], "msg": "not one of your submissions"}],
        )
    if earlier.superseded:
        raise Conflict("Submission {uuid} was already corrected.", uuid=uuid)
    return earlier


SUM, COUNT = "#sum", "#n"  # the counter rows of a number question: its total and how many
_CHOICE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def _counted(value: Any) -> list[tuple[str, int]]:
    """What one answer adds to the counters: yes/no and choices are counted by value, a
    number adds to its question's total and count; free text and times are not counted."""
    if isinstance(value, bool):
        return [("yes" if value else "no", 1)]
    if isinstance(value, int):
        return [(SUM, value), (COUNT, 1)]
    if isinstance(value, list):
        return [(v, 1) for v in value if isinstance(v, str) and _CHOICE.match(v)]
    if isinstance(value, str) and _CHOICE.match(value):
        return [(value, 1)]
    return []


COUNTER_SHARDS = 8


def shard_of(uuid: str) -> int:
    """A copy of the counters chosen by a submission's uuid (for callers that write one
    submission's rows on their own, like the bench's bare endpoint)."""
    return int(uuid[:8], 16) % COUNTER_SHARDS


def answer_count_rows(
    submission_answers: dict[str, Any],
    *,
    mission_id: int,
    phase: str,
    region: str,
    sign: int,
    shard: int = 0,
) -> list[dict[str, Any]]:
    """The counter rows one submission adds (sign 1) or takes away (sign -1), in key order
    so that concurrent writers lock the same rows in the same order."""
    rows = [
        {
            "mission_id": mission_id,
            "phase": phase,
            "region": region,
            "question_id": question_id,
            "value": value,
            "shard": shard,
            "count": amount * sign,
        }
        for question_id, answer in submission_answers.items()
        for value, amount in _counted(answer)
    ]
    return sorted(rows, key=lambda r: (r["question_id"], r["value"]))


@cache
def _statements(dialect: str) -> tuple[Executable, Executable]:
    """The two INSERTs of the hot path in the dialect's words, built once per process:
    the submission (``ON CONFLICT DO NOTHING``, RETURNING whether it was stored) and the
    counters' upsert."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    table = Submission.__table__  # type: ignore[attr-defined]
    store = insert(table).on_conflict_do_nothing().returning(table.c.uuid)
    counters = AnswerCount.__table__  # type: ignore[attr-defined]
    add = insert(counters)
    upsert = add.on_conflict_do_update(
        index_elements=[c.name for c in counters.primary_key.columns],
        set_={"count": counters.c.count + add.excluded.count},
    )
    return store, upsert


def add_to_counters(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add the rows to the answer counters: one upsert, executed for all rows at once."""
    if not rows:
        return
    connection = session.connection()
    connection.execute(_statements(connection.dialect.name)[1], rows)


_KEY = ("mission_id", "phase", "region", "question_id", "value", "shard")
_COUNTED = _KEY[:-1]  # what a count is of; the copy (shard) is the transaction's


class Tally:
    """Counter changes gathered over a transaction and written at its end, in key order,
    to one copy of the counters chosen for the transaction: a transaction that stores many
    submissions adds up their answers first (one row per answer, not per submission),
    locks its rows in the same order as every other (so two never wait for each other in
    a circle), and concurrent transactions mostly write to different copies."""

    def __init__(self) -> None:
        self._counts: dict[tuple[Any, ...], int] = {}

    def add(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            key = tuple(row[name] for name in _COUNTED)
            self._counts[key] = self._counts.get(key, 0) + row["count"]

    def merge(self, other: "Tally") -> None:
        for key, count in other._counts.items():
            self._counts[key] = self._counts.get(key, 0) + count

    def write(self, session: Session) -> None:
        shard = random.randrange(COUNTER_SHARDS)  # readers add the copies up
        rows = [
            {**dict(zip(_KEY, (*key, shard), strict=True)), "count": count}
            for key, count in sorted(self._counts.items())
            if count
        ]
        add_to_counters(session, rows)
        self._counts.clear()


def _store(session: Session, submission: Submission, region: str, tally: Tally) -> bool:
    """Insert the submission with SQLAlchemy Core (the hot path) and tally its answers;
    False if the uuid was stored meanwhile, in which case nothing is written."""
    connection = session.connection()
    # RETURNING tells whether this insert stored the row (rowcount is not reliable here).
    store = _statements(connection.dialect.name)[0]
    if connection.execute(store, submission.model_dump()).first() is None:
        return False
    tally.add(
        answer_count_rows(
            submission.answers,
            mission_id=submission.mission_id,
            phase=submission.phase.value,
            region=region,
            sign=1,
        ),
    )
    return True


def receive(
    session: Session, mission: Mission, member: MissionMember, data: SubmissionIn, *, actor: Actor
) -> tuple[Submission, ItemResult]:
    """Store one submission once, or recognise a retry of it."""
    tally = Tally()
    received = receive_tallied(session, mission, member, data, actor=actor, tally=tally)
    tally.write(session)
    return received


def receive_tallied(
    session: Session,
    mission: Mission,
    member: MissionMember,
    data: SubmissionIn,
    *,
    actor: Actor,
    tally: Tally,
    lookups: Lookups | None = None,
) -> tuple[Submission, ItemResult]:
    """``receive``, for a caller that stores several submissions in one transaction: the
    answers are added to ``tally``, which the caller writes once at the end."""
    digest = content_hash(data)
    if data.supersedes:
        # A resent correction must be recognised before its target is found corrected.
        existing = session.get(Submission, data.uuid)
        if existing is not None:
            return _replay(existing, digest)
    lookups = lookups or Lookups()
    form = _form_for(session, mission, data.form_id, lookups)
    region = _region_of(session, mission, data.station_id, lookups)
    errors = forms.answer_errors(list(form.questions), data.answers)
    if errors:
        raise InvalidInput(
            "The answers do not fit version {version} of {key}.",
            version=form.version,
            key=form.key,
            errors=errors,
        )
    earlier = _superseded(session, member, data.supersedes) if data.supersedes else None
    submission = Submission(
        uuid=data.uuid,
        mission_id=mission.id or 0,
        member_id=member.id or 0,
        form_id=form.id,
        form_version=form.version,
        phase=form.phase,
        station_id=data.station_id,
        observed_at=data.observed_at.astimezone(UTC),
        received_at=utcnow(),
        answers=data.answers,
        supersedes=data.supersedes,
        content_hash=digest,
    )
    if not _store(session, submission, region, tally):
        stored = session.get(Submission, data.uuid)
        assert stored is not None, "the uuid that conflicted is stored"
        return _replay(stored, digest)
    if earlier is not None:
        earlier.superseded = True
        session.add(earlier)
        region_before = session.get(PollingStation, earlier.station_id)
        tally.add(
            answer_count_rows(
                earlier.answers,
                mission_id=earlier.mission_id,
                phase=earlier.phase.value,
                region=region_before.region if region_before else region,
                sign=-1,
            ),
        )
    audit.record(
        session,
        actor=actor,
        action="create",
        entity_type="submission",
        entity_id=submission.uuid,
        after={
            "form_id": submission.form_id,
            "station_id": submission.station_id,
            "observed_at": submission.observed_at.isoformat(),
            "content_hash": digest,
            "supersedes": submission.supersedes,
        },
        chain=f"field:{mission.id}:{member.id}",
    )
    return submission, ItemResult.created


def visible_submissions(
    session: Session, mission: Mission, *, member: MissionMember | None, limit: int, offset: int
) -> tuple[list[Submission], int]:
    """Submissions newest first: all of the mission for staff, a member's own otherwise."""
    conditions = [Submission.mission_id == mission.id]
    if member is not None:
        conditions.append(Submission.member_id == member.id)
    total = session.exec(select(func.count()).select_from(Submission).where(*conditions)).one()
    items = session.exec(
        select(Submission)
        .where(*conditions)
        .order_by(col(Submission.received_at).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(items), total
