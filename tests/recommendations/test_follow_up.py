"""Follow-up: a dated history of assessments, the current status, and the worklist."""

from datetime import date, timedelta

import pytest

from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict
from eom.planning.missions import service as missions
from recommendations import follow_up, service
from recommendations.models import FollowUpStatus
from tests.factories import assess, make_recommendation, reported_mission

F = FollowUpStatus
EARLIER = {"requested_on": date(2020, 6, 1), "election_date": date(2020, 10, 18)}


def _current(db: Database, recommendation_id: int | None) -> FollowUpStatus:
    with db.session_scope() as session:
        return service.get_recommendation(session, recommendation_id or 0).current_status


def test_the_current_status_is_that_of_the_latest_assessment_by_date(db: Database) -> None:
    rec = make_recommendation(db, reported_mission(db, **EARLIER))
    assert _current(db, rec.id) == F.not_assessed
    assess(db, rec, F.partially_implemented, date(2023, 3, 1))
    assess(db, rec, F.not_implemented, date(2021, 6, 1))  # recorded late, dated earlier
    assert _current(db, rec.id) == F.partially_implemented
    assess(db, rec, F.fully_implemented, date(2024, 2, 1))
    assert _current(db, rec.id) == F.fully_implemented


def test_assessments_are_kept_as_a_history_oldest_first(db: Database) -> None:
    rec = make_recommendation(db, reported_mission(db, **EARLIER))
    assess(db, rec, F.partially_implemented, date(2023, 3, 1))
    assess(db, rec, F.not_implemented, date(2021, 6, 1))
    with db.session_scope() as session:
        found = follow_up.history(session, service.get_recommendation(session, rec.id or 0))
        views = follow_up.follow_up_views(session, found)
    assert [(v.assessed_on, v.status, v.assessed_by) for v in views] == [
        (date(2021, 6, 1), F.not_implemented, "DECO"),
        (date(2023, 3, 1), F.partially_implemented, "DECO"),
    ]


def test_an_assessment_before_the_mission_or_in_the_future_is_refused(db: Database) -> None:
    rec = make_recommendation(db, reported_mission(db, **EARLIER))
    with pytest.raises(Conflict, match="comes before the election"):
        assess(db, rec, F.not_implemented, date(2020, 10, 17))
    with pytest.raises(Conflict, match="in the future"):
        assess(db, rec, F.not_implemented, utcnow().date() + timedelta(days=1))
    assert _current(db, rec.id) == F.not_assessed


def test_only_a_later_mission_to_the_same_country_assesses(db: Database) -> None:
    rec = make_recommendation(db, reported_mission(db, **EARLIER))
    later = reported_mission(db)
    abroad = reported_mission(db, host_country="PE")
    found = assess(
        db, rec, F.mostly_implemented, date(2026, 8, 20), assessed_by_mission_id=later.id
    )
    assert found.assessed_by_mission_id == later.id
    with pytest.raises(Conflict, match="only a later mission to the same country"):
        assess(db, rec, F.mostly_implemented, date(2026, 8, 20), assessed_by_mission_id=abroad.id)


def test_the_worklist_carries_forward_what_is_not_settled(db: Database) -> None:
    old = reported_mission(db, **EARLIER)
    pending = make_recommendation(db, old, number=1)
    partial = make_recommendation(db, old, number=2)
    done = make_recommendation(db, old, number=3)
    moot = make_recommendation(db, old, number=4)
    make_recommendation(db, reported_mission(db, host_country="PE", **EARLIER), number=1)
    assess(db, partial, F.partially_implemented, date(2022, 1, 10))
    assess(db, done, F.fully_implemented, date(2022, 1, 10))
    assess(db, moot, F.no_longer_relevant, date(2022, 1, 10))
    new = reported_mission(db)
    make_recommendation(db, new, number=1)  # its own are not carried to itself
    with db.session_scope() as session:
        items = follow_up.worklist(session, new)
    assert [(i.recommendation.id, i.last_assessed_on) for i in items] == [
        (pending.id, None),
        (partial.id, date(2022, 1, 10)),
    ]


def test_the_assessors_offered_are_the_later_missions_to_the_same_country(db: Database) -> None:
    made_by = reported_mission(db, election_date=date(2021, 10, 18))
    later = reported_mission(db)
    reported_mission(db, host_country="PE")
    reported_mission(db, election_date=date(2020, 10, 18))
    with db.session_scope() as session:
        offered = follow_up.assessors_for(session, missions.get_mission(session, made_by.id or 0))
    assert [m.id for m in offered] == [later.id]
