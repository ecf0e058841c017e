"""Filing checklists from many observers at once, in one transaction (group commit).

On election day hundreds of observers file at the same moment. Each filing is checked
and stored exactly as a single request would be (``submissions.receive``, in a savepoint
of its own, so a refused filing changes nothing), but the filings that arrived together
share one transaction: their callers and memberships are looked up with one query each,
and one commit makes them all durable. Nobody is answered before that commit.

A batch from one observer (``receive_batch``) is stored the same way in its request's
own transaction.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from eom.accounts import service as accounts
from eom.accounts.models import User
from eom.audit.service import Actor
from eom.errors import Conflict, InvalidInput
from eom.field import submissions
from eom.field.models import BatchItemResult, ItemResult, SubmissionIn, SubmissionPublic
from eom.members.models import MissionMember
from eom.missions.models import Mission


@dataclass(frozen=True)
class Filing:
    """One request's checklist: who sends it (their bearer token), to which mission."""

    token: str = field(repr=False)  # a secret: never in a log line
    mission_id: int
    data: SubmissionIn


@dataclass(frozen=True)
class Filed:
    """What the caller is answered: the stored submission, and whether it is new."""

    submission: SubmissionPublic
    result: ItemResult


def receive_filings(
    session: Session, filings: Sequence[Filing], *, now: datetime
) -> list[Filed | Exception]:
    """Each filing's outcome, in order: the stored submission, or the error to answer
    with (the same error a request filing alone would get). Nothing is committed here."""
    callers = accounts.signed_in_users(session, {f.token for f in filings}, now=now)
    places = submissions.deployed_places(
        session, {f.mission_id for f in filings}, {user.email for user in callers.values()}
    )
    outcomes: dict[int, Filed | Exception] = {}
    tally = submissions.Tally()
    lookups = submissions.Lookups()
    lookups.read_regions(session, {f.data.station_id for f in filings})
    # One observer's filings one after the other (their audit chain is locked once, in
    # the same order in every transaction); the counters all at the end, in key order.
    for n in sorted(range(len(filings)), key=lambda n: _who(filings[n], callers)):
        own = submissions.Tally()
        try:
            with session.begin_nested():
                outcomes[n] = _receive_one(
                    session, filings[n], callers, places, own, lookups, now=now
                )
            tally.merge(own)
        except Exception as error:  # this filing's own failure, answered to its caller alone
            outcomes[n] = error
    tally.write(session)
    return [outcomes[n] for n in range(len(filings))]


def _who(filing: Filing, callers: dict[str, User]) -> tuple[int, str]:
    user = callers.get(filing.token)
    return filing.mission_id, user.email if user is not None else ""


def _receive_one(
    session: Session,
    filing: Filing,
    callers: dict[str, User],
    places: dict[tuple[int, str], submissions.Place],
    tally: submissions.Tally,
    lookups: submissions.Lookups,
    *,
    now: datetime,
) -> Filed:
    user = callers.get(filing.token) or accounts.signed_in_user(session, filing.token, now=now)
    place = places.get((filing.mission_id, user.email))
    mission, member = place or submissions.filing_member(session, filing.mission_id, user)
    stored, result = submissions.receive_tallied(
        session,
        mission,
        member,
        filing.data,
        actor=accounts.actor_of(user),
        tally=tally,
        lookups=lookups,
    )
    return Filed(SubmissionPublic.model_validate(stored), result)


def receive_batch(
    session: Session,
    mission: Mission,
    member: MissionMember,
    items: Sequence[dict[str, Any]],
    *,
    actor: Actor,
) -> list[BatchItemResult]:
    """One member's batch, each item answered in order (created, duplicate, conflict,
    invalid); every valid item is stored even when others fail."""
    tally, lookups = submissions.Tally(), submissions.Lookups()
    results = [_batch_item(session, mission, member, item, actor, tally, lookups) for item in items]
    tally.write(session)
    return results


def _batch_item(
    session: Session,
    mission: Mission,
    member: MissionMember,
    item: dict[str, Any],
    actor: Actor,
    tally: submissions.Tally,
    lookups: submissions.Lookups,
) -> BatchItemResult:
    uuid = item.get("uuid") if isinstance(item.get("uuid"), str) else None
    try:
        data = SubmissionIn.model_validate(item)
    except ValidationError as error:
        found = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in error.errors()]
        return BatchItemResult(uuid=uuid, result=ItemResult.invalid, errors=found)
    own = submissions.Tally()
    try:
        with session.begin_nested():
            stored, result = submissions.receive_tallied(
                session, mission, member, data, actor=actor, tally=own, lookups=lookups
            )
    except InvalidInput as error:
        return BatchItemResult(
            uuid=uuid,
            result=ItemResult.invalid,
            errors=error.errors or [{"loc": [], "msg": str(error)}],
        )
    except Conflict as error:
        return BatchItemResult(
            uuid=uuid, result=ItemResult.conflict, errors=[{"loc": ["uuid"], "msg": str(error)}]
        )
    tally.merge(own)
    return BatchItemResult(
        uuid=uuid, result=result, submission=SubmissionPublic.model_validate(stored)
    )
