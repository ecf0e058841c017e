"""Filing checklists through the service, as the field-reporting tests do: a valid answer
to every question of ``tests.factories.SIMPLE_FORM`` and one call to file it."""

import uuid
from datetime import UTC, datetime

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import filing
from eom.field.models import ItemResult, Submission, SubmissionIn
from eom.planning.members.models import MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission

OBSERVED = datetime(2026, 8, 17, 7, 5, tzinfo=UTC)
GOOD = {
    "opened_on_time": True,
    "staff_present": 7,
    "assessment": "good",
    "agents": ["governing", "opposition"],
    "opening_time": "07:05",
}


def receive(
    db: Database,
    mission: Mission,
    member: MissionMember,
    *,
    received_at: datetime | None = None,
    **overrides: object,
) -> tuple[Submission, ItemResult]:
    """File one submission of the member (a new uuid, ``GOOD`` answers, observed at
    ``OBSERVED``, unless overridden)."""
    values: dict[str, object] = {
        "uuid": str(uuid.uuid4()),
        "observed_at": OBSERVED,
        "answers": GOOD,
    }
    values.update(overrides)
    data = SubmissionIn.model_validate(values)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return filing.file_one(session, fresh, member, data, actor=SYSTEM, received_at=received_at)
