"""Donors and the accounts that speak for them: ``/api/v1/donors``."""

from fastapi import APIRouter, Request, Response
from sqlmodel import Session

from api.deps import (
    CREATED,
    CurrentUser,
    Page,
    PaginationDep,
    RecordId,
    SessionDep,
    StaffUser,
    actor,
    created_at,
)
from api.errors import problem_responses
from eom.accounts import service as accounts
from eom.core.errors import InvalidInput, NotFound
from eom.funding import access, donors
from eom.funding.models import (
    DonorAccountLink,
    DonorAccountPublic,
    DonorCreate,
    DonorKind,
    DonorPublic,
)

router = APIRouter(prefix="/donors", tags=["funding"], responses=problem_responses(401, 403))


def accounts_view(session: Session, donor_id: int) -> list[DonorAccountPublic]:
    return [
        DonorAccountPublic(user_id=link.user_id, donor_id=link.donor_id, email=user.email)
        for link, user in donors.accounts_of(session, donors.get_donor(session, donor_id))
    ]


@router.get("", response_model=Page[DonorPublic])
def list_donors(
    session: SessionDep, user: CurrentUser, page: PaginationDep, kind: DonorKind | None = None
) -> Page[DonorPublic]:
    """Every donor for staff; a donor account's own donor only."""
    items, total = donors.list_donors(
        session,
        limit=page.limit,
        offset=page.offset,
        kind=kind,
        only_ids=access.readable_donor_ids(session, user),
    )
    return Page[DonorPublic](items=[DonorPublic.model_validate(d) for d in items], total=total)


@router.post(
    "",
    response_model=DonorPublic,
    status_code=201,
    responses={**CREATED, **problem_responses(409)},
)
def create_donor(
    data: DonorCreate, request: Request, response: Response, session: SessionDep, staff: StaffUser
) -> DonorPublic:
    """Record a donor, or the OAS Regular Fund (kind ``regular_fund``, once)."""
    donor = donors.create_donor(session, data, actor=actor(staff))
    created_at(request, response, "read_donor", donor_id=donor.id)
    return DonorPublic.model_validate(donor)


@router.get("/{donor_id}", response_model=DonorPublic, responses=problem_responses(404))
def read_donor(donor_id: RecordId, session: SessionDep, user: CurrentUser) -> DonorPublic:
    """A donor: any for staff, its own for a donor account."""
    return DonorPublic.model_validate(access.readable_donor(session, donor_id, user))


@router.put("/{donor_id}", response_model=DonorPublic, responses=problem_responses(404, 409))
def update_donor(
    donor_id: RecordId, data: DonorCreate, session: SessionDep, staff: StaffUser
) -> DonorPublic:
    """Correct a donor's record: send it whole, as it should read."""
    donor = donors.get_donor(session, donor_id)
    return DonorPublic.model_validate(donors.update_donor(session, donor, data, actor=actor(staff)))


@router.get(
    "/{donor_id}/accounts",
    response_model=list[DonorAccountPublic],
    responses=problem_responses(404),
)
def list_accounts(
    donor_id: RecordId, session: SessionDep, _: StaffUser
) -> list[DonorAccountPublic]:
    """The donor accounts that speak for this donor."""
    return accounts_view(session, donor_id)


@router.post(
    "/{donor_id}/accounts",
    response_model=list[DonorAccountPublic],
    status_code=201,
    responses=problem_responses(404, 409, 422),
)
def link_account(
    donor_id: RecordId, data: DonorAccountLink, session: SessionDep, staff: StaffUser
) -> list[DonorAccountPublic]:
    """Let a donor account speak for this donor (one donor per account). The donor not
    there is 404; an account not there is a refused field (422), not a missing donor."""
    donor = donors.get_donor(session, donor_id)
    try:
        user = accounts.get_user(session, data.user_id)
    except NotFound as missing:
        raise InvalidInput(
            "No account {user_id} to link.",
            [{"loc": ["body", "user_id"], "msg": "no such account"}],
            user_id=data.user_id,
        ) from missing
    donors.link_account(session, donor, user, actor=actor(staff))
    return accounts_view(session, donor_id)
