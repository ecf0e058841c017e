"""The demo recommendations: enough of them, on every theme, in both languages, with
reiterations, drafts and a history of partial progress."""

from collections import Counter
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session, select

from eom.audit import service as audit
from eom.core.db import Database
from eom.core.reference import Theme
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from recommendations import follow_up
from recommendations.models import FollowUp, FollowUpStatus, Recommendation
from seed.loader import STEPS
from tests.support.databases import empty_all_tables


@pytest.fixture(scope="module")
def seeded(migrated_db: Database, hasher: PasswordHasher) -> Iterator[Database]:
    """The demo data set without election day (which recommendations do not need), loaded
    once for the tests of this module, which only read it."""
    with migrated_db.session_scope() as session:
        for name, step in STEPS:
            if name != "field reports":
                step(session, hasher, lambda _: None)
    yield migrated_db
    empty_all_tables(migrated_db)


def _all(session: Session) -> list[tuple[Recommendation, Mission]]:
    query = select(Recommendation, Mission).join(Mission)
    return [(rec, mission) for rec, mission in session.exec(query)]


def test_successive_missions_to_each_country_recommend_on_every_theme(seeded: Database) -> None:
    with seeded.session_scope() as session:
        found = _all(session)
    assert len(found) >= 150
    assert {rec.theme for rec, _ in found} == set(Theme)
    missions_per_country = Counter(
        country for country, _ in {(m.host_country, m.code) for _, m in found}
    )
    assert min(missions_per_country.values()) >= 2 and len(missions_per_country) == 6
    assert all(rec.text_en != rec.text_es for rec, _ in found)


def test_later_missions_reiterate_and_drafts_stay_unpublished(seeded: Database) -> None:
    with seeded.session_scope() as session:
        found = _all(session)
        reiterating = Counter(m.host_country for rec, m in found if rec.reiterates_id)
        bolivia = missions.find_by_code(session, "EOM-BOL-2025")
        assert bolivia is not None
        worklist = follow_up.worklist(session, bolivia)
    assert set(reiterating) == {m.host_country for _, m in found}
    assert 0 < sum(not rec.published for rec, _ in found) < 10
    assert worklist and all(
        i.recommendation.current_status
        not in (FollowUpStatus.fully_implemented, FollowUpStatus.no_longer_relevant)
        for i in worklist
    )


def test_assessments_show_partial_progress_and_the_audit_chain_holds(seeded: Database) -> None:
    with seeded.session_scope() as session:
        statuses = Counter(rec.current_status for rec, _ in _all(session))
        assessments = len(session.exec(select(FollowUp.id)).all())
        _, problems = audit.verify(session)
    assert assessments >= 150 and problems == []
    implemented = (
        statuses[FollowUpStatus.fully_implemented] + statuses[FollowUpStatus.mostly_implemented]
    )
    pending = (
        statuses[FollowUpStatus.not_implemented] + statuses[FollowUpStatus.partially_implemented]
    )
    assert 0 < implemented < pending
