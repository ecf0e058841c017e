"""The mission report as one frozen value: what ``gather`` reads from the domains and
``render`` prints. Codes (statuses, roles, categories) stay codes here; the renderer names
them in the reader's language."""

from dataclasses import dataclass
from datetime import date

from reports.values import Bilingual, IncidentTally, KeyAnswer, PhaseCoverage


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
