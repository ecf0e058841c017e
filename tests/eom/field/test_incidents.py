"""Incidents: stored once, verified once."""

import uuid

import pytest

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict
from eom.field import incidents
from eom.field.models import (
    IncidentCategory,
    IncidentCreate,
    IncidentVerify,
    Severity,
    Verification,
)
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission
from tests.support.filing import OBSERVED


def test_an_incident_is_stored_once_and_verified_once(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    data = IncidentCreate(
        uuid=str(uuid.uuid4()),
        category=IncidentCategory.vote_buying,
        severity=Severity.high,
        place="Plaza principal",
        occurred_at=OBSERVED,
        description="Cash handed out near the entrance.",
    )
    with db.session_scope() as session:
        incident, created = incidents.report(session, mission, member, data, actor=SYSTEM)
        again, created_again = incidents.report(session, mission, member, data, actor=SYSTEM)
    assert created and not created_again and again.id == incident.id
    verdict = IncidentVerify(verification=Verification.confirmed, note="Seen by two teams.")
    with db.session_scope() as session:
        found = incidents.get_incident(session, mission, incident.id or 0)
        incidents.verify(session, found, verdict, actor=SYSTEM)
        assert found.verification == Verification.confirmed and found.verified_by == "system"
        with pytest.raises(Conflict, match="was already confirmed"):
            incidents.verify(session, found, verdict, actor=SYSTEM)
