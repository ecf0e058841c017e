"""Money movements: pledges, commitments, funds received and expenditure.

A movement is never edited or deleted. A mistake is corrected by a reversing entry (the
same amount with the opposite sign, at the same rate, so that the two cancel to the
cent), and then, if needed, a new entry.
"""

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from eom.accounts import service as accounts
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, NotFound
from eom.core.reference import Country
from eom.funding import rates
from eom.funding.donors import get_donor
from eom.funding.models import (
    IATI_CODES,
    Donor,
    DonorKind,
    Movement,
    MovementCreate,
    MovementKind,
    MovementPublic,
    ReversalIn,
)
from eom.funding.money import CENT, cents_sum, from_cents, to_usd
from eom.planning.missions.models import Mission
from eom.planning.missions.service import chain_of, get_mission


def get_movement(session: Session, movement_id: int) -> Movement:
    movement = session.get(Movement, movement_id)
    if movement is None:
        raise NotFound("No money movement with id {movement_id}.", movement_id=movement_id)
    return movement


def _check_not_host_government(mission: Mission, donor: Donor) -> None:
    if donor.kind == DonorKind.member_state and donor.country == mission.host_country:
        raise Conflict(
            "The government of {country} may not fund its own mission {code}.",
            country=Country(mission.host_country),
            code=mission.code,
        )


def _check_recorded_day(on: date, *, not_before: date | None = None) -> None:
    if on > utcnow().date():
        raise Conflict(
            "A money movement records what happened: {on} is in the future.", on=on.isoformat()
        )
    if not_before and on < not_before:
        raise Conflict(
            "A reversal cannot be dated {on}, before the entry it reverses ({original}).",
            on=on.isoformat(),
            original=not_before.isoformat(),
        )


def incoming_totals(
    session: Session, mission_id: int, donor_id: int, currency: str
) -> dict[MovementKind, Decimal]:
    """What the donor committed and paid for the mission in ``currency``, reversals netted."""
    rows = session.exec(
        select(Movement.kind, cents_sum(Movement.amount))
        .where(
            Movement.mission_id == mission_id,
            Movement.donor_id == donor_id,
            Movement.currency == currency,
            col(Movement.kind).in_((MovementKind.commitment, MovementKind.received)),
        )
        .group_by(Movement.kind)
    )
    totals = {MovementKind.commitment: Decimal("0"), MovementKind.received: Decimal("0")}
    for kind, total in rows:
        totals[MovementKind(kind)] = from_cents(total)
    return totals


def _check_received_within_committed(
    session: Session, movement: Movement, *, override_reason: str | None
) -> None:
    """Funds received from a donor for a mission may not exceed its commitments there, in
    the currency of the commitment, unless staff override it with a reason."""
    if movement.donor_id is None or override_reason:
        return
    totals = incoming_totals(session, movement.mission_id, movement.donor_id, movement.currency)
    totals[MovementKind(movement.kind)] = totals.get(movement.kind, Decimal("0")) + movement.amount
    committed, received = totals[MovementKind.commitment], totals[MovementKind.received]
    if received > committed:
        raise Conflict(
            "{donor} would have paid {received} {currency} for {code} but committed only "
            "{committed} {currency}; record the commitment first, or override with a reason.",
            donor=get_donor(session, movement.donor_id).name,
            received=str(received.quantize(CENT)),
            committed=str(committed.quantize(CENT)),
            currency=movement.currency,
            code=get_mission(session, movement.mission_id).code,
        )


def _store(session: Session, movement: Movement, *, actor: Actor, action: str) -> Movement:
    return audit.created(
        session, movement, actor=actor, chain=chain_of(movement.mission_id), action=action
    )


def record_movement(session: Session, data: MovementCreate, *, actor: Actor) -> Movement:
    """Record a pledge, commitment, receipt or expenditure, converted to USD at the rate of
    its date. Refused: a date in the future or without a rate, the host government
    funding its own mission, funds received beyond commitments without an override."""
    mission = get_mission(session, data.mission_id, for_update=True)
    _check_recorded_day(data.on)
    if data.donor_id is not None:
        _check_not_host_government(mission, get_donor(session, data.donor_id))
    rate = rates.rate_on(session, data.currency, data.on)
    reason = (data.over_commitment_reason or "").strip() if data.allow_over_commitment else None
    now = utcnow()
    movement = Movement.model_validate(
        data.model_dump(exclude={"allow_over_commitment", "over_commitment_reason"}),
        update={
            "usd_rate": rate,
            "amount_usd": to_usd(data.amount, rate),
            "over_commitment_reason": reason,
            "recorded_by": actor.label,
            "recorded_at": now,
            "updated_at": now,
        },
    )
    _check_received_within_committed(session, movement, override_reason=reason)
    return _store(session, movement, actor=actor, action="override" if reason else "create")


