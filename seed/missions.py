"""Loads the demo roster and missions through the services, in the order things happen.

Members deploy while their mission is deployed, so each mission's lifecycle is replayed
step by step: agreements are recorded before the step that needs them, members are added
and walked to their status at the moment their mission allows it. Election day is filed
while the mission is deployed (``seed/field.py``), so the steps after it (the reports,
follow-up, closing) are a later step of the loader: ``load_later_steps``.
"""

from collections.abc import Callable
from datetime import date, timedelta

from argon2 import PasswordHasher
from sqlmodel import Session

from eom.planning.conduct import service as conduct
from eom.planning.members import service as members
from eom.planning.members.models import (
    MemberCreate,
    MemberRole,
    MemberStatus,
    MemberUpdate,
    MissionMember,
)
from eom.planning.missions import service as missions
from eom.planning.missions import visits
from eom.planning.missions.models import (
    AgreementCreate,
    AgreementKind,
    ElectionType,
    Mission,
    MissionCreate,
    MissionKind,
    MissionStatus,
    PreliminaryVisitIn,
    VisitDecision,
    VisitMeeting,
)
from eom.planning.observers import service as observers
from eom.planning.observers.models import Observer, ObserverCreate
from seed.accounts import SEED_ACTOR
from seed.documents import publish_before
from seed.roster import DemoMember, DemoMission, DemoObserver, demo_missions, demo_observers

Progress = Callable[[str], None]

# The demo observer account's own place in the roster, in a mission still preparing (so
# that signing in as observer@eom.example shows a code of conduct to acknowledge) and in
# the mission deployed today.
DEMO_OBSERVER = DemoObserver(
    full_name="Olivier Observateur",
    nationality="FR",
    gender="male",
    languages=("fr", "es", "en"),
    expertise=("electoral_organization", "media"),
    email="observer@eom.example",
    phone="+33 1 99 00 12 34",
)
DEMO_OBSERVER_MISSION = "EOM-ECU-2027"
# The states a mission reaches after its election day has been filed.
AFTER_ELECTION_DAY = (
    MissionStatus.preliminary_report,
    MissionStatus.final_report,
    MissionStatus.follow_up,
    MissionStatus.closed,
)
# Why the demo's cancelled mission was called off, as DECO staff would record it.
CANCELLATION_REASON = (
    "The electoral authority postponed the elections without a new date; "
    "the host government withdrew its invitation."
)

M = MemberStatus
# The road to each status, from invited.
ROAD: dict[MemberStatus, tuple[MemberStatus, ...]] = {
    M.invited: (),
    M.confirmed: (M.confirmed,),
    M.accredited: (M.confirmed, M.accredited),
    M.deployed: (M.confirmed, M.accredited, M.deployed),
    M.completed: (M.confirmed, M.accredited, M.deployed, M.completed),
    M.withdrawn: (M.withdrawn,),
}


def load_observers(session: Session, _: PasswordHasher, progress: Progress) -> int:
    """The roster of fictional observers (and the demo observer); known emails are kept."""
    created = 0
    for person in [*demo_observers(), DEMO_OBSERVER]:
        if observers.find_by_email(session, person.email) is None:
            data = ObserverCreate.model_validate(
                {
                    **person.__dict__,
                    "languages": list(person.languages),
                    "expertise": list(person.expertise),
                }
            )
            observers.create_observer(session, data, actor=SEED_ACTOR)
            created += 1
            if created % 50 == 0:
                progress(f"observers ({created})")
    return created


def _acknowledge(session: Session, member: MissionMember, share: float) -> None:
    items = conduct.items_in_force(session, member.mission_id)
    chosen = items[: round(len(items) * share)]
    if chosen:
        conduct.acknowledge(session, member, [i.id or 0 for i in chosen], actor=SEED_ACTOR)


# How much of the code each member has acknowledged: whoever went further than
# "confirmed" signed all of it; the confirmed are halfway.
SHARE_SIGNED = {M.invited: 0.0, M.confirmed: 0.5, M.withdrawn: 0.0}


# Long-term observers are in the country weeks before the vote, short-term ones days: how
# long before the election day each arrives, and how long after the last vote they leave.
# The other roles keep the mission's days.
OWN_DAYS = {
    MemberRole.long_term_observer: (timedelta(days=18), timedelta(days=5)),
    MemberRole.short_term_observer: (timedelta(days=4), timedelta(days=2)),
}


def _own_days(mission: Mission, role: MemberRole) -> dict[str, date]:
    """The days of a member in this role (``OWN_DAYS``), within the mission's period."""
    if role not in OWN_DAYS:
        return {}
    before, after = OWN_DAYS[role]
    starts, ends = mission.period()
    last_vote = mission.runoff_date or mission.election_date
    return {
        "arrives_on": max(mission.election_date - before, starts),
        "leaves_on": min(last_vote + after, ends),
    }


def _add_member(
    session: Session,
    mission: Mission,
    demo: DemoMember,
    observer: Observer,
    *,
    signed: float,
    days_of_their_role: bool = True,
) -> None:
    role = MemberRole(demo.role)
    data = MemberCreate.model_validate(
        {
            "observer_id": observer.id,
            "role": role,
            "theme": demo.theme,
            "area": demo.area,
            **(_own_days(mission, role) if days_of_their_role else {}),
        }
    )
    member = members.add_member(session, mission, data, actor=SEED_ACTOR)
    _acknowledge(session, member, signed)
    for status in ROAD[MemberStatus(demo.status)]:
        changes = MemberUpdate(status=status)
        members.update_member(session, mission, member, changes, actor=SEED_ACTOR)


