"""What the funding dashboard shows a caller, gathered once for the page and its downloads.

Staff see the whole portfolio. A donor account sees its own contributions, the missions
its donor funded, and the public totals of every public mission. Everyone else sees the
public totals.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session

from eom.accounts.models import User
from eom.funding import access, figures, movements
from eom.funding.donors import public_donor_ids
from eom.funding.figures import MissionFunding, PortfolioGrouping, PortfolioRow
from eom.funding.models import MovementKind, MovementPublic
from eom.planning.missions import service as missions

MAX_MISSIONS = 500


@dataclass(frozen=True)
class Dashboard:
    viewer: access.FundingViewer
    missions: list[MissionFunding]
    contributions: list[MovementPublic]
    funded: list[MissionFunding]
    by_donor: list[PortfolioRow]
    by_year: list[PortfolioRow]
    # What the caller's donor paid to each mission it funded, in USD.
    paid: dict[int, Decimal] = field(default_factory=dict)


def paid_by_mission(contributions: list[MovementPublic]) -> dict[int, Decimal]:
    paid: dict[int, Decimal] = {}
    for m in contributions:
        if m.kind == MovementKind.received:
            paid[m.mission_id] = paid.get(m.mission_id, Decimal("0.00")) + m.amount_usd
    return paid


def dashboard(session: Session, user: User | None) -> Dashboard:
    """The funding of the missions this caller may see, shown as it may see them."""
    who = access.viewer(session, user)
    shown, _ = missions.list_missions(
        session, limit=MAX_MISSIONS, offset=0, public_only=not who.staff
    )
    public_ids = public_donor_ids(session)
    # Staff see the whole portfolio too: its sums are read once for every table.
    sums = figures.read_sums(session) if who.staff else None
    found = [
        access.shown_to(f, who, public_ids) for f in figures.figures_of(session, shown, sums=sums)
    ]
    found = [f for f in found if who.staff or f.budget or f.committed or f.pledged]
    contributions: list[MovementPublic] = []
    funded: list[MissionFunding] = []
    if who.donor_id is not None:
        own, _ = movements.list_movements(
            session, limit=MAX_MISSIONS, offset=0, donor_ids={who.donor_id}
        )
        contributions = movements.views_of(session, own)
        funded_ids = {m.mission_id for m in own}
        funded = [f for f in found if f.mission_id in funded_ids]
    return Dashboard(
        viewer=who,
        missions=found,
        contributions=contributions,
        funded=funded,
        by_donor=figures.portfolio(session, PortfolioGrouping.donor, sums=sums).rows
        if sums
        else [],
        by_year=figures.portfolio(session, PortfolioGrouping.year, sums=sums).rows if sums else [],
        paid=paid_by_mission(contributions),
    )
