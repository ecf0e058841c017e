"""The shapes that funding input must have before any service sees it."""

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from eom.funding.models import (
    BudgetIn,
    DonorKind,
    ExchangeRateCreate,
    MovementCreate,
    donor_name_in,
)

ON = date(2026, 3, 2)


def test_an_override_without_a_reason_is_invalid() -> None:
    with pytest.raises(ValidationError, match="An override needs its reason."):
        MovementCreate.model_validate(
            {
                "mission_id": 1,
                "kind": "received",
                "on": "2026-03-02",
                "amount": "1.00",
                "currency": "USD",
                "donor_id": 1,
                "allow_over_commitment": True,
            }
        )


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"kind": "pledge"}, "A pledge, commitment or receipt names its donor."),
        ({"kind": "expenditure", "donor_id": 1, "budget_category": "travel"}, "has no donor."),
        ({"kind": "expenditure"}, "names its budget line."),
        ({"kind": "pledge", "donor_id": 1, "amount": "-5.00"}, "as decimal text"),
        ({"kind": "pledge", "donor_id": 1, "amount": "0.00"}, "as decimal text"),
        ({"kind": "pledge", "donor_id": 1, "currency": "XXZ"}, "ISO 4217"),
    ],
)
def test_a_movement_has_the_shape_of_its_kind(values: dict[str, object], reason: str) -> None:
    base = {"mission_id": 1, "on": "2026-03-02", "amount": "1.00", "currency": "USD"}
    with pytest.raises(ValidationError, match=reason):
        MovementCreate.model_validate({**base, **values})


def test_a_budget_names_each_category_once() -> None:
    with pytest.raises(ValidationError, match="Each budget line may appear once."):
        BudgetIn.model_validate(
            {
                "lines": [
                    {"category": "travel", "amount_usd": "1"},
                    {"category": "travel", "amount_usd": "2"},
                ]
            }
        )


def test_a_dollar_has_no_rate_to_record() -> None:
    with pytest.raises(ValidationError, match="always one US dollar"):
        ExchangeRateCreate(currency="USD", on=ON, usd_per_unit=Decimal(1))


@pytest.mark.parametrize(
    ("name", "kind", "country", "language", "read"),
    [
        ("Germany", DonorKind.member_state, "DE", "es", "Alemania"),
        ("Republic of Korea", DonorKind.permanent_observer, "KR", "en", "Republic of Korea"),
        ("Republic of Korea", DonorKind.permanent_observer, "KR", "es", "Corea del Sur"),
        ("OAS Regular Fund", DonorKind.regular_fund, None, "es", "Fondo Regular de la OEA"),
        ("Civic Futures Trust", DonorKind.foundation, "US", "es", "Civic Futures Trust"),
    ],
)
def test_a_donor_is_named_as_its_reader_reads_it(
    name: str, kind: DonorKind, country: str | None, language: str, read: str
) -> None:
    assert donor_name_in(name, kind, country, language) == read
