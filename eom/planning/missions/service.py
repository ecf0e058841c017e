"""What happens to missions: planning, the lifecycle, agreements, and who may see them."""

from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import ColumnElement, extract
from sqlmodel import Session, SQLModel, col, func, select

from eom.accounts.models import User
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, check_version
from eom.planning.missions.models import (
    AGREEMENT_LABELS,
    FINISHED,
    Agreement,
    AgreementCreate,
    AgreementKind,
    Mission,
    MissionCreate,
    MissionStatus,
    MissionTransition,
    MissionUpdate,
    PreliminaryVisit,
    TimelineEvent,
)

S = MissionStatus

# The lifecycle of DESIGN §2: each state and the states it may move to.
NEXT_STATES: dict[MissionStatus, tuple[MissionStatus, ...]] = {
    S.requested: (S.accepted, S.cancelled),
    S.accepted: (S.preliminary_visit, S.cancelled),
    S.preliminary_visit: (S.agreements_signed, S.cancelled),
    S.agreements_signed: (S.deployed, S.cancelled),
    S.deployed: (S.preliminary_report,),
    S.preliminary_report: (S.final_report,),
    S.final_report: (S.follow_up,),
    S.follow_up: (S.closed,),
    S.closed: (),
    S.cancelled: (),
}


# The steps that stand on both agreements with the host: saying they are signed, and
# deploying (checked again, for a mission that said so before the rule).
NEEDS_AGREEMENTS = (S.agreements_signed, S.deployed)

# The steps that follow a document: the preliminary report stands on a public preliminary
# statement, the final report on a public final report. The documents domain records on
# the mission when each became public; the document's kind names it in the refusal.
NEEDS_DOCUMENT = {
    S.preliminary_report: ("preliminary_statement_public_at", "preliminary_statement"),
    S.final_report: ("final_report_public_at", "final_report"),
}


def check_open(mission: Mission) -> None:
    """Refuse any change to a mission, or to its people, once it is closed or cancelled."""
    if mission.status in FINISHED:
        raise Conflict(
            "{code} is {status} and can no longer change.",
            code=mission.code,
            status=mission.status.value,
        )


def chain_of(mission_id: int | None) -> str:
    """Each mission's records are audited in a chain of their own."""
    return f"mission:{mission_id}"


def get_mission(session: Session, mission_id: int, *, for_update: bool = False) -> Mission:
    mission = session.get(Mission, mission_id, with_for_update=for_update)
    if mission is None:
        raise NotFound("No mission with id {mission_id}.", mission_id=mission_id)
    return mission


def find_by_code(session: Session, code: str) -> Mission | None:
    return session.exec(select(Mission).where(Mission.code == code)).first()


def list_missions(
    session: Session,
    *,
    limit: int,
    offset: int,
    status: MissionStatus | None = None,
    country: str | None = None,
    year: int | None = None,
    public_only: bool = False,
    or_ids: set[int] | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[Mission], int]:
    """Missions by election date (newest first) matching the filters, and their count.

    ``public_only`` keeps the accepted ones, plus those whose ids are in ``or_ids``;
    ``updated_since`` those changed at or after that instant.
    """
    conditions: list[ColumnElement[bool]] = []
    if updated_since is not None:
        conditions.append(col(Mission.updated_at) >= updated_since)
    if status:
        conditions.append(col(Mission.status) == status)
    if country:
        conditions.append(col(Mission.host_country) == country.upper())
    if year:
        conditions.append(extract("year", col(Mission.election_date)) == year)
    if public_only:
        visible: ColumnElement[bool] = col(Mission.accepted_on).is_not(None)
        if or_ids:
            visible = visible | col(Mission.id).in_(or_ids)
        conditions.append(visible)
    query = select(Mission).where(*conditions)
    total = session.exec(select(func.count()).select_from(Mission).where(*conditions)).one()
    items = session.exec(
        query.order_by(col(Mission.election_date).desc(), col(Mission.id))
        .limit(limit)
        .offset(offset)
    )
    return list(items), total


def codes_of(session: Session, mission_ids: set[int]) -> dict[int, str]:
    """The code of each of these missions, by id."""
    if not mission_ids:
        return {}
    rows = session.exec(select(Mission.id, Mission.code).where(col(Mission.id).in_(mission_ids)))
    return {mission_id: code for mission_id, code in rows if mission_id is not None}


