"""What happens to mission members: assignment, roles, the status flow and its rules."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from sqlmodel import Session, col, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotFound,
    check_version,
)
from eom.core.reference import Country, Theme
from eom.planning.conduct import service as conduct
from eom.planning.members.models import (
    SINGLE_ROLES,
    Composition,
    Count,
    MemberCreate,
    MemberPublic,
    MemberRole,
    MemberStatus,
    MemberUpdate,
    MissionMember,
    days_in_field,
)
from eom.planning.missions.models import Mission, MissionStatus
from eom.planning.missions.service import chain_of, check_open
from eom.planning.observers.models import Observer
from eom.planning.observers.service import get_observer

M = MemberStatus

NEXT_STATUSES: dict[MemberStatus, tuple[MemberStatus, ...]] = {
    M.invited: (M.confirmed, M.withdrawn),
    M.confirmed: (M.accredited, M.withdrawn),
    M.accredited: (M.deployed, M.withdrawn),
    M.deployed: (M.completed, M.withdrawn),
    M.completed: (),
    M.withdrawn: (),
}

# A member deploys once the host has signed the agreements that protect them.
DEPLOYABLE_MISSION_STATES = (MissionStatus.agreements_signed, MissionStatus.deployed)
# Memberships that put a person in the field on the mission's dates.
IN_THE_FIELD = (M.deployed, M.completed)


def get_member(session: Session, mission: Mission, member_id: int) -> MissionMember:
    member = session.get(MissionMember, member_id)
    if member is None or member.mission_id != mission.id:
        raise NotFound("No member {member_id} in this mission.", member_id=member_id)
    return member


def members_of(
    session: Session, mission: Mission, *, observer_id: int | None = None
) -> list[tuple[MissionMember, Observer]]:
    """The members of a mission with their observers, chief first, then by name."""
    query = (
        select(MissionMember, Observer)
        .join(Observer, col(Observer.id) == col(MissionMember.observer_id))
        .where(MissionMember.mission_id == mission.id)
    )
    if observer_id is not None:
        query = query.where(MissionMember.observer_id == observer_id)
    rows = list(session.exec(query.order_by(col(Observer.full_name))))
    order = list(MemberRole)
    return sorted(rows, key=lambda row: order.index(row[0].role))


def names_of(session: Session, member_ids: set[int]) -> dict[int, str]:
    """The full name of each of these members, by member id."""
    if not member_ids:
        return {}
    rows = session.exec(
        select(MissionMember.id, Observer.full_name)
        .join(Observer, col(Observer.id) == col(MissionMember.observer_id))
        .where(col(MissionMember.id).in_(member_ids))
    )
    return {member_id: name for member_id, name in rows if member_id is not None}


def public_view(
    member: MissionMember, observer: Observer, *, conduct_complete: bool
) -> MemberPublic:
    return MemberPublic(
        **member.model_dump(),
        full_name=observer.full_name,
        nationality=observer.nationality,
        conduct_complete=conduct_complete,
    )


def views_of(session: Session, rows: list[tuple[MissionMember, Observer]]) -> list[MemberPublic]:
    incomplete = conduct.incomplete_member_ids(session, [member for member, _ in rows])
    return [
        public_view(member, observer, conduct_complete=member.id not in incomplete)
        for member, observer in rows
    ]


def chiefs_of(session: Session, mission_ids: list[int]) -> dict[int, str]:
    """The name of each mission's chief (members not withdrawn), by mission id."""
    rows = session.exec(
        select(MissionMember.mission_id, Observer.full_name)
        .join(Observer, col(Observer.id) == col(MissionMember.observer_id))
        .where(col(MissionMember.mission_id).in_(mission_ids))
        .where(MissionMember.role == MemberRole.chief)
        .where(MissionMember.status != M.withdrawn)
    )
    return dict(rows.all())


