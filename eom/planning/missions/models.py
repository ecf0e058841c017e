"""Missions, the transitions of their lifecycle, and their agreements with the host."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import ConfigDict, StringConstraints, WithJsonSchema, model_validator
from pydantic import Field as PydanticField
from sqlalchemy import JSON, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from eom.core.clock import utcnow
from eom.core.db import UtcDateTime, enum_type, updated_at_field
from eom.core.errors import RuleBroken
from eom.core.i18n import N_
from eom.core.inputs import Day, left_out
from eom.core.reference import MemberStateCode


class MissionKind(StrEnum):
    electoral_observation = "electoral_observation"
    electoral_cooperation = "electoral_cooperation"
    expert_mission = "expert_mission"


KIND_LABELS = {
    MissionKind.electoral_observation: N_("Electoral Observation Mission"),
    MissionKind.electoral_cooperation: N_("Electoral Cooperation Mission"),
    MissionKind.expert_mission: N_("Electoral Expert Mission"),
}


class ElectionType(StrEnum):
    general = "general"
    presidential = "presidential"
    legislative = "legislative"
    subnational = "subnational"
    referendum = "referendum"
    judicial = "judicial"
    primary = "primary"


ELECTION_TYPE_LABELS = {
    ElectionType.general: N_("General"),
    ElectionType.presidential: N_("Presidential"),
    ElectionType.legislative: N_("Legislative"),
    ElectionType.subnational: N_("Subnational"),
    ElectionType.referendum: N_("Referendum"),
    ElectionType.judicial: N_("Judicial"),
    ElectionType.primary: N_("Primary"),
}


class MissionStatus(StrEnum):
    requested = "requested"
    accepted = "accepted"
    preliminary_visit = "preliminary_visit"
    agreements_signed = "agreements_signed"
    deployed = "deployed"
    preliminary_report = "preliminary_report"
    final_report = "final_report"
    follow_up = "follow_up"
    closed = "closed"
    cancelled = "cancelled"


STATUS_LABELS = {
    MissionStatus.requested: N_("Requested"),
    MissionStatus.accepted: N_("Accepted"),
    MissionStatus.preliminary_visit: N_("Preliminary visit"),
    MissionStatus.agreements_signed: N_("Agreements signed"),
    MissionStatus.deployed: N_("Deployed"),
    MissionStatus.preliminary_report: N_("Preliminary report"),
    MissionStatus.final_report: N_("Final report"),
    MissionStatus.follow_up: N_("Follow-up"),
    MissionStatus.closed: N_("Closed"),
    MissionStatus.cancelled: N_("Cancelled"),
}


# The sets of states that other rules ask about, each defined here once.
_S = MissionStatus
# The mission has observed its election (and may draft recommendations).
OBSERVED = (_S.deployed, _S.preliminary_report, _S.final_report, _S.follow_up, _S.closed)
# The mission's final report has been presented (its report and recommendations are public).
REPORT_PUBLISHED = (_S.final_report, _S.follow_up, _S.closed)
# The mission no longer changes its plan or its people.
FINISHED = (_S.closed, _S.cancelled)
# The mission takes no more field reports: its final report is out (its figures are
# published and never move), or it was cancelled.
CLOSED_TO_FILINGS = (*REPORT_PUBLISHED, _S.cancelled)
# Field reports still taken but marked late: the preliminary report is out.
LATE_FILINGS = (_S.preliminary_report,)


class AgreementKind(StrEnum):
    privileges_immunities = "privileges_immunities"
    observation_procedures = "observation_procedures"


AGREEMENT_LABELS = {
    AgreementKind.privileges_immunities: N_("Privileges and immunities (government)"),
    AgreementKind.observation_procedures: N_("Observation procedures (electoral body)"),
}

MissionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]{2,29}$")]
# Money travels as a decimal string ("1250000.00"), never a float.
Money = Annotated[
    Decimal,
    PydanticField(ge=0, max_digits=14, decimal_places=2),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\d{1,12}(\.\d{1,2})?$", "examples": ["1250000.00"]}
    ),
]

# When no deployment dates are given, a mission is taken to be in the country from
# three weeks before the (first) election day to ten days after the last one.
DEFAULT_ARRIVAL = timedelta(days=20)
DEFAULT_DEPARTURE = timedelta(days=10)


class MissionBase(SQLModel):
    code: MissionCode = Field(max_length=30)
    kind: MissionKind = Field(sa_type=enum_type(MissionKind))
    host_country: MemberStateCode = Field(max_length=2)
    election_type: ElectionType = Field(sa_type=enum_type(ElectionType))
    requested_on: Day | None = Field(default=None, description="when the invitation came")
    election_date: Day
    runoff_date: Day | None = None
    deployment_starts_on: Day | None = None
    deployment_ends_on: Day | None = None
    file_any_station_in_area: bool = Field(
        default=False,
        description="members may file checklists for any station of their area (its region "
        "or municipality), not only the stations they were sent to",
    )


class Mission(MissionBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=30, unique=True)
    host_country: str = Field(max_length=2, index=True)
    requested_on: date
    status: MissionStatus = Field(
        default=MissionStatus.requested, sa_type=enum_type(MissionStatus), index=True
    )
    accepted_on: date | None = None
    # When the mission's first preliminary statement and its final report became public
    # (published, past any embargo): the documents domain records them, the lifecycle
    # reads them (``NEEDS_DOCUMENT`` in the service).
    preliminary_statement_public_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    final_report_public_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = updated_at_field()

    def period(self) -> tuple[date, date]:
        """The days the mission is in the country: its deployment dates, or the default."""
        last_vote = self.runoff_date or self.election_date
        return (
            self.deployment_starts_on or self.election_date - DEFAULT_ARRIVAL,
            self.deployment_ends_on or last_vote + DEFAULT_DEPARTURE,
        )

    @property
    def is_public(self) -> bool:
        """Public once accepted (and so even if cancelled later), never before."""
        return self.accepted_on is not None

    @property
    def report_published(self) -> bool:
        """The mission's report is public from its final report on."""
        return self.status in REPORT_PUBLISHED


