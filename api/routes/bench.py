"""The stack's limit, for ``bench/ingest.py``: an endpoint that stores the same rows as a
submission (the submission and its answer counters) with SQLAlchemy Core and nothing
else (no auth, no validation, no idempotency, no audit).

Mounted only when ``EOM_BENCH_ENDPOINTS`` is true; never in a real deployment."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body
from sqlalchemy import insert

from api.deps import SessionDep
from eom.core.clock import utcnow
from eom.field import counters
from eom.field.models import Submission

router = APIRouter(prefix="/bench", include_in_schema=False)


@router.post("/missions/{mission_id}/submissions", status_code=201)
def bare_insert(
    mission_id: int, body: Annotated[dict[str, Any], Body()], session: SessionDep
) -> dict[str, str]:
    received = utcnow()
    session.execute(
        insert(Submission),
        [
            {
                "uuid": body["uuid"],
                "mission_id": mission_id,
                "member_id": body["member_id"],
                "form_id": body["form_id"],
                "form_version": 1,
                "phase": "voting",
                "station_id": body["station_id"],
                "observed_at": datetime.fromisoformat(body["observed_at"]),
                "received_at": received,
                "updated_at": received,
                "answers": body["answers"],
                "superseded": False,
                "content_hash": "-",
            }
        ],
    )
    counters.add(
        session,
        counters.rows_of(
            body["answers"],
            mission_id=mission_id,
            phase="voting",
            region="bench",
            sign=1,
            shard=counters.shard_of(body["uuid"]),
        ),
    )
    return {"uuid": body["uuid"]}
