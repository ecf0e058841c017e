"""The mission report as one frozen value: what ``reports.gather`` reads from the domains
and ``reports.mission_pdf`` prints. Codes (statuses, roles, categories) stay codes here;
the renderer names them in the reader's language."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Bilingual:
    """A text written in English and in Spanish (a question, a recommendation)."""

    en: str
    es: str

    def in_language(self, language: str) -> str:
        return self.es if language == "es" else self.en


@dataclass(frozen=True)
class MissionSummary:
    code: str
    kind: str
    host_country: str
    election_type: str
    election_date: date
    runoff_date: date | None
    arrives_on: date
    leaves_on: date
    status: str
    chief: str | None


@dataclass(frozen=True)
class Count:
    """How many members (or answers) fall under one code."""

    key: str
    count: int


@dataclass(frozen=True)
class Composition:
    """Members not withdrawn, counted by role, gender and nationality."""

    members: int
    by_role: tuple[Count, ...]
    by_gender: tuple[Count, ...]
    by_nationality: tuple[Count, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """A step of the lifecycle (``status``) or an agreement signed (``agreement``)."""

    on: date
    status: str | None = None
    agreement: str | None = None
    counterpart: str | None = None


@dataclass(frozen=True)
class PhaseCoverage:
    phase: str
    assigned: int
    reported: int


@dataclass(frozen=True)
class AnswerShare:
    """How many gave one answer; ``label`` is None for yes and no, which the catalogue
    names."""

    value: str
    count: int
    label: Bilingual | None = None


@dataclass(frozen=True)
class KeyAnswer:
    """A key question of a checklist and how it was answered."""

    phase: str
    question: Bilingual
    answers: tuple[AnswerShare, ...]

    @property
    def total(self) -> int:
        return sum(answer.count for answer in self.answers)


@dataclass(frozen=True)
class IncidentTally:
    category: str
    severity: str
    verification: str
    count: int


@dataclass(frozen=True)
class Recommendation:
    """One of this mission's recommendations, with its current follow-up status; a draft
    (``published`` false) appears only in a working copy for staff."""

    number: int
    theme: str
    text: Bilingual
    institution: str
    status: str
    reiterates: str | None = None
    published: bool = True


@dataclass(frozen=True)
class PreviousRecommendation:
    """A recommendation of an earlier mission to the same country, as it stands now."""

    mission_code: str
    number: int
    theme: str
    text: Bilingual
    status: str
    assessed_on: date | None


@dataclass(frozen=True)
class MissionReport:
    mission: MissionSummary
    composition: Composition
    timeline: tuple[TimelineEntry, ...]
    submissions: int
    coverage: tuple[PhaseCoverage, ...]
    key_answers: tuple[KeyAnswer, ...]
    incidents: tuple[IncidentTally, ...]
    recommendations: tuple[Recommendation, ...]
    previous_recommendations: tuple[PreviousRecommendation, ...]
    generated_on: date
