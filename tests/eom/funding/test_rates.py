"""Exchange rates: recorded once and never replaced, imported all or none."""

from datetime import date

import pytest

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput
from eom.funding import rates
from tests.factories import make_rate

ON = date(2026, 3, 2)


def test_a_recorded_rate_is_never_replaced(db: Database) -> None:
    make_rate(db, "EUR", ON, "1.0825")
    with pytest.raises(Conflict, match="already recorded"):
        make_rate(db, "EUR", ON, "1.0900")


def test_a_rate_import_takes_every_row_or_none(db: Database) -> None:
    good = "currency,on,usd_per_unit\nEUR,2026-03-02,1.0825\nCAD,2026-03-02,0.7391\n"
    bad = good + "GBP,2026-02-30,1.27\nJPY,2026-03-02,-1\n"
    with db.session_scope() as session, pytest.raises(InvalidInput) as refused:
        rates.import_rates(session, bad, actor=SYSTEM)
    assert [e["loc"][:2] for e in refused.value.errors] == [["row", 4], ["row", 5]]
    with db.session_scope() as session:
        assert rates.list_rates(session, limit=10, offset=0)[1] == 0
        assert rates.import_rates(session, good, actor=SYSTEM).created == 2
    with db.session_scope() as session:
        assert rates.import_rates(session, good, actor=SYSTEM).created == 0  # same values
