"""What happens to recommendations: drafting, editing, publishing, finding, and their chains
of reiteration across successive missions to one country."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, extract, or_
from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, NotFound, check_version
from eom.core.reference import Theme
from eom.planning.missions import service as missions
from eom.planning.missions.models import OBSERVED, REPORT_PUBLISHED, Mission
from recommendations.models import (
    FollowUpStatus,
    Institution,
    Priority,
    Recommendation,
    RecommendationCreate,
    RecommendationPublic,
    RecommendationUpdate,
)


@dataclass(frozen=True)
class Filters:
    """Which recommendations a list, a summary or an export covers."""

    country: str | None = None
    mission_id: int | None = None
    theme: Theme | None = None
    institution: Institution | None = None
    status: FollowUpStatus | None = None
    year: int | None = None
    priority: Priority | None = None
    q: str | None = None
    published_only: bool = True

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE clauses over ``recommendation`` joined with its ``mission``."""
        found: list[ColumnElement[bool]] = []
        if self.country:
            found.append(col(Mission.host_country) == self.country.upper())
        if self.mission_id:
            found.append(col(Recommendation.mission_id) == self.mission_id)
        if self.year:
            found.append(extract("year", col(Mission.election_date)) == self.year)
        for column, value in (
            (Recommendation.theme, self.theme),
            (Recommendation.institution, self.institution),
            (Recommendation.current_status, self.status),
            (Recommendation.priority, self.priority),
        ):
            if value is not None:
                found.append(col(column) == value)
        if self.q:
            found.append(
                or_(
                    col(Recommendation.text_en).icontains(self.q, autoescape=True),
                    col(Recommendation.text_es).icontains(self.q, autoescape=True),
                )
            )
        if self.published_only:
            found.append(col(Recommendation.published).is_(True))
        return found


def chain_of(recommendation: Recommendation) -> str:
    """Recommendations and their assessments are audited in their mission's chain."""
    return missions.chain_of(recommendation.mission_id)


def public_view(recommendation: Recommendation, mission: Mission) -> RecommendationPublic:
    return RecommendationPublic(
        **recommendation.model_dump(),
        mission_code=mission.code,
        country=mission.host_country,
        year=mission.election_date.year,
    )


def get_recommendation(
    session: Session, recommendation_id: int, *, for_update: bool = False
) -> Recommendation:
    found = session.get(Recommendation, recommendation_id, with_for_update=for_update)
    if found is None:
        raise NotFound(
            "No recommendation with id {recommendation_id}.", recommendation_id=recommendation_id
        )
    return found


def list_recommendations(
    session: Session,
    filters: Filters,
    *,
    limit: int,
    offset: int,
    updated_since: datetime | None = None,
) -> tuple[list[tuple[Recommendation, Mission]], int]:
    """Recommendations matching the filters (and changed at or after ``updated_since``),
    newest mission first, by number; and their count."""
    conditions = filters.conditions()
    if updated_since is not None:
        conditions.append(col(Recommendation.updated_at) >= updated_since)
    joined = select(Recommendation, Mission).join(
        Mission, col(Mission.id) == col(Recommendation.mission_id)
    )
    total = session.exec(
        select(func.count())
        .select_from(Recommendation)
        .join(Mission, col(Mission.id) == col(Recommendation.mission_id))
        .where(*conditions)
    ).one()
    rows = session.exec(
        joined.where(*conditions)
        .order_by(col(Mission.election_date).desc(), col(Mission.id), col(Recommendation.number))
        .limit(limit)
        .offset(offset)
    )
    return [(rec, mission) for rec, mission in rows], total


EXPORT_LIMIT = 20_000
EXPORT_COLUMNS = (
    "id",
    "mission_code",
    "country",
    "year",
    "number",
    "theme",
    "institution",
    "priority",
    "legal_level",
    "current_status",
    "published",
    "reiterates_id",
    "text_en",
    "text_es",
)


def export_rows(session: Session, filters: Filters) -> list[dict[str, object]]:
    """The filtered list (at most 20,000) as plain rows for a CSV or XLSX file."""
    rows, _ = list_recommendations(session, filters, limit=EXPORT_LIMIT, offset=0)
    return [public_view(r, m).model_dump(mode="json") for r, m in rows]


def views(session: Session, items: list[Recommendation]) -> list[RecommendationPublic]:
    """Public views of recommendations, each with its mission's code, country and year."""
    ids = {r.mission_id for r in items}
    found = session.exec(select(Mission).where(col(Mission.id).in_(ids))).all() if ids else []
    by_id = {m.id: m for m in found}
    return [public_view(r, by_id[r.mission_id]) for r in items]


