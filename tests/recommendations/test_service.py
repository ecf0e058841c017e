"""Recommendations: who makes them when, their numbers, reiterations, edits and publishing."""

from datetime import date

import pytest
from sqlmodel import select

from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict, NotFound, StaleVersion
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionStatus
from recommendations import service
from recommendations.models import Priority, RecommendationUpdate
from tests.factories import advance, make_mission, make_recommendation, reported_mission

EARLIER = {"requested_on": date(2020, 6, 1), "election_date": date(2020, 10, 18)}


def test_a_mission_recommends_only_after_observing_the_election(db: Database) -> None:
    planned = advance(db, make_mission(db), MissionStatus.agreements_signed)
    with pytest.raises(Conflict, match="after the mission has observed"):
        make_recommendation(db, planned)


def test_numbers_are_unique_within_a_mission(db: Database) -> None:
    mission = reported_mission(db)
    make_recommendation(db, mission, number=1)
    with pytest.raises(Conflict, match="already has a recommendation number 1"):
        make_recommendation(db, mission, number=1)


def test_a_recommendation_reiterates_one_of_an_earlier_mission_to_the_same_country(
    db: Database,
) -> None:
    earlier = make_recommendation(db, reported_mission(db, **EARLIER))
    later = make_recommendation(db, reported_mission(db), reiterates_id=earlier.id)
    assert later.reiterates_id == earlier.id


def test_reiterating_a_later_or_foreign_recommendation_is_refused(db: Database) -> None:
    later = make_recommendation(db, reported_mission(db))
    elsewhere = make_recommendation(db, reported_mission(db, host_country="PE", **EARLIER))
    earlier_mission = reported_mission(db, **EARLIER)
    with pytest.raises(Conflict, match="earlier mission to the same country"):
        make_recommendation(db, earlier_mission, reiterates_id=later.id)
    with pytest.raises(Conflict, match="earlier mission to the same country"):
        make_recommendation(db, reported_mission(db), reiterates_id=elsewhere.id)


def test_the_picker_offers_what_the_service_would_accept(db: Database) -> None:
    earlier = make_recommendation(db, reported_mission(db, **EARLIER))
    make_recommendation(db, reported_mission(db, host_country="PE", **EARLIER))
    mission = reported_mission(db)
    make_recommendation(db, mission)  # its own are not offered either
    with db.session_scope() as session:
        offered = service.reiteration_candidates(
            session, missions.get_mission(session, mission.id or 0)
        )
    assert [rec.id for rec, _ in offered] == [earlier.id]


def test_reiterating_an_unknown_recommendation_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        make_recommendation(db, reported_mission(db), reiterates_id=999_999)


def test_publishing_waits_for_the_final_report(db: Database) -> None:
    observed = advance(db, make_mission(db), MissionStatus.preliminary_report)
    draft = make_recommendation(db, observed)
    with db.session_scope() as session, pytest.raises(Conflict, match="with the final report"):
        service.publish_recommendation(session, draft, actor=SYSTEM)


def test_an_edit_from_a_stale_read_is_refused_and_a_fresh_one_audited(db: Database) -> None:
    draft = make_recommendation(db, reported_mission(db))
    changes = RecommendationUpdate(priority=Priority.low)
    with db.session_scope() as session, pytest.raises(StaleVersion):
        fresh = service.get_recommendation(session, draft.id or 0)
        service.update_recommendation(session, fresh, changes, actor=SYSTEM, expected_version=7)
    with db.session_scope() as session:
        fresh = service.get_recommendation(session, draft.id or 0)
        edited = service.update_recommendation(
            session, fresh, changes, actor=SYSTEM, expected_version=1
        )
        assert (edited.priority, edited.version) == ("low", 2)
        actions = session.exec(
            select(AuditEntry).where(AuditEntry.entity_type == "recommendation")
        ).all()
        assert [a.action for a in actions] == ["create", "update"]
        assert {a.chain for a in actions} == {f"mission:{draft.mission_id}"}


def test_full_text_search_covers_both_languages(db: Database) -> None:
    mission = reported_mission(db)
    make_recommendation(db, mission, text_en="Publish results by polling station online.")
    make_recommendation(db, mission, text_es="Garantizar la paridad de género en las listas.")
    with db.session_scope() as session:
        for words, expected in (("POLLING station", 1), ("paridad", 1), ("100%", 0)):
            filters = service.Filters(q=words, published_only=False)
            _, total = service.list_recommendations(session, filters, limit=10, offset=0)
            assert total == expected, words


def test_the_chain_runs_from_the_first_mission_to_the_last(db: Database) -> None:
    first = make_recommendation(db, reported_mission(db, **EARLIER), publish=True)
    second_mission = reported_mission(
        db, requested_on=date(2022, 6, 1), election_date=date(2022, 10, 2)
    )
    second = make_recommendation(db, second_mission, reiterates_id=first.id)
    third = make_recommendation(db, reported_mission(db), reiterates_id=second.id, publish=True)
    with db.session_scope() as session:
        found = session.get(type(second), second.id)
        assert found is not None
        everything = service.reiteration_chain(session, found, published_only=False)
        public = service.reiteration_chain(session, found, published_only=True)
    assert [r.id for r in everything] == [first.id, second.id, third.id]
    assert [r.id for r in public] == [first.id, third.id]
