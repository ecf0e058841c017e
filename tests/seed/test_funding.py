"""The demo funding data: deterministic, exact, and within the rules."""

from datetime import date
from decimal import Decimal

from seed.funding import (
    BASE_RATES,
    DONORS,
    UNDERFUNDED,
    budget_lines,
    in_currency,
    rate_on,
)
from seed.roster import demo_missions


def test_a_days_rate_is_the_same_on_every_run_and_near_its_base() -> None:
    on = date(2026, 3, 2)
    assert rate_on("EUR", on) == rate_on("EUR", on)
    for currency, base in BASE_RATES.items():
        assert abs(rate_on(currency, on) / base - 1) <= Decimal("0.008")


def test_budget_lines_add_up_to_the_planned_budget_to_the_cent() -> None:
    for mission in demo_missions():
        assert sum(budget_lines(mission.planned_budget_usd).values()) == mission.planned_budget_usd


def test_yen_and_won_are_whole_units() -> None:
    assert (
        in_currency(Decimal("1000"), "JPY", date(2026, 3, 2))
        == in_currency(Decimal("1000"), "JPY", date(2026, 3, 2)).to_integral_value()
    )


def test_the_donors_are_states_observers_foundations_and_the_regular_fund() -> None:
    kinds = {d.kind.value for d in DONORS}
    assert {"member_state", "permanent_observer", "foundation", "regular_fund"} <= kinds
    assert {"USD", "CAD", "EUR", "JPY"} <= {d.currency for d in DONORS}
    assert UNDERFUNDED in {m.code for m in demo_missions()}