def _check_single_role(
    session: Session, mission: Mission, role: MemberRole, member_id: int | None
) -> None:
    if role not in SINGLE_ROLES:
        return
    holder = session.exec(
        select(MissionMember, Observer)
        .join(Observer, col(Observer.id) == col(MissionMember.observer_id))
        .where(MissionMember.mission_id == mission.id, MissionMember.role == role)
        .where(MissionMember.status != M.withdrawn, MissionMember.id != member_id)
    ).first()
    if holder is not None:
        raise Conflict(
            "{code} already has a {role}: {name}.",
            code=mission.code,
            role=role.value,
            name=holder[1].full_name,
        )


def _check_theme(role: MemberRole, theme: object) -> None:
    if role == MemberRole.specialist and theme is None:
        raise InvalidInput(
            "A specialist needs a theme.",
            errors=[{"loc": ["body", "theme"], "msg": "required for a specialist"}],
        )
    if role != MemberRole.specialist and theme is not None:
        raise InvalidInput(
            "Only a specialist has a theme.",
            errors=[{"loc": ["body", "theme"], "msg": "only for a specialist"}],
        )


def add_member(
    session: Session, mission: Mission, data: MemberCreate, *, actor: Actor
) -> MissionMember:
    """Invite an observer to the mission in a role, refusing what the rules forbid."""
    check_open(mission)
    observer = get_observer(session, data.observer_id)
    if observer.nationality == mission.host_country:
        raise Conflict(
            "{name} is a national of {country} and cannot observe its elections.",
            problem="national-observer",
            name=observer.full_name,
            country=Country(mission.host_country),
        )
    if members_of(session, mission, observer_id=observer.id):
        raise Conflict(
            "{name} is already a member of {code}.",
            problem="already-member",
            name=observer.full_name,
            code=mission.code,
        )
    _check_theme(data.role, data.theme)
    _check_single_role(session, mission, data.role, None)
    _check_days(mission, data.arrives_on, data.leaves_on)
    now = utcnow()
    member = MissionMember.model_validate(
        data, update={"mission_id": mission.id, "created_at": now, "updated_at": now}
    )
    return audit.created(session, member, actor=actor, chain=chain_of(mission.id))


def _check_days(mission: Mission, arrives_on: date | None, leaves_on: date | None) -> None:
    """Refuse a member's own days that end before they begin or fall outside the
    mission's period, naming the field."""
    starts, ends = mission.period()
    for field, on in (("arrives_on", arrives_on), ("leaves_on", leaves_on)):
        if on is not None and not starts <= on <= ends:
            raise InvalidInput(
                "{code} is in the country from {starts} to {ends}: a member's days fall "
                "within them.",
                code=mission.code,
                starts=starts.isoformat(),
                ends=ends.isoformat(),
                errors=[{"loc": ["body", field], "msg": "outside the mission's period"}],
            )
    if arrives_on and leaves_on and leaves_on < arrives_on:
        raise InvalidInput(
            "A member cannot leave before they arrive.",
            errors=[{"loc": ["body", "leaves_on"], "msg": "before arrives_on"}],
        )


def _overlapping_deployment(
    session: Session, mission: Mission, member: MissionMember, days: tuple[date, date]
) -> tuple[Mission, tuple[date, date]] | None:
    """Another mission the observer is in the field with on some of ``days``, with their
    days there: each membership counts by its member's own days, so two missions whose
    periods touch may share a person whose days do not."""
    starts, ends = days
    others = session.exec(
        select(Mission, MissionMember)
        .join(MissionMember, col(MissionMember.mission_id) == col(Mission.id))
        .where(MissionMember.observer_id == member.observer_id, Mission.id != mission.id)
        .where(col(MissionMember.status).in_(IN_THE_FIELD))
    )
    for other, membership in others:
        other_starts, other_ends = membership.days(other)
        if other_starts <= ends and starts <= other_ends:
            return other, (other_starts, other_ends)
    return None


def _check_no_overlap(
    session: Session, mission: Mission, member: MissionMember, days: tuple[date, date]
) -> None:
    overlap = _overlapping_deployment(session, mission, member, days)
    if overlap is not None:
        other, (starts, ends) = overlap
        raise Conflict(
            "{name} is deployed with {other} at the same time ({starts} to {ends}).",
            problem="deployment-overlap",
            name=get_observer(session, member.observer_id).full_name,
            other=other.code,
            starts=starts.isoformat(),
            ends=ends.isoformat(),
        )