def _code_taken(session: Session, code: str, *, other_than: int | None = None) -> bool:
    query = select(Mission.id).where(Mission.code == code)
    if other_than is not None:
        query = query.where(Mission.id != other_than)
    return session.exec(query).first() is not None


def create_mission(session: Session, data: MissionCreate, *, actor: Actor) -> Mission:
    """A new mission, in the state ``requested``. Its planned budget, if given, is the
    funding domain's to record (``eom.funding.budgets.open_mission``)."""
    if _code_taken(session, data.code):
        raise Conflict(
            "A mission with the code {code} already exists.",
            problem="duplicate-code",
            code=data.code,
        )
    now = utcnow()
    mission = Mission.model_validate(
        data.model_dump(exclude={"planned_budget_usd"}),
        update={
            "requested_on": data.requested_on or now.date(),
            "created_at": now,
            "updated_at": now,
        },
    )
    return audit.created(session, mission, actor=actor, chain=lambda m: chain_of(m.id))


def _check_still_valid(mission: Mission, changes: dict[str, Any]) -> None:
    """The mission as changed must still be a valid plan (dates in order, say)."""
    try:
        MissionCreate.model_validate({**mission.model_dump(), **changes})
    except ValidationError as error:
        raise InvalidInput(
            "The mission as changed would not be valid.",
            errors=[{"loc": ["body", *e["loc"]], "msg": e["msg"]} for e in error.errors()],
        ) from error