def _check_dates(mission: "MissionCreate | MissionUpdate") -> None:
    election, runoff = mission.election_date, mission.runoff_date
    if mission.requested_on and mission.requested_on > utcnow().date():
        raise RuleBroken("requested_on", N_("The invitation cannot be dated in the future."))
    if runoff and election and runoff <= election:
        raise RuleBroken("runoff_date", N_("The runoff must come after the election date."))
    starts, ends = mission.deployment_starts_on, mission.deployment_ends_on
    if starts and ends and ends < starts:
        raise RuleBroken("deployment_ends_on", N_("The deployment cannot end before it starts."))


class MissionCreate(MissionBase):
    planned_budget_usd: Money | None = Field(
        default=None,
        description="the planned budget in USD, recorded as the mission's original budget "
        "(its first revision; change it later with PUT /missions/{id}/budget)",
    )

    @model_validator(mode="after")
    def dates_in_order(self) -> "MissionCreate":
        _check_dates(self)
        return self


class MissionUpdate(SQLModel):
    # A field it does not know is refused, not ignored: the budget, say, is changed with
    # its own endpoint, and a silently dropped change would look like a saved one.
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    code: MissionCode = left_out()
    requested_on: Day = left_out()
    kind: MissionKind = left_out()
    host_country: MemberStateCode = left_out()
    election_type: ElectionType = left_out()
    election_date: Day = left_out()
    runoff_date: Day | None = None
    deployment_starts_on: Day | None = None
    deployment_ends_on: Day | None = None
    file_any_station_in_area: bool = left_out()

    @model_validator(mode="after")
    def dates_in_order(self) -> "MissionUpdate":
        _check_dates(self)
        return self


class MissionPublic(SQLModel):
    """What anyone may see of a mission once it is accepted: no budget, no people."""

    id: int
    code: str
    requested_on: date
    kind: MissionKind
    host_country: str
    election_type: ElectionType
    election_date: date
    runoff_date: date | None
    deployment_starts_on: date | None
    deployment_ends_on: date | None
    status: MissionStatus
    chief: str | None
    updated_at: datetime = Field(description="when the mission's record last changed")
    view: Literal["public"] = Field(
        default="public",
        description="which view of the mission this is: `public` (what anyone may see) or "
        "`staff` (DECO staff's, with the budget and the version)",
    )


class MissionStaffView(MissionPublic):
    """What DECO staff see; the budget is the one in force (its lines, its last revision)."""

    # The discriminator of the two views: a client tells them apart by this field alone.
    view: Literal["staff"] = "staff"  # type: ignore[assignment]

    planned_budget_usd: Decimal | None = Field(
        default=None, description="the budget in force in USD; none before a budget is entered"
    )
    accepted_on: date | None
    file_any_station_in_area: bool
    version: int


class MissionTransition(SQLModel, table=True):
    """One step of a mission's lifecycle: from, to, on which date, by whom."""

    __tablename__ = "mission_transition"

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    from_status: MissionStatus = Field(sa_type=enum_type(MissionStatus))
    to_status: MissionStatus = Field(sa_type=enum_type(MissionStatus))
    on: date
    reason: str | None = Field(default=None, max_length=1000)
    actor_id: int | None = None
    actor: str = Field(max_length=320)
    recorded_at: datetime = Field(sa_type=UtcDateTime)


class TransitionRequest(SQLModel):
    to: MissionStatus
    on: Day
    reason: str | None = Field(
        default=None,
        max_length=1000,
        regex=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$",
        description="why the step was taken; required to cancel a mission",
    )


class TransitionPublic(SQLModel):
    from_status: MissionStatus
    to_status: MissionStatus
    on: date
    reason: str | None
    actor: str
    recorded_at: datetime


