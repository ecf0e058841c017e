"""Mission members and the composition of a mission."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from eom.core.db import UtcDateTime, enum_type
from eom.core.i18n import N_
from eom.core.inputs import Day, Id, left_out
from eom.core.reference import Theme
from eom.planning.missions.models import Mission


class MemberRole(StrEnum):
    chief = "chief"
    deputy_chief = "deputy_chief"
    core_group = "core_group"
    specialist = "specialist"
    regional_coordinator = "regional_coordinator"
    long_term_observer = "long_term_observer"
    short_term_observer = "short_term_observer"
    logistics = "logistics"


ROLE_LABELS = {
    MemberRole.chief: N_("Chief of mission"),
    MemberRole.deputy_chief: N_("Deputy chief"),
    MemberRole.core_group: N_("Core group"),
    MemberRole.specialist: N_("Specialist"),
    MemberRole.regional_coordinator: N_("Regional coordinator"),
    MemberRole.long_term_observer: N_("Long-term observer"),
    MemberRole.short_term_observer: N_("Short-term observer"),
    MemberRole.logistics: N_("Logistics"),
}

# Roles of which a mission has at most one.
SINGLE_ROLES = (MemberRole.chief, MemberRole.deputy_chief)


class MemberStatus(StrEnum):
    invited = "invited"
    confirmed = "confirmed"
    accredited = "accredited"
    deployed = "deployed"
    completed = "completed"
    withdrawn = "withdrawn"


MEMBER_STATUS_LABELS = {
    MemberStatus.invited: N_("Invited"),
    MemberStatus.confirmed: N_("Confirmed"),
    MemberStatus.accredited: N_("Accredited"),
    MemberStatus.deployed: N_("Deployed"),
    MemberStatus.completed: N_("Completed"),
    MemberStatus.withdrawn: N_("Withdrawn"),
}

Area = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")]


class MemberBase(SQLModel):
    observer_id: int = Field(foreign_key="observer.id", index=True)
    role: MemberRole = Field(sa_type=enum_type(MemberRole))
    theme: Theme | None = Field(default=None, sa_type=enum_type(Theme))
    area: Area | None = Field(default=None, max_length=200)
    arrives_on: Day | None = Field(
        default=None, description="the member's first day in the field (none: the mission's)"
    )
    leaves_on: Day | None = Field(
        default=None, description="the member's last day in the field (none: the mission's)"
    )


class MissionMember(MemberBase, table=True):
    __tablename__ = "mission_member"
    __table_args__ = (UniqueConstraint("mission_id", "observer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    area: str | None = Field(default=None, max_length=200)
    status: MemberStatus = Field(default=MemberStatus.invited, sa_type=enum_type(MemberStatus))
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)

    def days(self, mission: Mission) -> tuple[date, date]:
        """The first and last day the member is in the field (``days_in_field`` of their
        own dates)."""
        return days_in_field(mission, self.arrives_on, self.leaves_on)


def days_in_field(
    mission: Mission, arrives_on: date | None, leaves_on: date | None
) -> tuple[date, date]:
    """The first and last day a member is in the field: their own dates where set (long-
    term observers arrive weeks before short-term ones), else the mission's period; never
    outside that period, should the mission's dates move after the member's were set."""
    starts, ends = mission.period()
    return (
        max(arrives_on, starts) if arrives_on else starts,
        min(leaves_on, ends) if leaves_on else ends,
    )


class MemberCreate(MemberBase):
    observer_id: Id


class MemberUpdate(SQLModel):
    role: MemberRole = left_out()
    theme: Theme | None = None
    area: Area | None = None
    status: MemberStatus = left_out()
    arrives_on: Day | None = None
    leaves_on: Day | None = None


class MemberPublic(MemberBase):
    id: int
    mission_id: int
    status: MemberStatus
    full_name: str
    nationality: str
    conduct_complete: bool
    version: int


class Count(SQLModel):
    key: str
    count: int


class Composition(SQLModel):
    """Who a mission is made of (withdrawn members left out)."""

    members: int
    by_role: list[Count]
    by_gender: list[Count]
    by_nationality: list[Count]
    by_language: list[Count]
    unsigned: list[MemberPublic]
