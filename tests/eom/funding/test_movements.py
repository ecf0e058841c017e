"""Recording money movements: converted at the rate of their day, refused when a rule
forbids them (with nothing stored), corrected only by reversing entries."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import func, select

from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict
from eom.funding import movements
from eom.funding.models import DonorKind, Movement, MovementKind, ReversalIn
from tests.factories import make_donor, make_mission, make_rate, record_money

K = MovementKind
ON = date(2026, 3, 2)


def count_movements(db: Database) -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(Movement)).one()


def test_an_amount_without_a_rate_for_its_date_is_refused_not_guessed(db: Database) -> None:
    mission, donor = make_mission(db), make_donor(db)
    make_rate(db, "EUR", ON - timedelta(days=1), "1.08")
    with pytest.raises(
        Conflict, match="No exchange rate from EUR to USD is recorded for 2026-03-02"
    ):
        record_money(db, mission, K.pledge, "1000.00", "EUR", donor_id=donor.id)
    assert count_movements(db) == 0


def test_the_rate_of_the_day_is_stored_with_the_amount(db: Database) -> None:
    mission, donor = make_mission(db), make_donor(db)
    make_rate(db, "JPY", ON, "0.006683")
    pledge = record_money(db, mission, K.pledge, "1500000", "JPY", donor_id=donor.id)
    assert (pledge.usd_rate, pledge.amount_usd) == (Decimal("0.006683"), Decimal("10024.50"))


def test_dollars_need_no_rate(db: Database) -> None:
    pledge = record_money(
        db, make_mission(db), K.pledge, "10.00", "USD", donor_id=make_donor(db).id
    )
    assert (pledge.usd_rate, pledge.amount_usd) == (Decimal(1), Decimal("10.00"))


def test_the_host_government_never_funds_its_own_mission(db: Database) -> None:
    mission = make_mission(db, host_country="BO")
    bolivia = make_donor(db, name="Bolivia", kind=DonorKind.member_state, country="BO")
    with pytest.raises(Conflict, match="The government of Bolivia may not fund its own mission"):
        record_money(db, mission, K.pledge, "1000.00", "USD", donor_id=bolivia.id)
    assert count_movements(db) == 0


def test_a_foundation_of_the_host_country_may_fund_the_mission(db: Database) -> None:
    mission = make_mission(db, host_country="BO")
    local = make_donor(db, name="Fundación Boliviana", kind=DonorKind.foundation, country="BO")
    assert record_money(db, mission, K.pledge, "1000.00", "USD", donor_id=local.id).id


def test_received_may_not_exceed_committed_for_a_donor_and_mission(db: Database) -> None:
    mission, donor = make_mission(db), make_donor(db)
    record_money(db, mission, K.commitment, "1000.00", "USD", donor_id=donor.id)
    record_money(db, mission, K.received, "600.00", "USD", donor_id=donor.id)
    with pytest.raises(Conflict, match="would have paid 1000.01 USD .* committed only 1000.00"):
        record_money(db, mission, K.received, "400.01", "USD", donor_id=donor.id)
    assert record_money(db, mission, K.received, "400.00", "USD", donor_id=donor.id).id


def test_commitments_are_compared_in_their_own_currency(db: Database) -> None:
    mission, donor = make_mission(db), make_donor(db)
    make_rate(db, "EUR", ON, "1.0825")
    record_money(db, mission, K.commitment, "1000.00", "EUR", donor_id=donor.id)
    with pytest.raises(Conflict, match="committed only 0.00 USD"):
        record_money(db, mission, K.received, "500.00", "USD", donor_id=donor.id)


def test_an_override_with_its_reason_lets_more_be_received_and_is_audited(db: Database) -> None:
    mission, donor = make_mission(db), make_donor(db)
    reason = "Contribution agreement amended on 2026-03-01; commitment to follow."
    paid = record_money(
        db,
        mission,
        K.received,
        "500.00",
        "USD",
        donor_id=donor.id,
        allow_over_commitment=True,
        over_commitment_reason=reason,
    )
    with db.session_scope() as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.entity_type == "money_movement")
        ).one()
    assert (entry.action, entry.entity_id) == ("override", str(paid.id))
    assert json.loads(entry.after or "{}")["over_commitment_reason"] == reason


def test_a_movement_cannot_be_dated_in_the_future(db: Database) -> None:
    tomorrow = utcnow().date() + timedelta(days=1)
    with pytest.raises(Conflict, match="is in the future"):
        record_money(
            db, make_mission(db), K.pledge, "1.00", "USD", donor_id=make_donor(db).id, on=tomorrow
        )


def test_a_reversal_cancels_the_entry_to_the_cent_at_its_rate(db: Database) -> None:
    mission, donor = make_mission(db), make_donor(db)
    make_rate(db, "EUR", ON, "1.0825")
    pledge = record_money(db, mission, K.pledge, "33333.33", "EUR", donor_id=donor.id)
    with db.session_scope() as session:
        fresh = movements.get_movement(session, pledge.id or 0)
        reversal = movements.reverse_movement(
            session, fresh, ReversalIn(on=ON + timedelta(days=3)), actor=SYSTEM
        )
    assert (reversal.amount, reversal.amount_usd, reversal.usd_rate) == (
        Decimal("-33333.33"),
        Decimal("-36083.33"),
        Decimal("1.0825"),
    )
    assert reversal.reverses_id == pledge.id


def test_an_entry_is_reversed_once_and_a_reversal_is_not_reversed(db: Database) -> None:
    pledge = record_money(
        db, make_mission(db), K.pledge, "10.00", "USD", donor_id=make_donor(db).id
    )
    with db.session_scope() as session:
        reversal = movements.reverse_movement(
            session,
            movements.get_movement(session, pledge.id or 0),
            ReversalIn(on=ON),
            actor=SYSTEM,
        )
    with db.session_scope() as session, pytest.raises(Conflict, match="already reversed"):
        movements.reverse_movement(
            session,
            movements.get_movement(session, pledge.id or 0),
            ReversalIn(on=ON),
            actor=SYSTEM,
        )
    with db.session_scope() as session, pytest.raises(Conflict, match="is itself a reversal"):
        movements.reverse_movement(
            session,
            movements.get_movement(session, reversal.id or 0),
            ReversalIn(on=ON),
            actor=SYSTEM,
        )


def test_a_reversal_is_not_dated_before_its_entry(db: Database) -> None:
    pledge = record_money(
        db, make_mission(db), K.pledge, "10.00", "USD", donor_id=make_donor(db).id
    )
    with (
        db.session_scope() as session,
        pytest.raises(Conflict, match="before the entry it reverses"),
    ):
        movements.reverse_movement(
            session,
            movements.get_movement(session, pledge.id or 0),
            ReversalIn(on=ON - timedelta(days=1)),
            actor=SYSTEM,
        )


def test_reversing_a_commitment_already_paid_is_refused(db: Database) -> None:
    mission, donor = make_mission(db), make_donor(db)
    commitment = record_money(db, mission, K.commitment, "100.00", "USD", donor_id=donor.id)
    record_money(db, mission, K.received, "100.00", "USD", donor_id=donor.id)
    with db.session_scope() as session, pytest.raises(Conflict, match="committed only 0.00"):
        movements.reverse_movement(
            session,
            movements.get_movement(session, commitment.id or 0),
            ReversalIn(on=ON),
            actor=SYSTEM,
        )


def test_the_service_offers_no_way_to_edit_or_delete_a_movement() -> None:
    public = [name for name in dir(movements) if not name.startswith("_")]
    assert not [n for n in public if n.startswith(("update", "edit", "delete", "change"))]


def test_a_reversal_marks_the_entry_it_reverses_as_changed_when_it_is_recorded(
    db: Database,
) -> None:
    pledge = record_money(
        db, make_mission(db), K.pledge, "10.00", "USD", donor_id=make_donor(db).id
    )
    assert pledge.updated_at == pledge.recorded_at
    with db.session_scope() as session:
        reversal = movements.reverse_movement(
            session,
            movements.get_movement(session, pledge.id or 0),
            ReversalIn(on=ON),
            actor=SYSTEM,
        )
    with db.session_scope() as session:
        reversed_ = movements.get_movement(session, pledge.id or 0)
        assert reversed_.updated_at == reversal.recorded_at == reversal.updated_at
        assert reversed_.recorded_at == pledge.recorded_at < reversed_.updated_at