def update_mission(
    session: Session,
    mission: Mission,
    changes: MissionUpdate,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> Mission:
    """Change the plan of a mission that is not closed or cancelled."""
    check_version(mission.version, expected_version)
    check_open(mission)
    data = changes.model_dump(exclude_unset=True)
    if data.get("code") and _code_taken(session, data["code"], other_than=mission.id):
        raise Conflict(
            "A mission with the code {code} already exists.",
            problem="duplicate-code",
            code=data["code"],
        )
    _check_still_valid(mission, data)
    with audit.changing(session, mission, actor=actor, chain=chain_of(mission.id)):
        mission.sqlmodel_update(data)
    return mission


def agreements_of(session: Session, mission: Mission) -> list[Agreement]:
    return list(
        session.exec(
            select(Agreement)
            .where(Agreement.mission_id == mission.id)
            .order_by(col(Agreement.signed_on))
        )
    )


def record_agreement(
    session: Session, mission: Mission, data: AgreementCreate, *, actor: Actor
) -> Agreement:
    """Record one of the two agreements; each kind is recorded once per mission."""
    if any(a.kind == data.kind for a in agreements_of(session, mission)):
        raise Conflict(
            "{code} already has its {kind} agreement.", code=mission.code, kind=data.kind.value
        )
    check_open(mission)
    agreement = Agreement.model_validate(
        data, update={"mission_id": mission.id, "recorded_at": utcnow()}
    )
    return audit.created(session, agreement, actor=actor, chain=chain_of(mission.id))


def transitions_of(session: Session, mission: Mission) -> list[MissionTransition]:
    return list(
        session.exec(
            select(MissionTransition)
            .where(MissionTransition.mission_id == mission.id)
            .order_by(col(MissionTransition.on), col(MissionTransition.id))
        )
    )


def _check_transition(
    session: Session, mission: Mission, to: MissionStatus, on: date, reason: str | None
) -> None:
    allowed = NEXT_STATES[mission.status]
    if to not in allowed:
        raise InvalidTransition(
            "{code} cannot go from {current} to {to}; allowed: {allowed}.",
            code=mission.code,
            current=mission.status.value,
            to=to.value,
            allowed=", ".join(s.value for s in allowed) or "none",
        )
    if to == S.cancelled and not (reason or "").strip():
        raise InvalidInput(
            "Say why {code} is cancelled.",
            errors=[{"loc": ["body", "reason"], "msg": "Say why the mission is cancelled."}],
            code=mission.code,
        )
    if on > utcnow().date():
        raise Conflict(
            "A transition records what happened: {on} is in the future.", on=on.isoformat()
        )
    history = transitions_of(session, mission)
    last = history[-1].on if history else mission.requested_on
    if on < last:
        raise Conflict(
            "{on} is before the last step of {code} ({last}).",
            on=on.isoformat(),
            code=mission.code,
            last=last.isoformat(),
        )
    if to in NEEDS_AGREEMENTS:
        signed = {a.kind for a in agreements_of(session, mission)}
        missing = [kind for kind in AgreementKind if kind not in signed]
        if missing:
            raise InvalidTransition(
                "{code} cannot move to {to} before both agreements are recorded; "
                "missing: {missing}.",
                problem="missing-agreements",
                code=mission.code,
                to=to.value,
                missing=", ".join(k.value for k in missing),
            )
    _check_document(mission, to)


def _check_document(mission: Mission, to: MissionStatus) -> None:
    if to not in NEEDS_DOCUMENT:
        return
    field, kind = NEEDS_DOCUMENT[to]
    public_at: datetime | None = getattr(mission, field)
    if public_at is None or public_at > utcnow():
        raise InvalidTransition(
            "{code} cannot move to {to} before its {kind} is published and past any embargo.",
            problem="missing-document",
            code=mission.code,
            to=to.value,
            kind=kind,
        )


def transition(
    session: Session,
    mission: Mission,
    to: MissionStatus,
    *,
    on: date,
    actor: Actor,
    reason: str | None = None,
) -> MissionTransition:
    """Move the mission one step along its lifecycle, dated ``on``, refusing illegal steps;
    a cancellation says why."""
    _check_transition(session, mission, to, on, reason)
    assert mission.id is not None, "a stored mission"
    step = MissionTransition(
        mission_id=mission.id,
        from_status=mission.status,
        to_status=to,
        on=on,
        reason=(reason or "").strip() or None,
        actor_id=actor.id,
        actor=actor.label,
        recorded_at=utcnow(),
    )
    # The step is part of the mission's entry: its state before and after says what moved.
    with audit.changing(
        session, mission, actor=actor, chain=chain_of(mission.id), action="transition"
    ):
        mission.status = to
        if to == S.accepted:
            mission.accepted_on = on
        session.add(step)
    return step


def _names_of(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = session.exec(select(User.id, User.full_name).where(col(User.id).in_(user_ids)))
    return {user_id: name for user_id, name in rows if user_id is not None}


def last_changed(session: Session, record: SQLModel) -> tuple[str, datetime] | None:
    """Who changed the mission (or a record of it) last, by name when a person did, and
    when."""
    entry = audit.last_change(session, record)
    if entry is None:
        return None
    names = _names_of(session, {entry.actor_id} if entry.actor_id is not None else set())
    return names.get(entry.actor_id or 0, entry.actor), entry.at


def timeline(session: Session, mission: Mission) -> list[TimelineEvent]:
    """Transitions, agreements and preliminary visits in date order: the mission's story
    so far."""
    requested = TimelineEvent(
        on=mission.requested_on, kind="transition", status=S.requested, detail=S.requested.value
    )
    steps = transitions_of(session, mission)
    names = _names_of(session, {t.actor_id for t in steps if t.actor_id is not None})
    events = (
        [requested]
        + [
            TimelineEvent(
                on=t.on,
                kind="transition",
                status=t.to_status,
                detail=t.to_status.value,
                reason=t.reason,
                actor=t.actor,
                actor_name=names.get(t.actor_id) if t.actor_id is not None else None,
            )
            for t in steps
        ]
        + [
            TimelineEvent(
                on=a.signed_on,
                kind="agreement",
                agreement=a.kind,
                detail=f"{AGREEMENT_LABELS[a.kind]}: {a.counterpart}",
            )
            for a in agreements_of(session, mission)
        ]
        + [
            TimelineEvent(
                on=v.ends_on,
                kind="visit",
                visit_id=v.id,
                decision=v.decision,
                detail=f"preliminary visit {v.starts_on.isoformat()} – {v.ends_on.isoformat()}",
            )
            for v in session.exec(
                select(PreliminaryVisit).where(PreliminaryVisit.mission_id == mission.id)
            )
        ]
    )
    return sorted(events, key=lambda e: (e.on, e.kind != "transition"))
