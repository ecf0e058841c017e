"""Recommendations of a mission's final report and the dated assessments of their follow-up."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints
from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from eom.core.db import UtcDateTime, enum_type, updated_at_field
from eom.core.i18n import N_
from eom.core.inputs import Day, Id, left_out
from eom.core.reference import Theme


class Institution(StrEnum):
    """The institution a recommendation addresses."""

    electoral_body = "electoral_body"
    legislature = "legislature"
    judiciary = "judiciary"
    executive = "executive"
    political_parties = "political_parties"
    media = "media"
    other = "other"


INSTITUTION_LABELS = {
    Institution.electoral_body: N_("Electoral body"),
    Institution.legislature: N_("Legislature"),
    Institution.judiciary: N_("Judiciary"),
    Institution.executive: N_("Executive"),
    Institution.political_parties: N_("Political parties"),
    Institution.media: N_("Media"),
    Institution.other: N_("Other"),
}


class Priority(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


PRIORITY_LABELS = {
    Priority.high: N_("High"),
    Priority.medium: N_("Medium"),
    Priority.low: N_("Low"),
}


class LegalLevel(StrEnum):
    """The level of norm that carrying the recommendation out needs."""

    constitutional = "constitutional"
    legal = "legal"
    regulatory = "regulatory"
    administrative = "administrative"


LEGAL_LEVEL_LABELS = {
    LegalLevel.constitutional: N_("Constitutional reform"),
    LegalLevel.legal: N_("Legal reform"),
    LegalLevel.regulatory: N_("Regulation"),
    LegalLevel.administrative: N_("Administrative practice"),
}


class FollowUpStatus(StrEnum):
    not_assessed = "not_assessed"
    not_implemented = "not_implemented"
    partially_implemented = "partially_implemented"
    mostly_implemented = "mostly_implemented"
    fully_implemented = "fully_implemented"
    no_longer_relevant = "no_longer_relevant"


FOLLOW_UP_LABELS = {
    FollowUpStatus.not_assessed: N_("Not assessed"),
    FollowUpStatus.not_implemented: N_("Not implemented"),
    FollowUpStatus.partially_implemented: N_("Partially implemented"),
    FollowUpStatus.mostly_implemented: N_("Mostly implemented"),
    FollowUpStatus.fully_implemented: N_("Fully implemented"),
    FollowUpStatus.no_longer_relevant: N_("No longer relevant"),
}

# What counts as carried out in the implementation rate, and what leaves the worklist.
IMPLEMENTED = (FollowUpStatus.fully_implemented, FollowUpStatus.mostly_implemented)
SETTLED = (FollowUpStatus.fully_implemented, FollowUpStatus.no_longer_relevant)

# Free text with something to read (not only spaces) and no NUL, which PostgreSQL refuses.
# The spaces are named one by one: ``\S`` means other characters to Python, to pydantic's
# Rust engine and to JSON Schema (see ``SourceUrl``).
_READABLE = r"^[^\x00]*[^\x00 \t\n\r\f\v][^\x00]*$"
RecommendationText = Annotated[
    str, StringConstraints(min_length=10, max_length=4000, pattern=_READABLE)
]
Evidence = Annotated[str, StringConstraints(min_length=3, max_length=4000, pattern=_READABLE)]
# A web address as stored: checked by the same pattern in Python and in the OpenAPI schema.
# Printable ASCII only (an address's other characters are percent-encoded): ``\s`` means
# different characters to Python, to pydantic's Rust engine and to JSON Schema (U+0085),
# so the schema fuzzer found "valid" addresses that Python refused.
SourceUrl = Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://[!-~]+$")]


class RecommendationBase(SQLModel):
    number: int = Field(ge=1, le=999, description="its number in the mission's report")
    text_en: RecommendationText = Field(sa_type=Text)
    text_es: RecommendationText = Field(sa_type=Text)
    theme: Theme = Field(sa_type=enum_type(Theme, 40))
    institution: Institution = Field(sa_type=enum_type(Institution))
    priority: Priority = Field(sa_type=enum_type(Priority, 10))
    legal_level: LegalLevel = Field(sa_type=enum_type(LegalLevel, 20))
    reiterates_id: int | None = Field(
        default=None,
        ge=1,
        le=2_147_483_647,
        description="the earlier recommendation (to the same country) that this one repeats",
    )


class Recommendation(RecommendationBase, table=True):
    """One recommendation of one mission's final report."""

    __table_args__ = (
        UniqueConstraint("mission_id", "number"),
        Index("ix_recommendation_theme_status", "theme", "current_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    text_en: str = Field(sa_type=Text)
    text_es: str = Field(sa_type=Text)
    reiterates_id: int | None = Field(default=None, foreign_key="recommendation.id", index=True)
    published: bool = False
    published_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # The status of the latest assessment, kept by the service that records assessments
    # (assessments are never changed or deleted, so it cannot drift from them).
    current_status: FollowUpStatus = Field(
        default=FollowUpStatus.not_assessed, sa_type=enum_type(FollowUpStatus)
    )
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = updated_at_field()


class RecommendationCreate(RecommendationBase):
    mission_id: int = Field(ge=1, le=2_147_483_647)


class RecommendationUpdate(SQLModel):
    number: int = left_out(ge=1, le=999)
    text_en: RecommendationText = left_out()
    text_es: RecommendationText = left_out()
    theme: Theme = left_out()
    institution: Institution = left_out()
    priority: Priority = left_out()
    legal_level: LegalLevel = left_out()
    reiterates_id: Id | None = None


class RecommendationPublic(RecommendationBase):
    id: int
    mission_id: int
    mission_code: str
    country: str
    year: int
    published: bool
    current_status: FollowUpStatus
    updated_at: datetime = Field(
        description="when it last changed: an edit, publication, a new assessment's status"
    )


class FollowUpBase(SQLModel):
    assessed_on: Day
    status: FollowUpStatus = Field(sa_type=enum_type(FollowUpStatus))
    evidence: Evidence = Field(sa_type=Text)
    source_url: SourceUrl | None = Field(default=None, max_length=500)
    assessed_by_mission_id: int | None = Field(
        default=None,
        ge=1,
        le=2_147_483_647,
        description="the later mission that assessed it; empty when DECO staff did",
    )


class FollowUp(SQLModel, table=True):
    """One dated assessment of a recommendation; never changed, only followed by another."""

    __tablename__ = "follow_up"

    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    assessed_on: date
    status: FollowUpStatus = Field(sa_type=enum_type(FollowUpStatus))
    evidence: str = Field(sa_type=Text)
    source_url: str | None = Field(default=None, max_length=500)
    assessed_by_mission_id: int | None = Field(default=None, foreign_key="mission.id")
    recorded_by: str = Field(max_length=320)
    recorded_at: datetime = Field(sa_type=UtcDateTime)
    # Its recording time: an assessment is never changed.
    updated_at: datetime = updated_at_field()


class FollowUpCreate(FollowUpBase):
    pass


class FollowUpPublic(SQLModel):
    id: int
    recommendation_id: int
    assessed_on: date
    status: FollowUpStatus
    evidence: str
    source_url: str | None
    assessed_by_mission_id: int | None
    assessed_by: str = Field(description="the assessing mission's code, or DECO")
    recorded_at: datetime
    updated_at: datetime = Field(description="when it last changed (what updated_since reads)")


class WorklistItem(SQLModel):
    """An earlier recommendation that a new mission should assess."""

    recommendation: RecommendationPublic
    last_assessed_on: date | None
