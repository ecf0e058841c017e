"""CSV imports of recommendations and assessments: every row or none, each problem by row."""

from datetime import date

import pytest
from sqlmodel import func, select

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import InvalidInput
from recommendations import importing
from recommendations.models import FollowUp, FollowUpStatus, Recommendation
from tests.factories import reported_mission

HEADER = ",".join(importing.RECOMMENDATION_COLUMNS) + "\n"
EARLIER = {
    "code": "EOM-BOL-2020",
    "requested_on": date(2020, 6, 1),
    "election_date": date(2020, 10, 18),
}


def _row(code: str, number: int, reiterates: str = "", published: str = "true") -> str:
    return (
        f'{code},{number},"Adopt a law that regulates electoral debates, with rules for all.",'
        f'"Adoptar una ley que regule los debates electorales, con reglas para todos.",'
        f"media,legislature,medium,legal,{reiterates},{published}\n"
    )


def _count(db: Database, model: type[Recommendation] | type[FollowUp]) -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_a_file_of_recommendations_is_stored_with_its_reiterations(db: Database) -> None:
    reported_mission(db, **EARLIER)
    reported_mission(db, code="EOM-BOL-2026")
    text = HEADER + _row("EOM-BOL-2020", 1) + _row("EOM-BOL-2026", 1, "EOM-BOL-2020#1")
    with db.session_scope() as session:
        report = importing.import_recommendations(session, text, actor=SYSTEM)
    assert (report.created, report.updated) == (2, 0)
    with db.session_scope() as session:
        later = importing.find_by_reference(session, "EOM-BOL-2026#1")
        earlier = importing.find_by_reference(session, "EOM-BOL-2020#1")
        assert later.reiterates_id == earlier.id and later.published


def test_one_bad_row_stores_nothing_and_names_every_problem(db: Database) -> None:
    reported_mission(db, **EARLIER)
    text = (
        HEADER
        + _row("EOM-BOL-2020", 1)
        + _row("EOM-XXX-2020", 2)
        + _row("EOM-BOL-2020", 3).replace("media", "sports")
    )
    with db.session_scope() as session, pytest.raises(InvalidInput) as refused:
        importing.import_recommendations(session, text, actor=SYSTEM)
    assert [(e["loc"][1], e["loc"][2]) for e in refused.value.errors] == [(4, "theme")]
    text = HEADER + _row("EOM-BOL-2020", 1) + _row("EOM-XXX-2020", 2)
    with db.session_scope() as session, pytest.raises(InvalidInput) as refused:
        importing.import_recommendations(session, text, actor=SYSTEM)
    assert refused.value.errors == [
        {"loc": ["row", 3, ""], "msg": "No mission with the code EOM-XXX-2020."}
    ]
    assert _count(db, Recommendation) == 0


def test_assessments_are_imported_and_refused_as_a_whole(db: Database) -> None:
    reported_mission(db, **EARLIER)
    reported_mission(db, code="EOM-BOL-2026")
    with db.session_scope() as session:
        importing.import_recommendations(session, HEADER + _row("EOM-BOL-2020", 1), actor=SYSTEM)
    header = "mission_code,number,assessed_on,status,evidence,source_url,assessed_by\n"
    good = "EOM-BOL-2020,1,2022-03-01,partially_implemented,Bill in committee,,\n"
    by_mission = "EOM-BOL-2020,1,2026-09-01,mostly_implemented,Law 1234 passed,https://example.org/l,EOM-BOL-2026\n"
    too_early = "EOM-BOL-2020,1,2019-01-01,not_implemented,Nothing yet,,\n"
    with db.session_scope() as session, pytest.raises(InvalidInput) as refused:
        importing.import_assessments(session, header + good + too_early, actor=SYSTEM)
    assert refused.value.errors[0]["loc"] == ["row", 3, ""]
    assert _count(db, FollowUp) == 0
    with db.session_scope() as session:
        report = importing.import_assessments(session, header + good + by_mission, actor=SYSTEM)
        assert report.created == 2
        found = importing.find_by_reference(session, "EOM-BOL-2020#1")
        assert found.current_status == FollowUpStatus.mostly_implemented