def _add_members(session: Session, mission: Mission, demo: DemoMission) -> None:
    for member in demo.members:
        observer = observers.find_by_email(session, member.observer_email)
        assert observer is not None, f"{member.observer_email} is in the demo roster"
        signed = SHARE_SIGNED.get(MemberStatus(member.status), 1.0)
        _add_member(session, mission, member, observer, signed=signed)
    demo_observer = observers.find_by_email(session, DEMO_OBSERVER.email)
    if demo.code == DEMO_OBSERVER_MISSION and demo_observer is not None:
        place = DemoMember(DEMO_OBSERVER.email, "long_term_observer", None, None, "accredited")
        _add_member(session, mission, place, demo_observer, signed=0.0)
    if demo.status == MissionStatus.deployed and demo_observer is not None:
        # ... and on the team of the mission under way, so that the field app (/field/)
        # shows them stations and checklists to file today: on the mission's days, not a
        # short-term observer's, which may be over on the day the demo is loaded.
        place = DemoMember(DEMO_OBSERVER.email, "short_term_observer", None, None, "deployed")
        _add_member(session, mission, place, demo_observer, signed=1.0, days_of_their_role=False)


def _record_agreements(session: Session, mission: Mission, demo: DemoMission) -> None:
    for kind, counterpart, signed_on in demo.agreements:
        data = AgreementCreate(
            kind=AgreementKind(kind), counterpart=counterpart, signed_on=signed_on
        )
        missions.record_agreement(session, mission, data, actor=SEED_ACTOR)


def _record_visit(session: Session, mission: Mission, demo: DemoMission, starts_on: date) -> None:
    """The preliminary visit that began on the day the mission entered that state: four
    days of meetings, decided a week later (not to go ahead, for a mission cancelled after
    it)."""
    states = [to for to, _ in demo.transitions]
    cancelled_after = (
        MissionStatus.cancelled in states and MissionStatus.agreements_signed not in states
    )
    ends_on = starts_on + timedelta(days=3)
    meetings = [
        VisitMeeting(held_on=starts_on, interlocutor="Ministry of Foreign Affairs",
                     summary="The invitation, the agreement on privileges and immunities."),
        VisitMeeting(held_on=starts_on + timedelta(days=1), interlocutor="Electoral body",
                     summary="The electoral calendar, accreditation and access to the count."),
        VisitMeeting(held_on=starts_on + timedelta(days=2), interlocutor="Political parties",
                     summary="What the contenders expect of the observation."),
        VisitMeeting(held_on=ends_on, interlocutor="Civil society and the press"),
    ]  # fmt: skip
    data = PreliminaryVisitIn(
        starts_on=starts_on,
        ends_on=ends_on,
        delegation="The Director of DECO and two specialists of the department",
        meetings=meetings,
        findings=(
            "The authorities confirmed the invitation and guarantees of access; the electoral "
            "body shared its calendar and accreditation rules."
        ),
        decision=VisitDecision.not_advisable if cancelled_after else VisitDecision.go_ahead,
        decision_note=(
            "The conditions for an observation on the election day are not met."
            if cancelled_after
            else ""
        ),
        decided_on=ends_on + timedelta(days=7),
    )
    visits.record_visit(session, mission, data, actor=SEED_ACTOR)


def _replay(session: Session, demo: DemoMission) -> None:
    requested_on = demo.transitions[0][1]
    mission = missions.create_mission(
        session,
        MissionCreate(
            code=demo.code,
            kind=MissionKind(demo.kind),
            host_country=demo.host_country,
            election_type=ElectionType(demo.election_type),
            requested_on=requested_on,
            election_date=demo.election_date,
            runoff_date=demo.runoff_date,
        ),
        actor=SEED_ACTOR,
    )
    members_added = False
    for to, on in demo.transitions[1:]:
        step = MissionStatus(to)
        if step in AFTER_ELECTION_DAY:
            break
        if step == MissionStatus.agreements_signed:
            _record_agreements(session, mission, demo)
        if step == MissionStatus.cancelled and not members_added:
            _add_members(session, mission, demo)
            members_added = True
        reason = CANCELLATION_REASON if step == MissionStatus.cancelled else None
        missions.transition(session, mission, step, on=on, actor=SEED_ACTOR, reason=reason)
        if step == MissionStatus.preliminary_visit:
            _record_visit(session, mission, demo, on)
        if step == MissionStatus.deployed:
            _add_members(session, mission, demo)
            members_added = True
    if not members_added:
        _add_members(session, mission, demo)


def load_missions(session: Session, _: PasswordHasher, progress: Progress) -> int:
    """The demo missions with their timelines up to election day, agreements and members;
    known codes are kept."""
    created = 0
    for demo in demo_missions():
        progress(f"mission {demo.code}")
        if missions.find_by_code(session, demo.code) is None:
            _replay(session, demo)
            created += 1
    return created


def load_later_steps(session: Session, _: PasswordHasher, progress: Progress) -> int:
    """The steps after election day of the demo missions that have not taken them yet (a
    mission stopped at another state than the demo's is left alone); how many were taken."""
    taken = 0
    for demo in demo_missions():
        mission = missions.find_by_code(session, demo.code)
        path = [MissionStatus(to) for to, _ in demo.transitions]
        if mission is None or mission.status not in path:
            continue
        for to, on in demo.transitions[path.index(mission.status) + 1 :]:
            progress(f"{demo.code}: {to}")
            publish_before(session, mission, MissionStatus(to), on)
            missions.transition(session, mission, MissionStatus(to), on=on, actor=SEED_ACTOR)
            taken += 1
    return taken
