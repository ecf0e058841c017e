"""Reading the checklists a mission has received (``filing`` stores them): the API's pages
of submissions, and the filings staff drill down into (by phase, region, station or
member), each with its station, its member's name and its answers in words."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import defer
from sqlmodel import Session, col, func, select

from eom.core.i18n import N_, translate
from eom.core.reference import Theme
from eom.field import forms
from eom.field.models import Form, Phase, PollingStation, Question, QuestionType, Submission
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission
from eom.planning.observers.models import Observer

# The most filings one download holds.
EXPORT_LIMIT = 100_000
YES, NO = N_("Yes"), N_("No")


def visible_submissions(
    session: Session,
    mission: Mission,
    *,
    member: MissionMember | None,
    limit: int,
    offset: int,
    updated_since: datetime | None = None,
) -> tuple[list[Submission], int]:
    """Submissions newest first: all of the mission for staff, a member's own otherwise;
    with ``updated_since``, those received or corrected at or after it."""
    conditions = [col(Submission.mission_id) == mission.id]
    if member is not None:
        conditions.append(col(Submission.member_id) == member.id)
    if updated_since is not None:
        conditions.append(col(Submission.updated_at) >= updated_since)
    total = session.exec(select(func.count()).select_from(Submission).where(*conditions)).one()
    items = session.exec(
        select(Submission)
        .where(*conditions)
        .order_by(col(Submission.received_at).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(items), total


@dataclass(frozen=True)
class FilingFilters:
    """Which filings: of one phase, region, station, member or theme (None: any)."""

    phase: Phase | None = None
    region: str | None = None
    station_id: int | None = None
    member_id: int | None = None
    theme: Theme | None = None

    def conditions(self, mission: Mission) -> list[ColumnElement[bool]]:
        found = [col(Submission.mission_id) == mission.id]
        if self.phase is not None:
            found.append(col(Submission.phase) == self.phase)
        if self.region:
            found.append(col(Submission.region) == self.region)
        if self.station_id is not None:
            found.append(col(Submission.station_id) == self.station_id)
        if self.member_id is not None:
            found.append(col(Submission.member_id) == self.member_id)
        if self.theme is not None:
            found.append(col(Submission.form_id).in_(forms.ids_of_theme(mission, self.theme)))
        return found


@dataclass(frozen=True)
class Filing:
    """One submission as staff read it: where (its station; none for an area or the whole
    mission), by whom, on which form version."""

    submission: Submission
    station: PollingStation | None
    member_name: str
    form: Form

    @property
    def corrects(self) -> str | None:
        """The uuid of the filing this one corrects, if it is a correction."""
        return self.submission.supersedes

    @property
    def corrected(self) -> bool:
        """Whether a later filing corrects this one (its answers left the statistics)."""
        return self.submission.superseded


def filings(
    session: Session, mission: Mission, chosen: FilingFilters, *, limit: int, offset: int = 0
) -> list[Filing]:
    """The chosen filings of the mission, newest received first, with their station, their
    member's name and their form version."""
    rows = session.exec(
        select(Submission, PollingStation, Observer.full_name, Form)
        .outerjoin(PollingStation, col(PollingStation.id) == col(Submission.station_id))
        .join(MissionMember, col(MissionMember.id) == col(Submission.member_id))
        .join(Observer, col(Observer.id) == col(MissionMember.observer_id))
        .join(Form, col(Form.id) == col(Submission.form_id))
        # A form's questions are read when its answers are shown (once per version).
        .options(defer(forms.QUESTIONS))
        .where(*chosen.conditions(mission))
        .order_by(col(Submission.received_at).desc(), col(Submission.uuid))
        .limit(limit)
        .offset(offset)
    ).all()
    return [Filing(s, station, name, form) for s, station, name, form in rows]


def count_filings(session: Session, mission: Mission, chosen: FilingFilters) -> int:
    query = select(func.count()).select_from(Submission)
    return session.exec(query.where(*chosen.conditions(mission))).one()


def counts_by_station(session: Session, mission: Mission, chosen: FilingFilters) -> dict[int, int]:
    """How many current filings each station has (of the chosen ones), by station id."""
    query = (
        select(Submission.station_id, func.count())
        .where(
            *chosen.conditions(mission),
            col(Submission.superseded).is_(False),
            col(Submission.station_id).is_not(None),
        )
        .group_by(col(Submission.station_id))
    )
    return {station_id: n for station_id, n in session.exec(query).all() if station_id}


def answer_value(question: Question, value: Any, language: str) -> str | int:
    """An answer as a reader reads it, in their language: yes or no, the choices' labels,
    a number as a number, a time or a text as given."""
    if question.type == QuestionType.yes_no and isinstance(value, bool):
        return translate(language, YES if value else NO)
    if question.type == QuestionType.integer and isinstance(value, int):
        return value
    labels = {c.value: c.label_in(language) for c in question.choices}
    if isinstance(value, list):
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


def readable_answers(
    questions: Sequence[Question], answers: dict[str, Any], language: str
) -> list[tuple[str, str | int]]:
    """The answered questions of a filing in the form's order, each as (question text in
    the reader's language, answer in words)."""
    return [
        (q.text_in(language), answer_value(q, answers[q.id], language))
        for q in questions
        if answers.get(q.id) is not None
    ]


def answers_of(filing: Filing, language: str) -> list[tuple[str, str | int]]:
    """A filing's answers in words, with its form version's question texts."""
    return readable_answers(forms.questions_of(filing.form), filing.submission.answers, language)
