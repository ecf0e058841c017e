"""Missions: ``/api/v1/missions`` and what hangs off one mission."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field
from sqlmodel import Session

from api.deps import (
    CREATED,
    ExpectedVersion,
    OptionalUser,
    Page,
    PaginationDep,
    RecordId,
    SessionDep,
    StaffUser,
    UpdatedSince,
    actor,
    created_at,
    etag,
)
from api.errors import problem_responses
from eom.accounts.access import is_staff
from eom.accounts.models import User
from eom.funding import budgets
from eom.planning import access
from eom.planning.conduct import service as conduct
from eom.planning.conduct.models import ItemCreate, ItemPublic
from eom.planning.members import service as members
from eom.planning.members.models import Composition
from eom.planning.missions import service as missions
from eom.planning.missions import visits
from eom.planning.missions.models import (
    AgreementCreate,
    AgreementPublic,
    Mission,
    MissionCreate,
    MissionPublic,
    MissionStaffView,
    MissionStatus,
    MissionUpdate,
    PreliminaryVisitIn,
    PreliminaryVisitPublic,
    TimelineEvent,
    TransitionPublic,
    TransitionRequest,
)

router = APIRouter(prefix="/missions", tags=["missions"])

Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO alpha-2")]
Year = Annotated[int | None, Query(ge=1900, le=2200)]


def public_view(session: Session, mission: Mission) -> MissionPublic:
    chief = members.chiefs_of(session, [mission.id or 0]).get(mission.id or 0)
    return MissionPublic(**mission.model_dump(), chief=chief)


# A mission as its reader may see it, told apart by ``view``.
MissionView = Annotated[MissionStaffView | MissionPublic, Field(discriminator="view")]


def staff_view(session: Session, mission: Mission) -> MissionStaffView:
    chief = members.chiefs_of(session, [mission.id or 0]).get(mission.id or 0)
    budget = budgets.totals_in_force(session, [mission.id or 0]).get(mission.id or 0)
    return MissionStaffView(**mission.model_dump(), chief=chief, planned_budget_usd=budget)


def view_for(session: Session, mission: Mission, user: User | None) -> MissionPublic:
    return staff_view(session, mission) if is_staff(user) else public_view(session, mission)


@router.get("", response_model=Page[MissionPublic], responses=problem_responses(401))
def list_missions(
    session: SessionDep,
    user: OptionalUser,
    page: PaginationDep,
    status: MissionStatus | None = None,
    country: Country = None,
    year: Year = None,
    updated_since: UpdatedSince = None,
) -> Page[MissionPublic]:
    """The missions the caller may see, newest election first, filtered."""
    items, total = access.visible_missions(
        session,
        user,
        limit=page.limit,
        offset=page.offset,
        status=status,
        country=country,
        year=year,
        updated_since=updated_since,
    )
    chiefs = members.chiefs_of(session, [m.id or 0 for m in items])
    return Page[MissionPublic](
        items=[MissionPublic(**m.model_dump(), chief=chiefs.get(m.id or 0)) for m in items],
        total=total,
    )


@router.post(
    "",
    response_model=MissionStaffView,
    status_code=201,
    responses={**CREATED, **problem_responses(401, 403, 409)},
)
def create_mission(
    data: MissionCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
) -> MissionStaffView:
    """Record an invitation: a new mission in the state ``requested``; a planned budget
    becomes its original budget."""
    mission = budgets.open_mission(session, data, actor=actor(staff))
    response.headers["ETag"] = etag(mission.version)
    created_at(request, response, "read_mission", mission_id=mission.id)
    return staff_view(session, mission)


@router.get(
    "/{mission_id}",
    response_model=MissionView,
    responses=problem_responses(401, 404),
)
def read_mission(
    mission_id: RecordId, response: Response, session: SessionDep, user: OptionalUser
) -> MissionPublic:
    """A mission: every field for staff, the public fields for anyone who may see it."""
    mission = access.visible_mission(session, mission_id, user)
    response.headers["ETag"] = etag(mission.version)
    return view_for(session, mission, user)


@router.patch(
    "/{mission_id}",
    response_model=MissionStaffView,
    responses=problem_responses(401, 403, 404, 409, 412),
)
def update_mission(
    mission_id: RecordId,
    changes: MissionUpdate,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
    version: ExpectedVersion,
) -> MissionStaffView:
    """Change a mission's plan; send ``If-Match`` to avoid overwriting another change."""
    mission = missions.update_mission(
        session,
        missions.get_mission(session, mission_id, for_update=True),
        changes,
        actor=actor(staff),
        expected_version=version,
    )
    response.headers["ETag"] = etag(mission.version)
    return staff_view(session, mission)