def reversal_of(session: Session, movement: Movement) -> Movement | None:
    return session.exec(select(Movement).where(Movement.reverses_id == movement.id)).first()


def reverse_movement(
    session: Session, movement: Movement, data: ReversalIn, *, actor: Actor
) -> Movement:
    """Cancel a movement with an entry of the opposite sign at the same rate; an entry is
    reversed once, and a reversal is not itself reversed (record the movement again)."""
    get_mission(session, movement.mission_id, for_update=True)
    if movement.reverses_id is not None:
        raise Conflict(
            "Entry {id} is itself a reversal; record the movement again instead.", id=movement.id
        )
    if reversal_of(session, movement) is not None:
        raise Conflict("Entry {id} is already reversed.", id=movement.id)
    _check_recorded_day(data.on, not_before=movement.on)
    now = utcnow()
    reversal = Movement(
        **movement.model_dump(
            include={
                "mission_id",
                "kind",
                "currency",
                "donor_id",
                "budget_category",
                "earmark_theme",
                "usd_rate",
            }
        ),
        on=data.on,
        amount=-Decimal(movement.amount),
        amount_usd=-Decimal(movement.amount_usd),
        description=data.description or f"Reversal of entry {movement.id}",
        reverses_id=movement.id,
        recorded_by=actor.label,
        recorded_at=now,
        updated_at=now,
    )
    _check_received_within_committed(session, reversal, override_reason=None)
    # The reversed entry's view names its reversal now: a client syncing sees it change.
    movement.updated_at = now
    session.add(movement)
    return _store(session, reversal, actor=actor, action="reverse")


def list_movements(
    session: Session,
    *,
    limit: int,
    offset: int,
    mission_id: int | None = None,
    kind: MovementKind | None = None,
    donor_ids: set[int] | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[Movement], int]:
    """Movements by date (newest first) matching the filters; ``donor_ids`` limits them to
    those donors' incoming money, ``updated_since`` to those changed at or after it."""
    conditions: list[ColumnElement[bool]] = []
    if updated_since is not None:
        conditions.append(col(Movement.updated_at) >= updated_since)
    if mission_id:
        conditions.append(col(Movement.mission_id) == mission_id)
    if kind:
        conditions.append(col(Movement.kind) == kind)
    if donor_ids is not None:
        conditions.append(col(Movement.donor_id).in_(donor_ids))
    total = session.exec(select(func.count()).select_from(Movement).where(*conditions)).one()
    items = session.exec(
        select(Movement)
        .where(*conditions)
        .order_by(col(Movement.on).desc(), col(Movement.id).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(items), total


def donor_movements(
    session: Session, donor_id: int, *, start: date | None, end: date
) -> list[Movement]:
    """The donor's movements dated from ``start`` (from the first, without it) to ``end``,
    oldest first, reversals included."""
    dated = [] if start is None else [col(Movement.on) >= start]
    return list(
        session.exec(
            select(Movement)
            .where(col(Movement.donor_id) == donor_id, col(Movement.on) <= end, *dated)
            .order_by(col(Movement.on), col(Movement.id))
        )
    )


def views_of(session: Session, movements: Sequence[Movement]) -> list[MovementPublic]:
    """Movements as the API shows them: with the donor's name, any reversal's id, and who
    recorded each as a name and a role (a donor reads them: no staff email)."""
    ids = [m.id for m in movements]
    reversed_by = dict(
        session.exec(
            select(Movement.reverses_id, Movement.id).where(col(Movement.reverses_id).in_(ids))
        ).all()
    )
    donor_ids = {m.donor_id for m in movements if m.donor_id}
    names = dict(
        session.exec(select(Donor.id, Donor.name).where(col(Donor.id).in_(donor_ids))).all()
    )
    recorders = accounts.public_actors(session, {m.recorded_by for m in movements})
    return [
        MovementPublic(
            **m.model_dump(exclude={"over_commitment_reason", "recorded_by"}),
            iati_transaction_type=IATI_CODES[m.kind],
            donor=names.get(m.donor_id) if m.donor_id else None,
            reversed_by_id=reversed_by.get(m.id),
            recorded_by=recorders[m.recorded_by],
        )
        for m in movements
    ]
