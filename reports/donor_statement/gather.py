"""Gathers a donor's funding statement from the funding domain, through its services,
into the frozen ``DonorStatement`` that the renderer prints. Every USD figure comes from
the stored movements or from ``eom.funding.figures``, so the statement and the dashboard
agree to the cent."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from eom.core.errors import InvalidInput
from eom.funding import figures, movements
from eom.funding.figures import MissionFunding
from eom.funding.models import Donor, Movement, MovementKind
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from reports.donor_statement.value import BudgetLine, Contribution, DonorStatement, FundedMission


def check_period(start: date | None, end: date) -> None:
    """A period runs forward: refused when it starts after it ends."""
    if start is not None and start > end:
        raise InvalidInput(
            "The period starts on {start}, after it ends on {end}.",
            start=start.isoformat(),
            end=end.isoformat(),
        )


def donor_statement(
    session: Session, donor: Donor, *, start: date | None, end: date, today: date
) -> DonorStatement:
    """The donor's contributions dated from ``start`` (from the first, without it) to
    ``end``, and the missions they went to as those stood at the end of ``end``."""
    check_period(start, end)
    assert donor.id is not None
    found = movements.donor_movements(session, donor.id, start=start, end=end)
    funded = sorted(
        (missions.get_mission(session, i) for i in {m.mission_id for m in found}),
        key=lambda m: (m.election_date, m.code),
    )
    codes = {m.id: m.code for m in funded}
    return DonorStatement(
        donor_name=donor.name,
        donor_kind=donor.kind,
        donor_country=donor.country,
        iati_identifier=donor.iati_ref,
        period_start=start,
        period_end=end,
        contributions=tuple(_contribution(session, m, codes[m.mission_id]) for m in found),
        missions=_funded(session, funded, found, end),
        generated_on=today,
    )


def _contribution(session: Session, movement: Movement, code: str) -> Contribution:
    reversed_entry = (
        movements.get_movement(session, movement.reverses_id) if movement.reverses_id else None
    )
    return Contribution(
        on=movement.on,
        mission_code=code,
        kind=movement.kind,
        currency=movement.currency,
        amount=Decimal(movement.amount),
        usd_rate=Decimal(movement.usd_rate),
        amount_usd=Decimal(movement.amount_usd),
        reverses_on=reversed_entry.on if reversed_entry else None,
    )


def _funded(
    session: Session, funded: Sequence[Mission], found: Sequence[Movement], end: date
) -> tuple[FundedMission, ...]:
    return tuple(
        _mission(mission, funding, _received(found, mission))
        for mission, funding in zip(
            funded, figures.figures_of(session, funded, until=end), strict=True
        )
    )


def _received(found: Sequence[Movement], mission: Mission) -> Decimal:
    """What the donor's movements of the period brought the mission, reversals netted."""
    return sum(
        (
            Decimal(m.amount_usd)
            for m in found
            if m.mission_id == mission.id and m.kind == MovementKind.received
        ),
        Decimal("0.00"),
    )


def _mission(mission: Mission, funding: MissionFunding, from_donor: Decimal) -> FundedMission:
    return FundedMission(
        code=mission.code,
        host_country=mission.host_country,
        election_date=mission.election_date,
        received_from_donor_usd=from_donor,
        received_usd=funding.received,
        lines=tuple(BudgetLine(line.category, line.budget, line.spent) for line in funding.by_line),
    )
