"""Election-day demo data: polling stations, the standard checklists, assignments, and the
reports of every mission that has deployed (the long-term observers' weekly reports and
the specialists' thematic instruments before the vote, the checklists and incidents of
election day, each on its filer's days), generated deterministically and stored through
the services."""

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlmodel import Session, select

from eom.core.clock import utcnow
from eom.field import filing, forms, incidents, stations
from eom.field.models import (
    Form,
    FormScope,
    IncidentCategory,
    IncidentCreate,
    IncidentVerify,
    Phase,
    PollingStation,
    Severity,
    SubmissionIn,
    Verification,
)
from eom.field.standard_forms import FIELD_INSTRUMENTS, STANDARD_CHECKLISTS
from eom.planning.members.models import MemberRole, MemberStatus, MissionMember
from eom.planning.missions.models import OBSERVED, Mission, MissionStatus
from eom.planning.missions.service import list_missions
from seed.accounts import SEED_ACTOR
from seed.missions import Progress
from seed.names import REGIONS
from seed.roster import demo_missions

FIELD_ROLES = {
    MemberRole.short_term_observer,
    MemberRole.long_term_observer,
    MemberRole.regional_coordinator,
}
AREA_REPORTERS = {MemberRole.long_term_observer, MemberRole.regional_coordinator}
# When each phase is observed on election day, in UTC (the demo countries are UTC−3 to −6).
PHASE_HOURS = {
    Phase.opening: (11, 12),
    Phase.voting: (14, 20),
    Phase.closing: (22, 23),
    Phase.counting: (23, 24),
}