class AgreementBase(SQLModel):
    kind: AgreementKind = Field(sa_type=enum_type(AgreementKind))
    counterpart: str = Field(min_length=2, max_length=200, regex=r"^[^\x00-\x1f\x7f]+$")
    signed_on: Day


class Agreement(AgreementBase, table=True):
    __table_args__ = (UniqueConstraint("mission_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    counterpart: str = Field(max_length=200)
    recorded_at: datetime = Field(sa_type=UtcDateTime)


class AgreementCreate(AgreementBase):
    pass


class AgreementPublic(AgreementBase):
    id: int


class VisitDecision(StrEnum):
    """What a preliminary visit concludes about deploying the mission."""

    go_ahead = "go_ahead"
    go_ahead_with_conditions = "go_ahead_with_conditions"
    not_advisable = "not_advisable"


VISIT_DECISION_LABELS = {
    VisitDecision.go_ahead: N_("Go ahead with the mission"),
    VisitDecision.go_ahead_with_conditions: N_("Go ahead, with conditions"),
    VisitDecision.not_advisable: N_("Deploying is not advisable"),
}


class TimelineEvent(SQLModel):
    """A dated event in a mission's life: a transition, an agreement signed, or a
    preliminary visit (on the day it ended, with its decision if taken)."""

    on: date
    kind: str
    status: MissionStatus | None = None
    agreement: AgreementKind | None = None
    visit_id: int | None = None
    decision: VisitDecision | None = None
    detail: str
    reason: str | None = None
    actor: str | None = None
    actor_name: str | None = None  # the signed-in person who recorded it, by name


# --- the preliminary visit -------------------------------------------------------------


# Text a person writes on one line, or in a paragraph: no NUL (nor any control character
# on one line), surrounding blanks dropped, so that blanks alone are too short.
_Line = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")
]


def _paragraphs(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, max_length=max_length, pattern=r"^[^\x00]*$")


class VisitMeeting(SQLModel):
    """One meeting of a preliminary visit: with whom, on which day, and what was said."""

    held_on: Day
    interlocutor: Annotated[_Line, StringConstraints(min_length=2)] = PydanticField(
        description="the authority, party or organisation met"
    )
    summary: Annotated[str, _paragraphs(2000)] = ""


class PreliminaryVisitBase(SQLModel):
    starts_on: Day
    ends_on: Day
    delegation: Annotated[str, _paragraphs(1000), StringConstraints(min_length=2)] = Field(
        description="who went: the DECO staff and others of the delegation"
    )
    findings: Annotated[str, _paragraphs(20_000)] = Field(default="", sa_type=Text)
    decision: VisitDecision | None = Field(
        default=None,
        sa_type=enum_type(VisitDecision, 30),
        description="what the visit concludes; with decided_on",
    )
    decision_note: Annotated[str, _paragraphs(2000)] = Field(
        default="", description="the conditions, or why deploying is not advisable"
    )
    decided_on: Day | None = None


class PreliminaryVisitIn(PreliminaryVisitBase):
    """A preliminary visit as recorded or corrected: its meetings fall within its days,
    and a decision comes with its date, on or after the visit began."""

    meetings: list[VisitMeeting] = PydanticField(default_factory=list, max_length=50)

    @model_validator(mode="before")
    @classmethod
    def blank_is_none(cls, data: object) -> object:
        """A form's blank decision or date is not given."""
        if isinstance(data, dict):
            return {
                k: None if k in ("decision", "decided_on") and v == "" else v
                for k, v in data.items()
            }
        return data

    @model_validator(mode="after")
    def dates_agree(self) -> "PreliminaryVisitIn":
        if self.ends_on < self.starts_on:
            raise RuleBroken("ends_on", N_("The visit cannot end before it starts."))
        for meeting in self.meetings:
            if not self.starts_on <= meeting.held_on <= self.ends_on:
                raise RuleBroken("meetings", N_("Each meeting is held within the visit's days."))
        if (self.decision is None) != (self.decided_on is None):
            raise RuleBroken("decided_on", N_("A decision comes with the day it was taken."))
        if self.decided_on is not None and self.decided_on < self.starts_on:
            raise RuleBroken("decided_on", N_("The decision cannot come before the visit."))
        return self


class PreliminaryVisit(PreliminaryVisitBase, table=True):
    """A preliminary visit to the host country before deployment: when, who went, the
    meetings held, what was found and the decision to go ahead. Corrected in place,
    every change audited; never public."""

    __tablename__ = "preliminary_visit"

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    delegation: str = Field(max_length=1000)
    decision_note: str = Field(default="", max_length=2000)
    meetings: list[dict[str, str]] = Field(default_factory=list, sa_type=JSON)
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = updated_at_field()


class PreliminaryVisitPublic(PreliminaryVisitBase):
    id: int
    mission_id: int
    meetings: list[VisitMeeting]
    version: int
    created_at: datetime
    updated_at: datetime
