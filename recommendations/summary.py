"""Follow-up figures: counts per status and the implementation rate, grouped; the trend by
year; and the recommendations repeated mission after mission.

*Assessed* means a recommendation whose current status is anything but ``not_assessed``
(``no_longer_relevant`` counts as assessed). The implementation rate is (fully + mostly
implemented) / assessed, and is empty when nothing is assessed.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import extract
from sqlmodel import Session, SQLModel, col, func, select

from eom.core.clock import utcnow
from eom.planning.missions.models import Mission
from recommendations.models import IMPLEMENTED, FollowUp, FollowUpStatus, Recommendation
from recommendations.models import RecommendationPublic as Public
from recommendations.service import Filters, public_view


class GroupBy(StrEnum):
    theme = "theme"
    country = "country"
    institution = "institution"
    year = "year"


class StatusCounts(SQLModel):
    """How many recommendations are in each status, and what that makes of the rate."""

    key: str
    counts: dict[FollowUpStatus, int]
    total: int
    assessed: int
    implemented: int
    implementation_rate: float | None = None


class Summary(SQLModel):
    group_by: GroupBy
    rows: list[StatusCounts]
    overall: StatusCounts


class TrendPoint(SQLModel):
    """The standing at the end of one year: each recommendation made by then, in the status
    of its latest assessment dated on or before 31 December."""

    year: int
    total: int
    assessed: int
    implemented: int
    implementation_rate: float | None = None


class ReiterationChain(SQLModel):
    """One recommendation repeated by successive missions to one country, oldest first."""

    country: str
    theme: str
    missions: int
    current_status: FollowUpStatus
    items: list[Public]


def status_counts(key: str, statuses: Iterable[tuple[FollowUpStatus, int]]) -> StatusCounts:
    """The counts, total, assessed, implemented and rate of (status, count) pairs."""
    counts = dict.fromkeys(FollowUpStatus, 0)
    for status, count in statuses:
        counts[status] += count
    total = sum(counts.values())
    assessed = total - counts[FollowUpStatus.not_assessed]
    implemented = sum(counts[s] for s in IMPLEMENTED)
    return StatusCounts(
        key=key,
        counts=counts,
        total=total,
        assessed=assessed,
        implemented=implemented,
        implementation_rate=rate(implemented, assessed),
    )


def rate(implemented: int, assessed: int) -> float | None:
    return round(implemented / assessed, 4) if assessed else None


def _group_column(group_by: GroupBy) -> Any:
    if group_by == GroupBy.theme:
        return col(Recommendation.theme)
    if group_by == GroupBy.institution:
        return col(Recommendation.institution)
    if group_by == GroupBy.country:
        return col(Mission.host_country)
    return extract("year", col(Mission.election_date))


def summary(session: Session, filters: Filters, group_by: GroupBy) -> Summary:
    """Counts per status and the implementation rate for each group, and for all of them."""
    key = _group_column(group_by)
    rows = session.exec(
        select(key, Recommendation.current_status, func.count())
        .select_from(Recommendation)
        .join(Mission, col(Mission.id) == col(Recommendation.mission_id))
        .where(*filters.conditions())
        .group_by(key, col(Recommendation.current_status))
    ).all()
    grouped: dict[str, list[tuple[FollowUpStatus, int]]] = defaultdict(list)
    for value, status, count in rows:
        name = str(int(value)) if group_by == GroupBy.year else str(value)
        grouped[name].append((FollowUpStatus(status), count))
    return Summary(
        group_by=group_by,
        rows=[status_counts(name, grouped[name]) for name in sorted(grouped)],
        overall=status_counts("all", [(FollowUpStatus(s), c) for _, s, c in rows]),
    )


Assessment = tuple[int, date, FollowUpStatus]


def trend_points(
    made: dict[int, int], assessments: list[Assessment], *, until: int
) -> list[TrendPoint]:
    """The standing at the end of each year from the first recommendation to ``until``.

    ``made`` maps each recommendation to the year it was made; ``assessments`` are
    (recommendation, date, status) in date order."""
    if not made:
        return []
    points = []
    for year in range(min(made.values()), until + 1):
        year_end = date(year, 12, 31)
        status: dict[int, FollowUpStatus] = {}
        for rec_id, on, found in assessments:
            if on <= year_end and rec_id in made:
                status[rec_id] = found
        existing = [r for r, y in made.items() if y <= year]
        counts = status_counts(
            str(year), [(status.get(r, FollowUpStatus.not_assessed), 1) for r in existing]
        )
        points.append(
            TrendPoint(
                year=year,
                total=counts.total,
                assessed=counts.assessed,
                implemented=counts.implemented,
                implementation_rate=counts.implementation_rate,
            )
        )
    return points


def trend(session: Session, filters: Filters) -> list[TrendPoint]:
    """The implementation rate at the end of each year, for the recommendations filtered."""
    made = {
        rec_id: day.year
        for rec_id, day in session.exec(
            select(col(Recommendation.id), col(Mission.election_date))
            .join(Mission, col(Mission.id) == col(Recommendation.mission_id))
            .where(*filters.conditions())
        ).all()
        if rec_id is not None
    }
    found = session.exec(
        select(col(FollowUp.recommendation_id), col(FollowUp.assessed_on), col(FollowUp.status))
        .where(col(FollowUp.recommendation_id).in_(made))
        .order_by(col(FollowUp.assessed_on), col(FollowUp.id))
    ).all()
    return trend_points(made, [(r, d, FollowUpStatus(s)) for r, d, s in found], until=_this_year())


def _this_year() -> int:
    return utcnow().year


def repeated(session: Session, filters: Filters) -> list[ReiterationChain]:
    """Recommendations reiterated by later missions: each chain, longest first."""
    rows = session.exec(
        select(Recommendation, Mission)
        .join(Mission, col(Mission.id) == col(Recommendation.mission_id))
        .where(*filters.conditions())
        .order_by(col(Mission.election_date), col(Recommendation.number))
    ).all()
    views = {rec.id: (rec, public_view(rec, mission)) for rec, mission in rows}
    chains: dict[int, list[Public]] = defaultdict(list)
    for rec, view in views.values():
        chains[_root(rec, views)].append(view)
    found = [
        ReiterationChain(
            country=items[0].country,
            theme=items[0].theme.value,
            missions=len({i.mission_id for i in items}),
            current_status=items[-1].current_status,
            items=items,
        )
        for items in chains.values()
        if len(items) > 1
    ]
    return sorted(found, key=lambda c: (-c.missions, c.country, c.items[0].id))


def _root(rec: Recommendation, views: dict[int | None, tuple[Recommendation, Public]]) -> int:
    """The first recommendation of the chain, among those the filters kept."""
    while rec.reiterates_id in views:
        rec = views[rec.reiterates_id][0]
    return rec.id or 0
