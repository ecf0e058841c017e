"""The follow-up of recommendations: a history of dated assessments, never overwritten, and
the worklist that carries unfinished recommendations forward to the next mission."""

from collections import defaultdict
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from recommendations.models import (
    SETTLED,
    FollowUp,
    FollowUpCreate,
    FollowUpPublic,
    Recommendation,
    WorklistItem,
)
from recommendations.service import chain_of, public_view

DECO = "DECO"


def history(
    session: Session, recommendation: Recommendation, *, updated_since: datetime | None = None
) -> list[FollowUp]:
    """Every assessment of the recommendation (or those changed at or after
    ``updated_since``), oldest first (the last one of all is current)."""
    changed = [] if updated_since is None else [col(FollowUp.updated_at) >= updated_since]
    return list(
        session.exec(
            select(FollowUp)
            .where(FollowUp.recommendation_id == recommendation.id, *changed)
            .order_by(col(FollowUp.assessed_on), col(FollowUp.id))
        )
    )


def histories(session: Session, ids: list[int]) -> dict[int, list[FollowUpPublic]]:
    """Every assessment of each recommendation named, oldest first, as shown."""
    if not ids:
        return {}
    found = session.exec(
        select(FollowUp)
        .where(col(FollowUp.recommendation_id).in_(ids))
        .order_by(col(FollowUp.assessed_on), col(FollowUp.id))
    ).all()
    grouped: dict[int, list[FollowUpPublic]] = defaultdict(list)
    for view in follow_up_views(session, list(found)):
        grouped[view.recommendation_id].append(view)
    return grouped


def follow_up_views(session: Session, follow_ups: list[FollowUp]) -> list[FollowUpPublic]:
    """Assessments as shown: each names the mission that assessed it, or DECO."""
    ids = {f.assessed_by_mission_id for f in follow_ups if f.assessed_by_mission_id}
    codes = (
        dict(session.exec(select(Mission.id, Mission.code).where(col(Mission.id).in_(ids))).all())
        if ids
        else {}
    )
    return [
        FollowUpPublic(
            **f.model_dump(),
            assessed_by=codes.get(f.assessed_by_mission_id, DECO)
            if f.assessed_by_mission_id
            else DECO,
        )
        for f in follow_ups
    ]


def _check_assessor(session: Session, made_by: Mission, assessor_id: int | None) -> None:
    """An assessing mission is a later mission to the same country."""
    if assessor_id is None:
        return
    assessor = missions.get_mission(session, assessor_id)
    if (
        assessor.host_country != made_by.host_country
        or assessor.election_date <= made_by.election_date
    ):
        raise Conflict(
            "{assessor} cannot assess a recommendation of {code}: only a later mission to the "
            "same country can.",
            assessor=assessor.code,
            code=made_by.code,
        )


def assessors_for(session: Session, made_by: Mission) -> list[Mission]:
    """The missions that may assess a recommendation of ``made_by``: later missions to the
    same country, the latest first (DECO itself may always assess)."""
    return list(
        session.exec(
            select(Mission)
            .where(
                col(Mission.host_country) == made_by.host_country,
                col(Mission.election_date) > made_by.election_date,
            )
            .order_by(col(Mission.election_date).desc())
        )
    )


def record_follow_up(
    session: Session, recommendation: Recommendation, data: FollowUpCreate, *, actor: Actor
) -> FollowUp:
    """Add a dated assessment; the recommendation's current status becomes that of its
    latest assessment by date. Dates before the mission's election, or in the future, are
    refused."""
    made_by = missions.get_mission(session, recommendation.mission_id)
    if data.assessed_on < made_by.election_date:
        raise Conflict(
            "An assessment dated {on} comes before the election that {code} observed ({day}).",
            on=data.assessed_on.isoformat(),
            code=made_by.code,
            day=made_by.election_date.isoformat(),
        )
    if data.assessed_on > utcnow().date():
        raise Conflict(
            "An assessment records what was found: {on} is in the future.",
            on=data.assessed_on.isoformat(),
        )
    _check_assessor(session, made_by, data.assessed_by_mission_id)
    now = utcnow()
    follow_up = FollowUp(
        recommendation_id=recommendation.id or 0,
        assessed_on=data.assessed_on,
        status=data.status,
        evidence=data.evidence,
        source_url=data.source_url,
        assessed_by_mission_id=data.assessed_by_mission_id,
        recorded_by=actor.label,
        recorded_at=now,
        updated_at=now,
    )
    audit.created(session, follow_up, actor=actor, chain=chain_of(recommendation))
    _refresh_status(session, recommendation, actor=actor)
    return follow_up


def _refresh_status(session: Session, recommendation: Recommendation, *, actor: Actor) -> None:
    latest = history(session, recommendation)[-1]
    if latest.status == recommendation.current_status:
        return
    chain = chain_of(recommendation)
    with audit.changing(session, recommendation, actor=actor, chain=chain, action="assess"):
        recommendation.current_status = latest.status


def worklist(session: Session, mission: Mission) -> list[WorklistItem]:
    """Every recommendation of earlier missions to the mission's country that is neither
    fully implemented nor no longer relevant: what the mission should assess."""
    rows = session.exec(
        select(Recommendation, Mission)
        .join(Mission, col(Mission.id) == col(Recommendation.mission_id))
        .where(
            col(Mission.host_country) == mission.host_country,
            col(Mission.election_date) < mission.election_date,
            col(Recommendation.current_status).not_in(SETTLED),
        )
        .order_by(col(Mission.election_date), col(Recommendation.number))
    ).all()
    last = last_assessed(session, [rec.id or 0 for rec, _ in rows])
    return [
        WorklistItem(recommendation=public_view(rec, made_by), last_assessed_on=last.get(rec.id))
        for rec, made_by in rows
    ]


def last_assessed(session: Session, ids: list[int]) -> dict[int | None, date]:
    """The date of each recommendation's latest assessment (none for those never assessed)."""
    if not ids:
        return {}
    found = session.exec(
        select(FollowUp.recommendation_id, func.max(FollowUp.assessed_on))
        .where(col(FollowUp.recommendation_id).in_(ids))
        .group_by(col(FollowUp.recommendation_id))
    ).all()
    return dict(found)
