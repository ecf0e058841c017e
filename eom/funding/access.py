"""Who may see which funding records (DESIGN §1, issue 6), for routes and pages alike.

DECO staff (and administrators) see and record everything. A donor account speaks for
one donor (``donor_account``): it reads that donor's record and money, and of every mission
it may see the totals, its own share, and the shares of donors whose amounts are public.
Observers and anonymous callers see the public totals of public missions, and the
shares of donors whose amounts are public. Nobody else reads donors or movements.
"""

from dataclasses import dataclass

from sqlmodel import Session

from eom.accounts.access import is_staff
from eom.accounts.models import Role, User
from eom.core.errors import Forbidden, NotAuthenticated, NotFound
from eom.funding.donors import donor_of_user, get_donor
from eom.funding.figures import MissionFunding
from eom.funding.models import Donor, Movement


@dataclass(frozen=True)
class FundingViewer:
    """What one caller may read of funding: everything, or a donor's own and the public."""

    staff: bool
    donor: Donor | None

    @property
    def donor_id(self) -> int | None:
        return self.donor.id if self.donor else None


def viewer(session: Session, user: User | None) -> FundingViewer:
    return FundingViewer(staff=is_staff(user), donor=donor_of_user(session, user))


def require_donor_reader(user: User) -> None:
    """Donor records and money movements are for staff and donors only."""
    if not is_staff(user) and user.role != Role.donor:
        raise Forbidden("Only DECO staff and donors may read donors and their contributions.")


def readable_donor_ids(session: Session, user: User) -> set[int] | None:
    """The donors whose record and money this caller may read: all (None) for staff, its
    own for a donor account (none while it is not linked)."""
    require_donor_reader(user)
    if is_staff(user):
        return None
    donor = donor_of_user(session, user)
    return {donor.id} if donor and donor.id else set()


def movement_donor_filter(
    session: Session, user: User, donor_id: int | None = None
) -> set[int] | None:
    """The donors whose movements a listing shows: those the caller may read, narrowed to
    ``donor_id`` when asked (None: every movement, for staff who ask for no donor)."""
    readable = readable_donor_ids(session, user)
    if donor_id is None:
        return readable
    return {donor_id} if readable is None else readable & {donor_id}


def readable_donor(session: Session, donor_id: int, user: User) -> Donor:
    """The donor if this caller may read it; ``NotFound`` otherwise."""
    allowed = readable_donor_ids(session, user)
    if allowed is not None and donor_id not in allowed:
        raise NotFound("No donor with id {donor_id}.", donor_id=donor_id)
    return get_donor(session, donor_id)


def statement_donor(session: Session, donor_id: int, user: User | None) -> Donor:
    """The donor whose funding statement this caller may read: as ``readable_donor``, once
    signed in (pages pass the cookie's user, or None)."""
    if user is None:
        raise NotAuthenticated("Sign in to do this.")
    return readable_donor(session, donor_id, user)


def readable_movement(session: Session, movement: Movement, user: User) -> Movement:
    allowed = readable_donor_ids(session, user)
    if allowed is not None and movement.donor_id not in allowed:
        raise NotFound("No money movement with id {movement_id}.", movement_id=movement.id)
    return movement


def shown_to(funding: MissionFunding, who: FundingViewer, public_ids: set[int]) -> MissionFunding:
    """A mission's figures as this viewer may see them: the totals always; the shares of
    the donors whose amounts are public, and of its own donor; the lines for staff and
    donors."""
    if who.staff:
        return funding
    shares = [d for d in funding.by_donor if d.donor_id in public_ids or d.donor_id == who.donor_id]
    lines = funding.by_line if who.donor is not None else []
    return funding.model_copy(update={"by_donor": shares, "by_line": lines})
