"""Money in US dollars: converted and rounded to the cent."""

from decimal import Decimal

from eom.funding.money import to_usd


def test_usd_is_rounded_to_the_cent_half_to_even() -> None:
    assert to_usd(Decimal("0.03"), Decimal("1.5")) == Decimal("0.04")  # 0.045 → 0.04
    assert to_usd(Decimal("0.05"), Decimal("1.5")) == Decimal("0.08")  # 0.075 → 0.08
    assert to_usd(Decimal("33333.33"), Decimal("1.0825")) == Decimal("36083.33")
