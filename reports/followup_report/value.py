"""The follow-up of one country's recommendations as one frozen value: what ``gather``
reads from the recommendation domain and ``render`` prints.

Follow-up is a history: each recommendation carries its assessments, oldest first, and
its current status is the latest. Reiteration links join recommendations of successive
missions into chains.
"""

from dataclasses import dataclass
from datetime import date

from recommendations.models import FollowUpStatus
from recommendations.summary import StatusCounts, TrendPoint
from reports.values import Bilingual


@dataclass(frozen=True)
class Assessment:
    """One assessment: when, the status found, the evidence, and who assessed it (a later
    mission's code, or None for DECO staff)."""

    assessed_on: date
    status: str
    evidence: str | None = None
    assessed_by: str | None = None


@dataclass(frozen=True)
class FollowedRecommendation:
    """A recommendation with its current status (that of its latest assessment, as the
    domain keeps it) and its assessments, oldest first; ``reiterates`` is the key of the
    earlier recommendation it repeats, when that one is in the report."""

    key: int
    mission_code: str
    year: int
    number: int
    theme: str
    institution: str
    text: Bilingual
    current_status: str
    assessments: tuple[Assessment, ...] = ()
    reiterates: int | None = None
    published: bool = True

    @property
    def reference(self) -> str:
        return f"{self.mission_code} #{self.number}"


@dataclass(frozen=True)
class StatusRow:
    """The recommendations of one theme (``key``), or of all: how many are in each current
    status, how many are assessed and implemented, and the implementation rate."""

    key: str
    counts: tuple[tuple[str, int], ...]
    total: int
    assessed: int
    implemented: int
    implementation_rate: float | None

    def count(self, status: str) -> int:
        return dict(self.counts).get(status, 0)

    @classmethod
    def of(cls, found: StatusCounts) -> "StatusRow":
        """The row of the domain's counts (``recommendations.summary``)."""
        return cls(
            key=found.key,
            counts=tuple((s.value, found.counts.get(s, 0)) for s in FollowUpStatus),
            total=found.total,
            assessed=found.assessed,
            implemented=found.implemented,
            implementation_rate=found.implementation_rate,
        )


@dataclass(frozen=True)
class YearRate:
    """Where implementation stood at the end of one year: the recommendations made by
    then, how many were assessed, how many fully or mostly implemented, and the rate."""

    year: int
    total: int
    assessed: int
    implemented: int
    implementation_rate: float | None

    @classmethod
    def of(cls, point: TrendPoint) -> "YearRate":
        """The year of the domain's trend (``recommendations.summary``)."""
        return cls(
            point.year, point.total, point.assessed, point.implemented, point.implementation_rate
        )


@dataclass(frozen=True)
class FollowUpReport:
    """One country's follow-up; ``chains`` are the keys of each reiteration chain, oldest
    first."""

    country: str
    recommendations: tuple[FollowedRecommendation, ...]
    by_theme: tuple[StatusRow, ...]
    overall: StatusRow
    trend: tuple[YearRate, ...]
    chains: tuple[tuple[int, ...], ...]
    generated_on: date
