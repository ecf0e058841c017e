"""Budgets, money movements, exchange rates and funding figures."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.csv_upload import csv_body, read_csv_body
from api.deps import (
    CREATED,
    CurrentUser,
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
from eom.core.csvimport import ImportReport
from eom.core.inputs import MAX_ID
from eom.funding import access, budgets, figures, movements, rates
from eom.funding.donors import public_donor_ids
from eom.funding.figures import MissionFunding, Portfolio, PortfolioGrouping
from eom.funding.models import (
    BudgetIn,
    BudgetPublic,
    ExchangeRateCreate,
    ExchangeRatePublic,
    MovementCreate,
    MovementKind,
    MovementPublic,
    ReversalIn,
)
from eom.planning import access as planning_access
from eom.planning.missions import service as missions

router = APIRouter(tags=["funding"], responses=problem_responses(401, 403))

Currency = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 4217")]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


@router.get(
    "/missions/{mission_id}/budget", response_model=BudgetPublic, responses=problem_responses(404)
)
def read_budget(
    mission_id: RecordId, response: Response, session: SessionDep, _: StaffUser
) -> BudgetPublic:
    """Every revision of the mission's budget (the first is the original); the ETag is the
    number of the revision in force."""
    budget = budgets.budget_of(session, missions.get_mission(session, mission_id))
    response.headers["ETag"] = etag(budget.current.number if budget.current else 0)
    return budget


@router.put(
    "/missions/{mission_id}/budget",
    response_model=BudgetPublic,
    responses=problem_responses(404, 409, 412),
)
def revise_budget(
    mission_id: RecordId,
    data: BudgetIn,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
    version: ExpectedVersion,
) -> BudgetPublic:
    """Store the whole budget as the next revision; earlier ones are kept. Send the ETag
    you read as ``If-Match`` so as not to overwrite another revision."""
    mission = missions.get_mission(session, mission_id, for_update=True)
    budgets.revise_budget(session, mission, data, actor=actor(staff), expected_revision=version)
    budget = budgets.budget_of(session, mission)
    response.headers["ETag"] = etag(budget.current.number if budget.current else 0)
    return budget


@router.get(
    "/missions/{mission_id}/funding",
    response_model=MissionFunding,
    responses=problem_responses(404),
)
def mission_funding(
    mission_id: RecordId, session: SessionDep, user: OptionalUser
) -> MissionFunding:
    """Budget, pledged, committed, received, spent, balance, gap and burn rate in USD; the
    shares of donors and lines as the caller may see them."""
    mission = planning_access.visible_mission(session, mission_id, user)
    found = figures.mission_figures(session, mission)
    return access.shown_to(found, access.viewer(session, user), public_donor_ids(session))


@router.get("/funding/transactions", response_model=Page[MovementPublic])
def list_movements(
    session: SessionDep,
    user: CurrentUser,
    page: PaginationDep,
    mission_id: OptionalId = None,
    kind: MovementKind | None = None,
    donor_id: OptionalId = None,
    updated_since: UpdatedSince = None,
) -> Page[MovementPublic]:
    """Money movements, newest first: all for staff, a donor's own for a donor account."""
    items, total = movements.list_movements(
        session,
        limit=page.limit,
        offset=page.offset,
        mission_id=mission_id,
        kind=kind,
        donor_ids=access.movement_donor_filter(session, user, donor_id),
        updated_since=updated_since,
    )
    return Page[MovementPublic](items=movements.views_of(session, items), total=total)


@router.post(
    "/funding/transactions",
    response_model=MovementPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(404, 409)},
)
def record_movement(
    data: MovementCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    staff: StaffUser,
) -> MovementPublic:
    """Record a pledge, commitment, receipt or expenditure in its currency; it is converted
    at the recorded rate of its date. ``allow_over_commitment`` with a reason lets funds
    received exceed the donor's commitment (audited)."""
    movement = movements.record_movement(session, data, actor=actor(staff))
    created_at(request, response, "read_movement", movement_id=movement.id)
    return movements.views_of(session, [movement])[0]


@router.get(
    "/funding/transactions/{movement_id}",
    response_model=MovementPublic,
    responses=problem_responses(404),
)
def read_movement(movement_id: RecordId, session: SessionDep, user: CurrentUser) -> MovementPublic:
    movement = access.readable_movement(session, movements.get_movement(session, movement_id), user)
    return movements.views_of(session, [movement])[0]


@router.post(
    "/funding/transactions/{movement_id}/reversal",
    response_model=MovementPublic,
    status_code=201,
    responses=problem_responses(404, 409),
)
def reverse_movement(
    movement_id: RecordId, data: ReversalIn, session: SessionDep, staff: StaffUser
) -> MovementPublic:
    """Correct a movement: an entry of the opposite sign at the same rate. Movements are
    never edited or deleted."""
    movement = movements.get_movement(session, movement_id)
    reversal = movements.reverse_movement(session, movement, data, actor=actor(staff))
    return movements.views_of(session, [reversal])[0]


@router.get("/funding/exchange-rates", response_model=Page[ExchangeRatePublic])
def list_rates(
    session: SessionDep, _: StaffUser, page: PaginationDep, currency: Currency = None
) -> Page[ExchangeRatePublic]:
    items, total = rates.list_rates(
        session, limit=page.limit, offset=page.offset, currency=currency
    )
    return Page[ExchangeRatePublic](
        items=[ExchangeRatePublic.model_validate(r) for r in items], total=total
    )


@router.post(
    "/funding/exchange-rates",
    response_model=ExchangeRatePublic,
    status_code=201,
    responses=problem_responses(409),
)
def record_rate(
    data: ExchangeRateCreate, session: SessionDep, staff: StaffUser
) -> ExchangeRatePublic:
    """US dollars per unit of a currency on a date; a recorded rate is never replaced."""
    return ExchangeRatePublic.model_validate(rates.record_rate(session, data, actor=actor(staff)))


@router.post(
    "/funding/exchange-rates/import",
    response_model=ImportReport,
    responses=problem_responses(409, 413),
    openapi_extra=csv_body(
        "Columns: currency, on (YYYY-MM-DD), usd_per_unit. A rate already recorded with the "
        "same value is skipped."
    ),
)
async def import_rates(request: Request, session: SessionDep, staff: StaffUser) -> ImportReport:
    """Import rates from CSV: all rows or none, every bad row reported."""
    text = await read_csv_body(request)
    return await run_in_threadpool(rates.import_rates, session, text, actor=actor(staff))


@router.get("/funding/portfolio", response_model=Portfolio)
def portfolio(
    session: SessionDep, _: StaffUser, group_by: PortfolioGrouping = PortfolioGrouping.year
) -> Portfolio:
    """Figures across all missions by election year, host country or donor, in USD."""
    return figures.portfolio(session, group_by)