def _answer(question: dict[str, Any], trouble: float, rng: random.Random) -> Any:
    """A plausible answer: good practice almost everywhere, problems rare, and more of them
    where the region is troubled (``trouble`` scales how often a concern answer comes)."""
    kind = question["type"]
    if kind == "yes_no":
        concern = question.get("concern_answer")
        if concern is None:
            return rng.random() < 0.5
        wrong = rng.random() < min(0.06 * trouble, 0.5)
        return (concern == "yes") == wrong
    if kind == "integer":
        low, high = question.get("minimum") or 0, question.get("maximum") or 100
        return rng.randint(low, low + max(1, (high - low) // 3))
    choices = question["choices"]
    weights = [
        (0.04 * trouble if c.get("concern") else 1.0) * (len(choices) - i)
        for i, c in enumerate(choices)
    ]
    values = [c["value"] for c in choices]
    if kind == "single_choice":
        return rng.choices(values, weights=weights)[0]
    if kind == "multiple_choice":
        picked = {rng.choices(values, weights=weights)[0] for _ in range(rng.randint(1, 3))}
        return sorted(picked)
    if kind == "time":
        return f"{rng.randint(6, 8):02d}:{rng.choice([0, 5, 10, 15, 30, 45]):02d}"
    if question.get("required") or rng.random() < 0.3:
        return "Sin novedades relevantes."
    return None


def _stations(
    session: Session, mission: Mission, regions: list[str], count: int
) -> list[PollingStation]:
    header = "region,municipality,centre,code,registered_voters\n"
    lines = []
    for n in range(count):
        region = regions[n % len(regions)]
        centre = n // 4 + 1
        lines.append(
            f"{region},{region} {['Centro', 'Norte', 'Sur'][centre % 3]},"
            f"Escuela {centre},{mission.code[4:7]}-{n + 1:04d},{300 + (n * 37) % 400}"
        )
    stations.import_stations(session, mission, header + "\n".join(lines) + "\n", actor=SEED_ACTOR)
    return list(session.exec(select(PollingStation).where(PollingStation.mission_id == mission.id)))


def _forms(session: Session, mission: Mission) -> dict[Phase, Form]:
    made = {}
    for checklist in STANDARD_CHECKLISTS:
        form = forms.create_form(session, mission, forms.standard_form(checklist), actor=SEED_ACTOR)
        made[Phase(checklist.phase)] = forms.publish_form(session, form, actor=SEED_ACTOR)
    return made


def _instruments(session: Session, mission: Mission) -> list[Form]:
    """The long-term report and the thematic instruments, published."""
    made = []
    for checklist in FIELD_INSTRUMENTS:
        form = forms.create_form(session, mission, forms.standard_form(checklist), actor=SEED_ACTOR)
        made.append(forms.publish_form(session, form, actor=SEED_ACTOR))
    return made


# The long-term observers' weekly reports: this many days before election day, the first
# soon after they arrive (``seed.missions.OWN_DAYS``).
REPORT_DAYS = (16, 9, 2)


def _before_the_vote(
    session: Session, mission: Mission, members: list[MissionMember], rng: random.Random
) -> None:
    """The weeks before election day: each long-term observer and coordinator reports on
    their area every week, and each specialist files their theme's instrument once."""
    instruments = _instruments(session, mission)
    now = utcnow()
    for member in members:
        if member.role in AREA_REPORTERS and member.area:
            (form,) = [f for f in instruments if f.scope == FormScope.area]
            for days in REPORT_DAYS:
                _file_before(session, mission, member, form, days, rng, now, area=member.area)
        elif member.role == MemberRole.specialist and member.theme:
            for form in instruments:
                if form.theme == member.theme:
                    _file_before(session, mission, member, form, 3, rng, now)


def _file_before(
    session: Session,
    mission: Mission,
    member: MissionMember,
    form: Form,
    days: int,
    rng: random.Random,
    now: datetime,
    *,
    area: str | None = None,
) -> None:
    """One report observed ``days`` before election day (if that is on the member's days
    in the field and past), received within the day."""
    observed = datetime.combine(mission.election_date - timedelta(days=days), time(15), UTC)
    observed += timedelta(minutes=rng.randint(0, 240))
    first_day, _ = member.days(mission)
    if observed.date() < first_day or observed > now - timedelta(minutes=5):
        return
    data = _submission(form, observed, 1.0, rng, area=area)
    received = min(observed + timedelta(hours=rng.randint(1, 6)), now)
    filing.file_one(session, mission, member, data, actor=SEED_ACTOR, received_at=received)


def _observed(day: date, phase: Phase, rng: random.Random, now: datetime) -> datetime | None:
    """When a report of the phase was observed on the election day: within the phase's
    hours, and never later than now (None when the phase has not begun yet)."""
    start, end = PHASE_HOURS[phase]
    opens = datetime.combine(day, time(0), tzinfo=UTC) + timedelta(hours=start)
    closes = min(opens + timedelta(hours=end - start), now - timedelta(minutes=5))
    if closes <= opens:
        return None
    return opens + timedelta(seconds=rng.randint(0, int((closes - opens).total_seconds())))


def _received(observed: datetime, rng: random.Random, now: datetime) -> datetime:
    """When the report reached the server: most within minutes, some hours later from an
    outbox that waited for a network; never later than now."""
    delay = rng.choice([2, 4, 7, 12, 25, 40, 90, 180])
    return min(observed + timedelta(minutes=delay, seconds=rng.randint(0, 59)), now)


def _submission(
    form: Form,
    observed: datetime,
    trouble: float,
    rng: random.Random,
    *,
    station_id: int | None = None,
    area: str | None = None,
) -> SubmissionIn:
    """A filing of the form with plausible answers (``_answer``) and a uuid of its own,
    about the station or area given (neither: the whole mission)."""
    answers = {q["id"]: _answer(q, trouble, rng) for q in form.questions}
    return SubmissionIn(
        uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        form_id=form.id or 0,
        station_id=station_id,
        area=area,
        observed_at=observed,
        answers={k: v for k, v in answers.items() if v is not None},
    )


def _report(
    session: Session,
    mission: Mission,
    member: MissionMember,
    form: Form,
    station: PollingStation,
    trouble: float,
    rng: random.Random,
    now: datetime,
) -> None:
    observed = _observed(mission.election_date, form.phase, rng, now)
    if observed is None:
        return
    data = _submission(form, observed, trouble, rng, station_id=station.id or 0)
    received = _received(observed, rng, now)
    filing.file_one(session, mission, member, data, actor=SEED_ACTOR, received_at=received)


DESCRIPTIONS = (
    "Party propaganda displayed at the entrance of the polling centre.",
    "The voter list did not include several voters holding valid identity cards.",
    "Electronic results transmission failed for two hours.",
    "A group of people offered food vouchers to voters in the queue.",
    "Observers were asked to leave the room during the count.",
)
SEVERITY_WEIGHTS = {Severity.low: 5, Severity.medium: 4, Severity.high: 2, Severity.critical: 1}


def _incident(
    session: Session,
    mission: Mission,
    member: MissionMember,
    station: PollingStation,
    rng: random.Random,
    live: bool,
) -> None:
    occurred = _observed(mission.election_date, Phase.voting, rng, utcnow())
    if occurred is None:
        return
    data = IncidentCreate(
        uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        category=rng.choice(list(IncidentCategory)),
        severity=rng.choices(list(SEVERITY_WEIGHTS), weights=list(SEVERITY_WEIGHTS.values()))[0],
        station_id=station.id,
        occurred_at=occurred,
        description=rng.choice(DESCRIPTIONS),
    )
    incident, _ = incidents.report(session, mission, member, data, actor=SEED_ACTOR)
    # On a mission still deployed, most incidents wait for verification.
    if not live or rng.random() < 0.4:
        verdict = rng.choice(
            [Verification.confirmed, Verification.confirmed, Verification.rejected]
        )
        note = IncidentVerify(verification=verdict, note="Checked with the regional coordinator.")
        incidents.verify(session, incident, note, actor=SEED_ACTOR)


def _stays_deployed(mission: Mission) -> bool:
    """Whether the mission's election day is still under way in the demo: it stays
    deployed, rather than going on to its reports once its day is filed."""
    demo = next((d for d in demo_missions() if d.code == mission.code), None)
    return (demo.status if demo else mission.status) == MissionStatus.deployed


def _election_day(session: Session, mission: Mission, rng: random.Random) -> None:
    team = [
        m
        for m in session.exec(select(MissionMember).where(MissionMember.mission_id == mission.id))
        if m.status in (MemberStatus.deployed, MemberStatus.completed)
    ]
    field = [m for m in team if m.role in FIELD_ROLES]
    if not field:
        return
    regions = sorted({m.area for m in field if m.area}) or REGIONS.get(
        mission.host_country, ["Capital"]
    )
    places = _stations(session, mission, list(regions), count=len(field) * 3)
    checklists = _forms(session, mission)
    _before_the_vote(session, mission, team, rng)
    live = _stays_deployed(mission)
    now = utcnow()
    # Some regions see more trouble than others: how often a concern answer comes there.
    trouble = {region: rng.choice([0.4, 0.7, 1.0, 1.0, 1.5, 2.5]) for region in regions}
    for n, member in enumerate(field):
        mine = places[n * 3 : n * 3 + 3]
        stations.assign_stations(
            session, mission, member, [s.id or 0 for s in mine], actor=SEED_ACTOR
        )
        for phase in (Phase.opening, Phase.voting, Phase.closing, Phase.counting):
            for station in mine if phase == Phase.voting else mine[:1]:
                # On a mission still deployed, the day is under way: some reports are missing.
                if live and (phase in (Phase.closing, Phase.counting) or rng.random() < 0.25):
                    continue
                region = trouble.get(station.region, 1.0)
                _report(session, mission, member, checklists[phase], station, region, rng, now)
        if rng.random() < 0.15:
            _incident(session, mission, member, mine[0], rng, live)


def load_field_reports(session: Session, _: PasswordHasher, progress: Progress) -> int:
    """Stations, checklists and reports for every mission that has deployed (once)."""
    rng = random.Random(2026)
    done = 0
    missions, _total = list_missions(session, limit=500, offset=0)
    for mission in sorted(missions, key=lambda m: m.code):
        has_forms = session.exec(select(Form.id).where(Form.mission_id == mission.id)).first()
        if mission.status not in OBSERVED or has_forms is not None:
            continue
        progress(f"election day of {mission.code}")
        _election_day(session, mission, rng)
        done += 1
    return done
