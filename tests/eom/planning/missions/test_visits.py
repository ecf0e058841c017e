"""A mission's preliminary visits: recorded and corrected whole, audited, on the timeline."""

import json
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError
from sqlmodel import select

from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput, StaleVersion
from eom.planning.missions import service as missions
from eom.planning.missions import visits
from eom.planning.missions.models import (
    Mission,
    MissionStatus,
    PreliminaryVisit,
    PreliminaryVisitIn,
    VisitDecision,
)
from tests.factories import make_mission

VISIT: dict[str, Any] = {
    "starts_on": "2026-03-02",
    "ends_on": "2026-03-05",
    "delegation": "Ana Pérez (DECO), Luis Gómez (DECO)",
    "meetings": [
        {
            "held_on": "2026-03-02",
            "interlocutor": "Tribunal Supremo Electoral",
            "summary": "Calendar.",
        },
        {"held_on": "2026-03-04", "interlocutor": "Ministerio de Relaciones Exteriores"},
    ],
    "findings": "The electoral body welcomes the mission; accreditation is open.",
    "decision": "go_ahead",
    "decided_on": "2026-03-06",
}


def _record(db: Database, mission: Mission, **changes: object) -> PreliminaryVisit:
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        data = PreliminaryVisitIn.model_validate({**VISIT, **changes})
        return visits.record_visit(session, fresh, data, actor=SYSTEM)


def test_a_visit_is_recorded_with_its_meetings_and_audited_in_the_missions_chain(
    db: Database,
) -> None:
    mission = make_mission(db)
    visit = _record(db, mission)
    assert visit.meetings[0] == {
        "held_on": "2026-03-02",
        "interlocutor": "Tribunal Supremo Electoral",
        "summary": "Calendar.",
    }
    assert visit.meetings[1]["summary"] == ""
    with db.session_scope() as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.entity_type == "preliminary_visit")
        ).one()
    assert entry.chain == f"mission:{mission.id}"
    assert json.loads(entry.after or "")["decision"] == "go_ahead"


def test_the_visit_shows_on_the_timeline_on_the_day_it_ended_with_its_decision(
    db: Database,
) -> None:
    mission = make_mission(db)
    visit = _record(db, mission)
    with db.session_scope() as session:
        events = missions.timeline(session, missions.get_mission(session, mission.id or 0))
    shown = [e for e in events if e.kind == "visit"]
    assert [(e.on, e.visit_id, e.decision) for e in shown] == [
        (date(2026, 3, 5), visit.id, VisitDecision.go_ahead)
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": "2026-03-01"}, "ends_on"),
        ({"meetings": [{"held_on": "2026-03-09", "interlocutor": "Partido A"}]}, "meetings"),
        ({"decided_on": None}, "decided_on"),
        ({"decision": None}, "decided_on"),
        ({"decided_on": "2026-03-01"}, "decided_on"),
        ({"delegation": "  "}, "delegation"),
        ({"findings": "x\x00y"}, "findings"),
    ],
)
def test_a_visit_that_does_not_add_up_is_refused_naming_the_field(
    changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        PreliminaryVisitIn.model_validate({**VISIT, **changes})
    named = {
        getattr(error.get("ctx", {}).get("error"), "field", None) or error["loc"][0]
        for error in refused.value.errors()
    }
    assert named == {field}


def test_a_visit_undecided_yet_is_recorded_without_a_decision() -> None:
    data = PreliminaryVisitIn.model_validate({**VISIT, "decision": "", "decided_on": ""})
    assert data.decision is None and data.decided_on is None


def test_a_visit_falls_between_the_request_and_the_election(db: Database) -> None:
    mission = make_mission(db, requested_on=date(2026, 3, 3))
    with pytest.raises(InvalidInput, match="between its request"):
        _record(db, mission)


def test_a_correction_replaces_the_visit_whole_and_a_stale_one_is_refused(db: Database) -> None:
    mission = make_mission(db)
    visit = _record(db, mission)
    changed = PreliminaryVisitIn.model_validate(
        {**VISIT, "decision": "go_ahead_with_conditions", "decision_note": "Full access first."}
    )
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        stored = visits.get_visit(session, fresh, visit.id or 0)
        visits.update_visit(session, fresh, stored, changed, actor=SYSTEM, expected_version=1)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        stored = visits.get_visit(session, fresh, visit.id or 0)
        assert (stored.version, stored.decision, stored.decision_note) == (
            2,
            VisitDecision.go_ahead_with_conditions,
            "Full access first.",
        )
        assert stored.starts_on == date(2026, 3, 2)
        with pytest.raises(StaleVersion):
            visits.update_visit(session, fresh, stored, changed, actor=SYSTEM, expected_version=1)


def test_a_closed_mission_takes_no_visit(db: Database) -> None:
    mission = make_mission(db)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        missions.transition(
            session, fresh, MissionStatus.cancelled, on=date(2026, 2, 1), actor=SYSTEM, reason="No"
        )
    with pytest.raises(Conflict):
        _record(db, mission)
