"""Gathers what a mission report shows from the domains, through their services, into the
frozen ``MissionReport`` that the renderer prints."""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from eom.field import forms, statistics
from eom.field.models import QuestionType
from eom.planning.members import service as members
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from recommendations import follow_up
from recommendations import service as recommendations
from recommendations.service import Filters
from reports.mission_report.value import (
    Composition,
    Count,
    MissionReport,
    MissionSummary,
    PreviousRecommendation,
    Recommendation,
    TimelineEntry,
)
from reports.values import AnswerShare, Bilingual, IncidentTally, KeyAnswer, PhaseCoverage

# Answers that a share bar can show: counted by value.
CHARTED = (QuestionType.yes_no, QuestionType.single_choice, QuestionType.multiple_choice)


def mission_report(
    session: Session, mission: Mission, *, today: date, published_only: bool = True
) -> MissionReport:
    """Everything the mission report prints, read now; with drafts of recommendations
    only when ``published_only`` is false (a working copy for staff)."""
    stats = statistics.mission_statistics(session, mission)
    recommendations, previous = _recommendation_sections(
        session, mission, published_only=published_only
    )
    return MissionReport(
        mission=_summary(session, mission),
        composition=_composition(session, mission),
        timeline=_timeline(session, mission),
        submissions=stats.submissions,
        coverage=tuple(PhaseCoverage(c.phase, c.assigned, c.reported) for c in stats.coverage),
        key_answers=key_answers(session, mission, stats.questions),
        incidents=tuple(
            IncidentTally(i.category, i.severity, i.verification, i.count) for i in stats.incidents
        ),
        recommendations=recommendations,
        previous_recommendations=previous,
        generated_on=today,
    )


def _summary(session: Session, mission: Mission) -> MissionSummary:
    arrives_on, leaves_on = mission.period()
    return MissionSummary(
        code=mission.code,
        kind=mission.kind.value,
        host_country=mission.host_country,
        election_type=mission.election_type.value,
        election_date=mission.election_date,
        runoff_date=mission.runoff_date,
        arrives_on=arrives_on,
        leaves_on=leaves_on,
        status=mission.status.value,
        chief=members.chiefs_of(session, [mission.id or 0]).get(mission.id or 0),
    )


def _composition(session: Session, mission: Mission) -> Composition:
    found = members.composition(session, mission)
    return Composition(
        members=found.members,
        by_role=tuple(Count(c.key, c.count) for c in found.by_role),
        by_gender=tuple(Count(c.key, c.count) for c in found.by_gender),
        by_nationality=tuple(Count(c.key, c.count) for c in found.by_nationality),
    )


def _timeline(session: Session, mission: Mission) -> tuple[TimelineEntry, ...]:
    counterparts = {a.kind: a.counterpart for a in missions.agreements_of(session, mission)}
    return tuple(
        TimelineEntry(
            on=event.on,
            status=event.status.value if event.status else None,
            agreement=event.agreement.value if event.agreement else None,
            counterpart=counterparts.get(event.agreement) if event.agreement else None,
        )
        for event in missions.timeline(session, mission)
    )


def key_answers(
    session: Session, mission: Mission, questions: Sequence[statistics.QuestionStats]
) -> tuple[KeyAnswer, ...]:
    """How each key question of the mission's published checklists was answered, in
    checklist order; questions nobody answered are left out."""
    by_question = {(q.phase, q.question_id): q for q in questions}
    found = []
    for form in forms.list_forms(session, mission, published_only=True, questions=False):
        for question in forms.questions_of(form):
            stats = by_question.get((form.phase.value, question.id))
            if not question.key or stats is None or question.type not in CHARTED:
                continue
            labels = {c.value: Bilingual(c.label_en, c.label_es) for c in question.choices}
            answers = tuple(
                AnswerShare(v.value, v.count, labels.get(v.value), question.is_concern(v.value))
                for v in stats.values
            )
            found.append(
                KeyAnswer(form.phase.value, Bilingual(question.text_en, question.text_es), answers)
            )
    return tuple(found)


def _recommendation_sections(
    session: Session, mission: Mission, *, published_only: bool
) -> tuple[tuple[Recommendation, ...], tuple[PreviousRecommendation, ...]]:
    """The mission's own recommendations, and those of earlier missions to its country
    with their current status and the date of their latest assessment."""
    chosen = Filters(country=mission.host_country, published_only=published_only)
    rows, _ = recommendations.list_recommendations(
        session, chosen, limit=recommendations.EXPORT_LIMIT, offset=0
    )
    references = {rec.id: f"{made_by.code} #{rec.number}" for rec, made_by in rows}
    own = tuple(
        Recommendation(
            number=rec.number,
            theme=rec.theme.value,
            text=Bilingual(rec.text_en, rec.text_es),
            institution=rec.institution.value,
            status=rec.current_status.value,
            reiterates=references.get(rec.reiterates_id),
            published=rec.published,
        )
        for rec, made_by in rows
        if made_by.id == mission.id
    )
    earlier = [
        (rec, made_by) for rec, made_by in rows if made_by.election_date < mission.election_date
    ]
    assessed = follow_up.last_assessed(session, [rec.id or 0 for rec, _ in earlier])
    previous = tuple(
        PreviousRecommendation(
            mission_code=made_by.code,
            number=rec.number,
            theme=rec.theme.value,
            text=Bilingual(rec.text_en, rec.text_es),
            status=rec.current_status.value,
            assessed_on=assessed.get(rec.id),
        )
        for rec, made_by in earlier
    )
    return own, previous
