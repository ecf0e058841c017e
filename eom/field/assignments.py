"""What an observer's field app starts from (``GET /api/v1/me/assignments``): each mission
they are on, their place and days in it, their stations, the forms to answer with each
one's JSON Schema, whether they file its meetings, and where they stand with the code of
conduct. Gathered in a fixed number of queries, however many missions, stations and forms
there are."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlmodel import Field, Session, SQLModel, col, select

from eom.accounts.models import Me, User
from eom.field import access, forms, stations
from eom.field.models import (
    Form,
    FormPublic,
    FormStatus,
    PollingStation,
    StationAssignment,
    StationPublic,
)
from eom.planning.access import observer_of
from eom.planning.conduct import service as conduct
from eom.planning.conduct.models import MemberConduct
from eom.planning.members.models import MemberPublic, MemberStatus, MissionMember
from eom.planning.members.service import chiefs_of, public_view
from eom.planning.missions.models import Mission, MissionPublic
from eom.planning.observers.models import Observer

# Memberships the app shows: on the way to the field (the code of conduct can be read and
# acknowledged before deployment) or in it. Whether a filing is taken stays the server's
# rule (a deployed member files), whatever the app shows.
SHOWN = (
    MemberStatus.invited,
    MemberStatus.confirmed,
    MemberStatus.accredited,
    MemberStatus.deployed,
)


class AssignedForm(FormPublic):
    """A published form as the app fills it in, with the JSON Schema of its answers."""

    answers_schema: dict[str, Any]


class Assignment(SQLModel):
    """One mission of the observer's: the mission, their place and days in it, their
    stations, the latest published version of each of its forms, whether they file its
    meetings, and their code of conduct."""

    mission: MissionPublic
    member: MemberPublic
    arrives_on: date = Field(
        description="the member's first day in the field: their own, else the mission's "
        "(what they observed before it is refused)"
    )
    leaves_on: date = Field(
        description="the member's last day in the field: their own, else the mission's "
        "(what they observed after it is refused)"
    )
    stations: list[StationPublic]
    areas: list[str] = Field(
        description="the regions and municipalities the member may file an area form for"
    )
    forms: list[AssignedForm]
    files_meetings: bool = Field(
        description="whether the member files the mission's meetings with interlocutors now"
    )
    conduct: MemberConduct


class MyAssignments(SQLModel):
    """Everything the field app needs to start, for the signed-in user."""

    user: Me
    generated_at: datetime
    missions: list[Assignment]


def my_assignments(session: Session, user: User, *, now: datetime) -> MyAssignments:
    """The signed-in user's missions (an observer's memberships not completed or
    withdrawn, newest election first); none for a user who is on no roster."""
    me = Me.model_validate(user, from_attributes=True)
    observer = observer_of(session, user)
    rows = _memberships(session, observer) if observer is not None else []
    if observer is None or not rows:
        return MyAssignments(user=me, generated_at=now, missions=[])
    members = [member for member, _ in rows]
    mission_ids = [mission.id or 0 for _, mission in rows]
    chiefs = chiefs_of(session, mission_ids)
    sent_to = _stations_of(session, members)
    areas = stations.areas_of(session, mission_ids)
    latest = _latest_published_forms(session, mission_ids)
    conducts = conduct.conducts_of(session, members)
    missions = [
        Assignment(
            mission=MissionPublic(**mission.model_dump(), chief=chiefs.get(mission.id or 0)),
            member=public_view(
                member, observer, conduct_complete=conducts[member.id or 0].complete
            ),
            arrives_on=member.days(mission)[0],
            leaves_on=member.days(mission)[1],
            stations=sent_to.get(member.id or 0, []),
            areas=_own_areas(areas.get(mission.id or 0, {}), member),
            forms=latest.get(mission.id or 0, []),
            files_meetings=access.files_meetings(member),
            conduct=conducts[member.id or 0],
        )
        for member, mission in rows
    ]
    return MyAssignments(user=me, generated_at=now, missions=missions)


def _memberships(session: Session, observer: Observer) -> list[tuple[MissionMember, Mission]]:
    return list(
        session.exec(
            select(MissionMember, Mission)
            .join(Mission, col(Mission.id) == col(MissionMember.mission_id))
            .where(
                MissionMember.observer_id == observer.id,
                col(MissionMember.status).in_(SHOWN),
            )
            .order_by(col(Mission.election_date).desc(), col(Mission.id))
        )
    )


def _stations_of(
    session: Session, members: Sequence[MissionMember]
) -> dict[int, list[StationPublic]]:
    """Each member's stations, in region > municipality > centre > code order."""
    rows = session.exec(
        select(StationAssignment.member_id, PollingStation)
        .join(PollingStation, col(PollingStation.id) == col(StationAssignment.station_id))
        .where(col(StationAssignment.member_id).in_([m.id for m in members]))
        .order_by(
            col(PollingStation.region),
            col(PollingStation.municipality),
            col(PollingStation.centre),
            col(PollingStation.code),
        )
    )
    found: dict[int, list[StationPublic]] = {}
    for member_id, station in rows:
        found.setdefault(member_id, []).append(StationPublic.model_validate(station))
    return found


def _own_areas(areas: dict[str, str], member: MissionMember) -> list[str]:
    """The areas the member may report on: regions first, then municipalities, each in
    name order."""
    mine = stations.areas_for(areas, member.area)
    return sorted(mine, key=lambda a: (mine[a] != a, a))


def _latest_published_forms(
    session: Session, mission_ids: list[int]
) -> dict[int, list[AssignedForm]]:
    """The latest published version of each form of these missions, by mission, in order
    of key."""
    latest: dict[tuple[int, str], Form] = {}
    for form in session.exec(
        select(Form)
        .where(col(Form.mission_id).in_(mission_ids), Form.status == FormStatus.published)
        .order_by(col(Form.mission_id), col(Form.key), col(Form.version))
    ):
        latest[(form.mission_id, form.key)] = form  # ordered by version: the last one wins
    found: dict[int, list[AssignedForm]] = {}
    for (mission_id, _), form in latest.items():
        schema = forms.answers_schema(forms.questions_of(form))
        found.setdefault(mission_id, []).append(
            AssignedForm.model_validate(form, update={"answers_schema": schema})
        )
    return found
