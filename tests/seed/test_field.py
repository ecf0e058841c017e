"""The demo's election day, meetings and money, as a DECO reader would believe them: every
time in the order the world allows, each report on its filer's days, problems rare and not
alike everywhere, meetings held by the core team before the vote, budgets dated when they
were decided, spending uneven across lines."""

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session, col, select

from eom.core.clock import utcnow
from eom.core.db import Database
from eom.field.models import Form, Incident, Meeting, Submission
from eom.funding.models import BudgetLine, BudgetRevision, Movement, MovementKind
from eom.planning.members.models import MemberRole, MissionMember
from eom.planning.missions.models import Mission
from seed.loader import STEPS
from tests.support.databases import empty_all_tables


@pytest.fixture(scope="module")
def seeded(migrated_db: Database, hasher: PasswordHasher) -> Iterator[Database]:
    """The demo data set without the recommendations, loaded once for this module."""
    with migrated_db.session_scope() as session:
        for name, step in STEPS:
            if name != "recommendations":
                step(session, hasher, lambda _: None)
    yield migrated_db
    empty_all_tables(migrated_db)


def test_every_report_was_observed_before_it_was_received_and_neither_is_ahead(
    seeded: Database,
) -> None:
    now = utcnow()
    with seeded.session_scope() as session:
        times = session.exec(select(Submission.observed_at, Submission.received_at)).all()
    assert times
    assert all(observed <= received <= now for observed, received in times)


def test_every_report_falls_on_its_filers_days_and_long_term_observers_come_first(
    seeded: Database,
) -> None:
    with seeded.session_scope() as session:
        missions = {m.id: m for m in session.exec(select(Mission))}
        team = {m.id: m for m in session.exec(select(MissionMember))}
        filed = [
            *session.exec(select(Submission.member_id, Submission.observed_at)),
            *session.exec(select(Incident.member_id, Incident.occurred_at)),
        ]
    assert filed
    for member_id, at in filed:
        member = team[member_id]
        starts, ends = member.days(missions[member.mission_id])
        assert starts <= at.date() <= ends, (member.role, at)
    for member in team.values():
        mission = missions[member.mission_id]
        before = (mission.election_date - member.days(mission)[0]).days
        if member.role == MemberRole.long_term_observer:
            assert before == 18, mission.code
        elif member.role == MemberRole.short_term_observer and member.arrives_on:
            assert before == 4, mission.code


def test_each_deployed_mission_met_its_interlocutors_before_the_vote(seeded: Database) -> None:
    core_team = {MemberRole.chief, MemberRole.deputy_chief, MemberRole.core_group}
    with seeded.session_scope() as session:
        rows = session.exec(
            select(Meeting, Mission, MissionMember)
            .join(Mission, col(Mission.id) == col(Meeting.mission_id))
            .join(MissionMember, col(MissionMember.id) == col(Meeting.member_id))
        ).all()
    by_mission: dict[str, list[Meeting]] = defaultdict(list)
    for meeting, mission, member in rows:
        by_mission[mission.code].append(meeting)
        assert mission.period()[0] <= meeting.met_on < mission.election_date
        assert member.role in core_team or (
            member.role == MemberRole.specialist and member.theme == meeting.theme
        )
    assert len(by_mission) >= 8 and {len(held) for held in by_mission.values()} == {6}
    for held in by_mission.values():
        assert len({m.institution_type for m in held}) >= 3
    assert len({m.theme for held in by_mission.values() for m in held}) >= 6


def _concern_shares(session: Session) -> dict[tuple[str, str], float]:
    """The share of concern answers of each marked question, per mission."""
    concerns: dict[tuple[int, str], set[object]] = {}
    for form in session.exec(select(Form)):
        for q in form.questions:
            if q.get("concern_answer"):
                concerns[(form.id or 0, q["id"])] = {q["concern_answer"] == "yes"}
            marked = {c["value"] for c in q.get("choices", []) if c.get("concern")}
            if marked:
                concerns[(form.id or 0, q["id"])] = set(marked)
    seen: dict[tuple[str, str], list[bool]] = defaultdict(list)
    codes = {m.id: m.code for m in session.exec(select(Mission))}
    for submission in session.exec(select(Submission)):
        for question, answer in submission.answers.items():
            bad = concerns.get((submission.form_id, question))
            if bad is not None:
                seen[(codes[submission.mission_id], question)].append(answer in bad)
    return {key: sum(found) / len(found) for key, found in seen.items() if len(found) >= 20}


def test_answers_that_signal_a_problem_are_rare(seeded: Database) -> None:
    with seeded.session_scope() as session:
        shares = _concern_shares(session)
    assert shares
    assert max(shares.values()) < 0.3, max(shares.items(), key=lambda kv: kv[1])
    assert sum(shares.values()) / len(shares) < 0.12


def test_budget_revisions_are_dated_when_decided_not_when_seeded(seeded: Database) -> None:
    today = utcnow().date()
    with seeded.session_scope() as session:
        revisions = session.exec(select(BudgetRevision)).all()
        missions = {m.id: m for m in session.exec(select(Mission))}
    assert revisions
    for revision in revisions:
        mission = missions[revision.mission_id]
        assert revision.recorded_on <= today
        if mission.election_date < today:
            assert revision.recorded_on != today, mission.code


def test_spending_is_uneven_across_budget_lines(seeded: Database) -> None:
    with seeded.session_scope() as session:
        spent = session.exec(
            select(
                col(Movement.mission_id), col(Movement.budget_category), col(Movement.amount_usd)
            ).where(Movement.kind == MovementKind.expenditure)
        ).all()
        lines = {
            (mission_id, category): amount
            for mission_id, category, amount in session.exec(
                select(
                    col(BudgetRevision.mission_id),
                    col(BudgetLine.category),
                    col(BudgetLine.amount_usd),
                )
                .join(BudgetLine, col(BudgetLine.revision_id) == col(BudgetRevision.id))
                .where(BudgetRevision.number == 1)
            )
        }
    ratios: dict[int, set[Decimal]] = defaultdict(set)
    for mission_id, category, amount in spent:
        planned = lines.get((mission_id, category)) if category else None
        if planned:
            ratios[mission_id].add((amount / planned).quantize(Decimal("0.001")))
    assert ratios and all(len(found) >= 4 for found in ratios.values())