@router.post(
    "/{mission_id}/transitions",
    response_model=TransitionPublic,
    status_code=201,
    responses=problem_responses(401, 403, 404, 409),
)
def transition(
    mission_id: RecordId, step: TransitionRequest, session: SessionDep, staff: StaffUser
) -> TransitionPublic:
    """Move the mission along its lifecycle; an illegal step is 409 and says what is allowed."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    done = missions.transition(
        session, mission, step.to, on=step.on, actor=actor(staff), reason=step.reason
    )
    return TransitionPublic.model_validate(done)


@router.get(
    "/{mission_id}/timeline",
    response_model=list[TimelineEvent],
    responses=problem_responses(401, 403, 404),
)
def timeline(mission_id: RecordId, session: SessionDep, _: StaffUser) -> list[TimelineEvent]:
    """Transitions and agreements in date order."""
    return missions.timeline(session, missions.get_mission(session, mission_id))


@router.get(
    "/{mission_id}/agreements",
    response_model=list[AgreementPublic],
    responses=problem_responses(401, 403, 404),
)
def list_agreements(
    mission_id: RecordId, session: SessionDep, _: StaffUser
) -> list[AgreementPublic]:
    mission = missions.get_mission(session, mission_id)
    return [AgreementPublic.model_validate(a) for a in missions.agreements_of(session, mission)]


@router.post(
    "/{mission_id}/agreements",
    response_model=AgreementPublic,
    status_code=201,
    responses=problem_responses(401, 403, 404, 409),
)
def record_agreement(
    mission_id: RecordId, data: AgreementCreate, session: SessionDep, staff: StaffUser
) -> AgreementPublic:
    """Record the agreement with the government or with the electoral body."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    agreement = missions.record_agreement(session, mission, data, actor=actor(staff))
    return AgreementPublic.model_validate(agreement)


@router.get(
    "/{mission_id}/composition",
    response_model=Composition,
    responses=problem_responses(401, 403, 404),
)
def composition(mission_id: RecordId, session: SessionDep, _: StaffUser) -> Composition:
    """Counts by role, gender, nationality and language; who has not signed the code."""
    return members.composition(session, missions.get_mission(session, mission_id))


@router.post(
    "/{mission_id}/conduct-items",
    response_model=ItemPublic,
    status_code=201,
    responses=problem_responses(401, 403, 404, 409),
)
def add_conduct_item(
    mission_id: RecordId, data: ItemCreate, session: SessionDep, staff: StaffUser
) -> ItemPublic:
    """An item of this mission's own that its members must acknowledge too."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    assert mission.id is not None
    item = conduct.add_mission_item(session, mission.id, data, actor=actor(staff))
    return ItemPublic.model_validate(item)


@router.get(
    "/{mission_id}/visits",
    response_model=list[PreliminaryVisitPublic],
    responses=problem_responses(401, 403, 404),
)
def list_visits(
    mission_id: RecordId, session: SessionDep, _: StaffUser
) -> list[PreliminaryVisitPublic]:
    """The mission's preliminary visits, the first first (DECO's own record: staff only)."""
    mission = missions.get_mission(session, mission_id)
    return [PreliminaryVisitPublic.model_validate(v) for v in visits.visits_of(session, mission)]


@router.post(
    "/{mission_id}/visits",
    response_model=PreliminaryVisitPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(401, 403, 404, 409)},
)
def record_visit(
    mission_id: RecordId,
    data: PreliminaryVisitIn,
    request: Request,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
) -> PreliminaryVisitPublic:
    """Record a preliminary visit: its days, who went, the meetings held, the findings
    and, once taken, the decision to go ahead."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    visit = visits.record_visit(session, mission, data, actor=actor(staff))
    response.headers["ETag"] = etag(visit.version)
    created_at(request, response, "read_visit", mission_id=mission.id, visit_id=visit.id)
    return PreliminaryVisitPublic.model_validate(visit)


@router.get(
    "/{mission_id}/visits/{visit_id}",
    response_model=PreliminaryVisitPublic,
    responses=problem_responses(401, 403, 404),
)
def read_visit(
    mission_id: RecordId, visit_id: RecordId, response: Response, session: SessionDep, _: StaffUser
) -> PreliminaryVisitPublic:
    visit = visits.get_visit(session, missions.get_mission(session, mission_id), visit_id)
    response.headers["ETag"] = etag(visit.version)
    return PreliminaryVisitPublic.model_validate(visit)


@router.put(
    "/{mission_id}/visits/{visit_id}",
    response_model=PreliminaryVisitPublic,
    responses=problem_responses(401, 403, 404, 409, 412),
)
def update_visit(
    mission_id: RecordId,
    visit_id: RecordId,
    data: PreliminaryVisitIn,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
    version: ExpectedVersion,
) -> PreliminaryVisitPublic:
    """Correct a preliminary visit, whole; send ``If-Match`` to avoid overwriting another
    change."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    visit = visits.update_visit(
        session,
        mission,
        visits.get_visit(session, mission, visit_id),
        data,
        actor=actor(staff),
        expected_version=version,
    )
    response.headers["ETag"] = etag(visit.version)
    return PreliminaryVisitPublic.model_validate(visit)