def _check_deployment(
    session: Session, mission: Mission, member: MissionMember, days: tuple[date, date]
) -> None:
    observer = get_observer(session, member.observer_id)
    if mission.status not in DEPLOYABLE_MISSION_STATES:
        raise Conflict(
            "{code} is {status}: members deploy once the agreements are signed.",
            code=mission.code,
            status=mission.status.value,
        )
    missing = conduct.unacknowledged_items(session, member)
    if missing:
        raise Conflict(
            "{name} has not acknowledged: {items}.",
            problem="conduct-not-acknowledged",
            name=observer.full_name,
            items=", ".join(item.key for item in missing),
        )
    _check_no_overlap(session, mission, member, days)


def _check_status(
    session: Session,
    mission: Mission,
    member: MissionMember,
    to: MemberStatus,
    days: tuple[date, date],
) -> None:
    allowed = NEXT_STATUSES[member.status]
    if to not in allowed:
        raise InvalidTransition(
            "A member who is {current} cannot become {to}; allowed: {allowed}.",
            current=member.status.value,
            to=to.value,
            allowed=", ".join(s.value for s in allowed) or "none",
        )
    if to == M.deployed:
        _check_deployment(session, mission, member, days)


def update_member(
    session: Session,
    mission: Mission,
    member: MissionMember,
    changes: MemberUpdate,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> MissionMember:
    """Change role, theme, area, days or status; each change checked against the rules
    (a member in the field whose days move must not meet another deployment of theirs)."""
    check_version(member.version, expected_version)
    check_open(mission)
    data = changes.model_dump(exclude_unset=True)
    role = data.get("role") or member.role
    theme = data["theme"] if "theme" in data else member.theme
    if "role" in data or "theme" in data:
        _check_theme(role, theme)
        _check_single_role(session, mission, role, member.id)
    arrives_on = data["arrives_on"] if "arrives_on" in data else member.arrives_on
    leaves_on = data["leaves_on"] if "leaves_on" in data else member.leaves_on
    new_days = "arrives_on" in data or "leaves_on" in data
    if new_days:
        _check_days(mission, arrives_on, leaves_on)
    days = days_in_field(mission, arrives_on, leaves_on)
    if data.get("status") and data["status"] != member.status:
        _check_status(session, mission, member, data["status"], days)
    elif new_days and member.status in IN_THE_FIELD:
        _check_no_overlap(session, mission, member, days)
    with audit.changing(session, member, actor=actor, chain=chain_of(mission.id)):
        member.sqlmodel_update(data)
    return member


def _counts(values: list[str]) -> list[Count]:
    return [Count(key=key, count=n) for key, n in Counter(values).most_common()]


def composition(session: Session, mission: Mission) -> Composition:
    """Counts by role, gender, nationality and language, and who has not signed the code."""
    rows = members_of(session, mission)
    return composition_of(rows, views_of(session, rows))


def composition_of(
    rows: list[tuple[MissionMember, Observer]], views: list[MemberPublic]
) -> Composition:
    """The composition of one mission from its members (``members_of``) and their views
    (``views_of`` of the same rows), for a page that shows both and reads them once."""
    kept = [
        (row, view) for row, view in zip(rows, views, strict=True) if row[0].status != M.withdrawn
    ]
    team = [row for row, _ in kept]
    return Composition(
        members=len(team),
        by_role=[
            Count(key=role.value, count=n)
            for role in MemberRole
            if (n := sum(1 for m, _ in team if m.role == role))
        ],
        by_gender=_counts(
            [o.gender.value if hasattr(o.gender, "value") else str(o.gender) for _, o in team]
        ),
        by_nationality=_counts([o.nationality for _, o in team]),
        by_language=_counts([lang for _, o in team for lang in o.languages]),
        unsigned=[view for _, view in kept if not view.conduct_complete],
    )


@dataclass(frozen=True)
class MemberKey:
    """A member as the code of conduct needs it: who, and of which mission."""

    id: int | None
    mission_id: int


def unsigned_counts(session: Session, missions: list[Mission]) -> dict[int, int]:
    """How many members of each mission (withdrawn ones left out) have not acknowledged
    every item of the code in force, by mission id; a mission where all have is left out."""
    # Only the ids are read: the whole members would cost more than the counting.
    team = session.exec(
        select(MissionMember.id, MissionMember.mission_id)
        .where(col(MissionMember.mission_id).in_([m.id for m in missions]))
        .where(MissionMember.status != M.withdrawn)
    ).all()
    return conduct.incomplete_counts(session, [MemberKey(*row) for row in team])


def memberships_of(session: Session, observer: Observer) -> list[tuple[MissionMember, Mission]]:
    """Every membership of one observer, with its mission, newest election first."""
    return list(
        session.exec(
            select(MissionMember, Mission)
            .join(Mission, col(Mission.id) == col(MissionMember.mission_id))
            .where(MissionMember.observer_id == observer.id)
            .order_by(col(Mission.election_date).desc())
        )
    )


def member_view(session: Session, mission: Mission, member: MissionMember) -> MemberPublic:
    """One member as the API shows it: with name, nationality and code-of-conduct status."""
    (view,) = views_of(session, members_of(session, mission, observer_id=member.observer_id))
    return view


@dataclass(frozen=True)
class Outcome:
    """What became of one person in a change made for many at once: done, or the rule
    that stopped it (the others go ahead)."""

    name: str
    refused: DomainError | None = None


def add_members(
    session: Session,
    mission: Mission,
    observer_ids: list[int],
    *,
    role: MemberRole,
    theme: Theme | None,
    area: str | None,
    actor: Actor,
) -> list[Outcome]:
    """Invite several observers in one role, each under the rules of ``add_member``."""
    outcomes = []
    for observer_id in observer_ids:
        name = get_observer(session, observer_id).full_name
        data = MemberCreate(observer_id=observer_id, role=role, theme=theme, area=area)
        outcomes.append(
            _each(session, name, partial(add_member, session, mission, data, actor=actor))
        )
    return outcomes


def change_statuses(
    session: Session, mission: Mission, member_ids: list[int], to: MemberStatus, *, actor: Actor
) -> list[Outcome]:
    """Move several members to one status (confirm, accredit, deploy, withdraw), each under
    the rules of ``update_member``."""
    outcomes = []
    for member_id in member_ids:
        member = get_member(session, mission, member_id)
        name = get_observer(session, member.observer_id).full_name
        changes = MemberUpdate(status=to)
        outcomes.append(
            _each(
                session,
                name,
                partial(update_member, session, mission, member, changes, actor=actor),
            )
        )
    return outcomes


def _each(session: Session, name: str, change: Callable[[], object]) -> Outcome:
    """One person's change in a savepoint of its own: a refusal undoes that one only."""
    try:
        with session.begin_nested():
            change()
    except DomainError as refusal:
        return Outcome(name, refusal)
    return Outcome(name)


def busy_observer_ids(session: Session, mission: Mission) -> set[int]:
    """Observers already taken on this mission's dates: members (not withdrawn) of another
    mission whose days there overlap this mission's period, or members of this one."""
    starts, ends = mission.period()
    rows = session.exec(
        select(
            MissionMember.observer_id,
            col(MissionMember.arrives_on),
            col(MissionMember.leaves_on),
            Mission,
        )
        .join(Mission, col(Mission.id) == col(MissionMember.mission_id))
        .where(MissionMember.status != M.withdrawn)
        .where(col(Mission.status).not_in((MissionStatus.cancelled,)))
    )
    busy = set()
    for observer_id, arrives_on, leaves_on, other in rows:
        other_starts, other_ends = days_in_field(other, arrives_on, leaves_on)
        if other.id == mission.id or (other_starts <= ends and starts <= other_ends):
            busy.add(observer_id)
    return busy