def _number_taken(
    session: Session, mission_id: int, number: int, *, other_than: int | None = None
) -> bool:
    query = select(Recommendation.id).where(
        Recommendation.mission_id == mission_id, Recommendation.number == number
    )
    if other_than is not None:
        query = query.where(Recommendation.id != other_than)
    return session.exec(query).first() is not None


def _check_number(
    session: Session, mission: Mission, number: int, *, other_than: int | None = None
) -> None:
    if _number_taken(session, mission.id or 0, number, other_than=other_than):
        raise Conflict(
            "{code} already has a recommendation number {number}.", code=mission.code, number=number
        )


def _check_reiterates(session: Session, mission: Mission, reiterates_id: int | None) -> None:
    """A recommendation reiterates one made by an earlier mission to the same country."""
    if reiterates_id is None:
        return
    earlier = get_recommendation(session, reiterates_id)
    earlier_mission = missions.get_mission(session, earlier.mission_id)
    if (
        earlier_mission.host_country != mission.host_country
        or earlier_mission.election_date >= mission.election_date
    ):
        raise Conflict(
            "A recommendation of {code} can only reiterate one made by an earlier mission "
            "to the same country.",
            code=mission.code,
        )


def reiteration_candidates(
    session: Session, mission: Mission
) -> list[tuple[Recommendation, Mission]]:
    """What a recommendation of ``mission`` may reiterate: those of earlier missions to the
    same country, the latest mission first, by number."""
    return [
        (rec, made_by)
        for rec, made_by in session.exec(
            select(Recommendation, Mission)
            .join(Mission, col(Mission.id) == col(Recommendation.mission_id))
            .where(
                col(Mission.host_country) == mission.host_country,
                col(Mission.election_date) < mission.election_date,
            )
            .order_by(col(Mission.election_date).desc(), col(Recommendation.number))
        )
    ]


def create_recommendation(
    session: Session, data: RecommendationCreate, *, actor: Actor
) -> Recommendation:
    """A draft recommendation of a mission that has observed its election."""
    mission = missions.get_mission(session, data.mission_id)
    if mission.status not in OBSERVED:
        raise Conflict(
            "{code} is {status}: recommendations come after the mission has observed the election.",
            code=mission.code,
            status=mission.status.value,
        )
    _check_number(session, mission, data.number)
    _check_reiterates(session, mission, data.reiterates_id)
    now = utcnow()
    recommendation = Recommendation.model_validate(
        data, update={"created_at": now, "updated_at": now}
    )
    return audit.created(session, recommendation, actor=actor, chain=chain_of(recommendation))


def update_recommendation(
    session: Session,
    recommendation: Recommendation,
    changes: RecommendationUpdate,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> Recommendation:
    """Correct a recommendation's wording or classification (its mission stays)."""
    check_version(recommendation.version, expected_version)
    data = changes.model_dump(exclude_unset=True)
    mission = missions.get_mission(session, recommendation.mission_id)
    if data.get("number") is not None:
        _check_number(session, mission, data["number"], other_than=recommendation.id)
    if "reiterates_id" in data:
        _check_reiterates(session, mission, data["reiterates_id"])
    # Fields that may not be empty keep their value when sent as null.
    data = {k: v for k, v in data.items() if v is not None or k == "reiterates_id"}
    with audit.changing(session, recommendation, actor=actor, chain=chain_of(recommendation)):
        recommendation.sqlmodel_update(data)
    return recommendation


def publish_recommendation(
    session: Session, recommendation: Recommendation, *, actor: Actor
) -> Recommendation:
    """Make the recommendation public, once its mission's final report is out. Publishing
    what is already published changes nothing."""
    if recommendation.published:
        return recommendation
    mission = missions.get_mission(session, recommendation.mission_id)
    if mission.status not in REPORT_PUBLISHED:
        raise Conflict(
            "{code} is {status}: recommendations are published with the final report.",
            code=mission.code,
            status=mission.status.value,
        )
    chain = chain_of(recommendation)
    with audit.changing(session, recommendation, actor=actor, chain=chain, action="publish"):
        recommendation.published = True
        recommendation.published_at = utcnow()
    return recommendation


def reiteration_chain(
    session: Session, recommendation: Recommendation, *, published_only: bool
) -> list[RecommendationPublic]:
    """The recommendation with those it reiterates and those that reiterate it, mission
    after mission (oldest first)."""
    chain = [recommendation]
    current = recommendation
    while current.reiterates_id is not None:
        current = get_recommendation(session, current.reiterates_id)
        chain.append(current)
    frontier = [recommendation.id]
    while frontier:
        later = list(
            session.exec(
                select(Recommendation).where(col(Recommendation.reiterates_id).in_(frontier))
            )
        )
        chain.extend(later)
        frontier = [r.id for r in later]
    shown = [r for r in chain if r.published or not published_only]
    ordered = views(session, shown)
    return sorted(ordered, key=lambda v: (v.year, v.mission_id, v.number))
