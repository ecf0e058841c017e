"""What an observer sent, read back (the field app's "What I sent"): their own submissions,
incidents and meetings across their missions, newest received first, each submission with
the correction that supersedes it, if any."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from eom.accounts.models import User
from eom.field.models import FiledSubmission, Incident, Meeting, Submission
from eom.planning.access import observer_of
from eom.planning.members.models import MissionMember


def corrections_of(session: Session, uuids: Sequence[str]) -> dict[str, str]:
    """The uuid of the submission that corrects each of these, for those corrected."""
    if not uuids:
        return {}
    rows = session.exec(
        select(Submission.supersedes, Submission.uuid).where(col(Submission.supersedes).in_(uuids))
    )
    return {corrected: by for corrected, by in rows if corrected is not None}


def filed(session: Session, submissions: Sequence[Submission]) -> list[FiledSubmission]:
    """These submissions as their filer reads them back, each with its correction."""
    corrections = corrections_of(session, [s.uuid for s in submissions if s.superseded])
    return [
        FiledSubmission.model_validate(s, update={"superseded_by": corrections.get(s.uuid)})
        for s in submissions
    ]


def _own_member_ids(session: Session, user: User, mission_id: int | None) -> list[int]:
    """The caller's memberships (of one mission, or all): none if they are on no roster."""
    observer = observer_of(session, user)
    if observer is None:
        return []
    conditions: list[ColumnElement[bool]] = [col(MissionMember.observer_id) == observer.id]
    if mission_id is not None:
        conditions.append(col(MissionMember.mission_id) == mission_id)
    return [i for i in session.exec(select(MissionMember.id).where(*conditions)) if i is not None]


def own_submissions(
    session: Session,
    user: User,
    *,
    limit: int,
    offset: int,
    mission_id: int | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[FiledSubmission], int]:
    """The caller's own submissions (of one mission, or all; with ``updated_since``, those
    received or corrected at or after it), newest received first, corrected ones too, and
    how many there are."""
    members = _own_member_ids(session, user, mission_id)
    if not members:
        return [], 0
    mine: list[ColumnElement[bool]] = [col(Submission.member_id).in_(members)]
    if updated_since is not None:
        mine.append(col(Submission.updated_at) >= updated_since)
    total = session.exec(select(func.count()).select_from(Submission).where(*mine)).one()
    items = session.exec(
        select(Submission)
        .where(*mine)
        .order_by(col(Submission.received_at).desc(), col(Submission.uuid))
        .limit(limit)
        .offset(offset)
    )
    return filed(session, list(items)), total


def own_incidents(
    session: Session, user: User, *, limit: int, offset: int, mission_id: int | None = None
) -> tuple[list[Incident], int]:
    """The caller's own incidents (of one mission, or all), newest received first, and
    how many there are."""
    members = _own_member_ids(session, user, mission_id)
    if not members:
        return [], 0
    mine = col(Incident.member_id).in_(members)
    total = session.exec(select(func.count()).select_from(Incident).where(mine)).one()
    items = session.exec(
        select(Incident)
        .where(mine)
        .order_by(col(Incident.received_at).desc(), col(Incident.id).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(items), total


def own_meetings(
    session: Session, user: User, *, limit: int, offset: int, mission_id: int | None = None
) -> tuple[list[Meeting], int]:
    """The caller's own meetings (of one mission, or all), newest received first, and how
    many there are."""
    members = _own_member_ids(session, user, mission_id)
    if not members:
        return [], 0
    mine = col(Meeting.member_id).in_(members)
    total = session.exec(select(func.count()).select_from(Meeting).where(mine)).one()
    items = session.exec(
        select(Meeting)
        .where(mine)
        .order_by(col(Meeting.created_at).desc(), col(Meeting.id).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(items), total
