"""What a mission plan must be before any service sees it."""

from datetime import date

import pytest
from pydantic import ValidationError

from eom.planning.missions.models import ElectionType, MissionCreate, MissionKind


@pytest.mark.parametrize(
    ("country", "reason"), [("ES", "not a member state of the OAS"), ("ZZ", "not an ISO")]
)
def test_the_host_country_is_an_oas_member_state(country: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        MissionCreate(
            code="EOM-X-1",
            kind=MissionKind.electoral_observation,
            host_country=country,
            election_type=ElectionType.general,
            election_date=date(2026, 5, 1),
        )


def test_the_runoff_comes_after_the_first_round() -> None:
    with pytest.raises(ValidationError, match="runoff must come after"):
        MissionCreate(
            code="EOM-X-1",
            kind=MissionKind.electoral_observation,
            host_country="PE",
            election_type=ElectionType.presidential,
            election_date=date(2026, 4, 12),
            runoff_date=date(2026, 4, 1),
        )
