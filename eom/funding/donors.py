"""Donors, the OAS Regular Fund beside them, and the donor accounts that speak for them."""

from sqlmodel import Session, col, func, select

from eom.accounts.models import Role, User
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, InvalidInput, NotFound
from eom.funding.models import Donor, DonorAccount, DonorCreate, DonorKind

CHAIN = "funding"


def get_donor(session: Session, donor_id: int) -> Donor:
    donor = session.get(Donor, donor_id)
    if donor is None:
        raise NotFound("No donor with id {donor_id}.", donor_id=donor_id)
    return donor


def find_by_name(session: Session, name: str) -> Donor | None:
    return session.exec(select(Donor).where(Donor.name == name)).first()


def list_donors(
    session: Session,
    *,
    limit: int,
    offset: int,
    kind: DonorKind | None = None,
    only_ids: set[int] | None = None,
) -> tuple[list[Donor], int]:
    """Donors by name, of one kind if given, limited to ``only_ids`` when given."""
    conditions = []
    if kind:
        conditions.append(col(Donor.kind) == kind)
    if only_ids is not None:
        conditions.append(col(Donor.id).in_(only_ids))
    total = session.exec(select(func.count()).select_from(Donor).where(*conditions)).one()
    items = session.exec(
        select(Donor).where(*conditions).order_by(col(Donor.name)).limit(limit).offset(offset)
    )
    return list(items), total


def create_donor(session: Session, data: DonorCreate, *, actor: Actor) -> Donor:
    """A new donor (or funding source); names are unique."""
    if find_by_name(session, data.name) is not None:
        raise Conflict("A donor named {name} already exists.", name=data.name)
    if (
        data.kind == DonorKind.regular_fund
        and session.exec(select(Donor.id).where(Donor.kind == DonorKind.regular_fund)).first()
    ):
        raise Conflict("The OAS Regular Fund is already recorded.")
    donor = Donor.model_validate(data, update={"created_at": utcnow()})
    return audit.created(session, donor, actor=actor, chain=CHAIN)


def update_donor(session: Session, donor: Donor, data: DonorCreate, *, actor: Actor) -> Donor:
    """Correct a donor's record as a whole; its name stays unique, and there is one OAS
    Regular Fund."""
    other = find_by_name(session, data.name)
    if other is not None and other.id != donor.id:
        raise Conflict("A donor named {name} already exists.", name=data.name)
    if data.kind == DonorKind.regular_fund and donor.kind != DonorKind.regular_fund:
        if session.exec(select(Donor.id).where(Donor.kind == DonorKind.regular_fund)).first():
            raise Conflict("The OAS Regular Fund is already recorded.")
    with audit.changing(session, donor, actor=actor, chain=CHAIN):
        donor.sqlmodel_update(data.model_dump())
    return donor


def donor_of_user(session: Session, user: User | None) -> Donor | None:
    """The donor a donor's account speaks for, if it is linked to one."""
    if user is None or user.role != Role.donor:
        return None
    link = session.get(DonorAccount, user.id)
    return None if link is None else session.get(Donor, link.donor_id)


def link_account(session: Session, donor: Donor, user: User, *, actor: Actor) -> DonorAccount:
    """Let a donor account speak for ``donor``; an account speaks for one donor only."""
    if user.role != Role.donor:
        raise InvalidInput(
            "Only a donor account can be linked to a donor; {email} is not one.", email=user.email
        )
    existing = session.get(DonorAccount, user.id)
    if existing is not None:
        if existing.donor_id == donor.id:
            return existing
        raise Conflict("{email} already speaks for another donor.", email=user.email)
    assert user.id is not None and donor.id is not None
    link = DonorAccount(user_id=user.id, donor_id=donor.id, linked_at=utcnow())
    return audit.created(session, link, actor=actor, chain=CHAIN)


def unlinked_accounts(session: Session) -> list[User]:
    """Active donor accounts that speak for no donor yet: those a donor may be linked to."""
    linked = select(DonorAccount.user_id)
    return list(
        session.exec(
            select(User)
            .where(
                col(User.role) == Role.donor,
                col(User.is_active),
                col(User.id).not_in(linked),
            )
            .order_by(col(User.email))
        )
    )


def accounts_of(session: Session, donor: Donor) -> list[tuple[DonorAccount, User]]:
    rows = session.exec(
        select(DonorAccount, User)
        .join(User, col(User.id) == col(DonorAccount.user_id))
        .where(DonorAccount.donor_id == donor.id)
        .order_by(col(User.email))
    )
    return [(link, user) for link, user in rows]


def public_donor_ids(session: Session) -> set[int]:
    """Donors that agreed to have their amounts shown to everyone."""
    return {i for i in session.exec(select(Donor.id).where(col(Donor.amounts_public))) if i}


def all_donors(session: Session) -> dict[int, Donor]:
    """Every donor by id."""
    return {d.id or 0: d for d in session.exec(select(Donor))}
