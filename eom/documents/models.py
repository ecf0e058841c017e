"""The documents of a mission: what it says it saw (a press release, the preliminary
statement, the verbal report to the Permanent Council, the final report), written together
section by section, every version of a section kept, approved by the chief of mission,
published (after an embargo, if one is set) and delivered to the authorities.

Text in several languages is one shape everywhere: a JSON map of language → text
(``{"en": "...", "es": "..."}``)."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field as PydanticField
from pydantic import StringConstraints, model_validator
from sqlalchemy import JSON, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from eom.core.db import UtcDateTime, enum_type, updated_at_field
from eom.core.errors import RuleBroken
from eom.core.i18n import N_
from eom.core.inputs import Day, Id, Instant, left_out, storable_text
from eom.core.reference import LanguageCode, Theme


class DocumentKind(StrEnum):
    press_release = "press_release"
    preliminary_statement = "preliminary_statement"
    verbal_report = "verbal_report"
    final_report = "final_report"
    other = "other"


KIND_LABELS = {
    DocumentKind.press_release: N_("Press release"),
    DocumentKind.preliminary_statement: N_("Preliminary statement"),
    DocumentKind.verbal_report: N_("Verbal report to the Permanent Council"),
    DocumentKind.final_report: N_("Final report"),
    DocumentKind.other: N_("Other document"),
}


class Round(StrEnum):
    """The round of the election a document speaks of, where the mission observes two."""

    first = "first"
    runoff = "runoff"


ROUND_LABELS = {Round.first: N_("First round"), Round.runoff: N_("Runoff")}


class DocumentStatus(StrEnum):
    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    published = "published"


DOCUMENT_STATUS_LABELS = {
    DocumentStatus.draft: N_("Draft"),
    DocumentStatus.in_review: N_("In review"),
    DocumentStatus.approved: N_("Approved"),
    DocumentStatus.published: N_("Published"),
}


class SectionStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    accepted = "accepted"


SECTION_STATUS_LABELS = {
    SectionStatus.draft: N_("Draft"),
    SectionStatus.submitted: N_("Submitted"),
    SectionStatus.accepted: N_("Accepted"),
}


# The steps at which an embargo may be set.
EMBARGO_STEPS = (DocumentStatus.approved, DocumentStatus.published)


class DeliveryMeans(StrEnum):
    email = "email"
    hand = "hand"
    post = "post"
    other = "other"


MEANS_LABELS = {
    DeliveryMeans.email: N_("By email"),
    DeliveryMeans.hand: N_("By hand"),
    DeliveryMeans.post: N_("By post"),
    DeliveryMeans.other: N_("Otherwise"),
}

# A line of text: any script, no control characters.
_LINE = r"^[^\x00-\x1f\x7f]+$"
Title = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=_LINE)]
Heading = Title
# A section's text in one language: paragraphs, no NUL (PostgreSQL refuses it).
Body = Annotated[str, StringConstraints(max_length=200_000, pattern=r"^[^\x00]*$")]
# Text in several languages: language → text.
Titles = Annotated[dict[LanguageCode, Title], PydanticField(min_length=1, max_length=10)]
Texts = Annotated[dict[LanguageCode, Body], PydanticField(max_length=10)]
Authority = Annotated[str, StringConstraints(min_length=2, max_length=300, pattern=_LINE)]
Note = Annotated[str, StringConstraints(max_length=1000, pattern=r"^[^\x00]*$")]


class Document(SQLModel, table=True):
    """A document of a mission. Its PDF, when one is uploaded, is a ``DocumentFile``; the
    document keeps its size and digest so that lists need not read it."""

    __audit_secrets__ = ("search_text",)

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    kind: DocumentKind = Field(sa_type=enum_type(DocumentKind))
    round: Round = Field(default=Round.first, sa_type=enum_type(Round, 10))
    council_session_on: date | None = None
    status: DocumentStatus = Field(
        default=DocumentStatus.draft, sa_type=enum_type(DocumentStatus, 20), index=True
    )
    titles: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    embargo_until: datetime | None = Field(default=None, sa_type=UtcDateTime)
    published_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    approved_by: str | None = Field(default=None, max_length=320)
    file_size: int | None = None
    file_sha256: str | None = Field(default=None, max_length=64)
    # The titles and the sections' current texts, folded (``text.folded``): what ``q`` searches.
    search_text: str = Field(default="", sa_type=Text)
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = updated_at_field()

    def public_at(self) -> datetime | None:
        """When the document is (or becomes) public: published, and past its embargo."""
        if self.published_at is None:
            return None
        return max(self.published_at, self.embargo_until or self.published_at)

    def is_public(self, now: datetime) -> bool:
        public_at = self.public_at()
        return public_at is not None and public_at <= now


class DocumentFile(SQLModel, table=True):
    """The PDF of a document, its bytes as uploaded (known to be a PDF by its content)."""

    __tablename__ = "document_file"
    __audit_secrets__ = ("content",)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", unique=True)
    content: bytes = Field(sa_type=LargeBinary)
    size: int
    sha256: str = Field(max_length=64)
    uploaded_at: datetime = Field(sa_type=UtcDateTime)
    uploaded_by: str = Field(max_length=320)
    version: int = 1


class DocumentSection(SQLModel, table=True):
    """A section of a document, assigned to a member who writes it; ``text`` is its latest
    version's."""

    __tablename__ = "document_section"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    position: int
    heading: str = Field(max_length=300)
    theme: Theme | None = Field(default=None, sa_type=enum_type(Theme, 40))
    assignee_id: int | None = Field(default=None, foreign_key="mission_member.id", index=True)
    status: SectionStatus = Field(default=SectionStatus.draft, sa_type=enum_type(SectionStatus, 20))
    text: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = updated_at_field()


class SectionVersion(SQLModel, table=True):
    """One saved text of a section: every save appends one, none is ever changed."""

    __tablename__ = "document_section_version"
    __table_args__ = (UniqueConstraint("section_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    section_id: int = Field(foreign_key="document_section.id", index=True)
    number: int
    text: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    author_id: int | None = None
    author: str = Field(max_length=320)
    created_at: datetime = Field(sa_type=UtcDateTime)


class DocumentDelivery(SQLModel, table=True):
    """A copy of a published document handed to an authority: who, how, when."""

    __tablename__ = "document_delivery"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    authority: str = Field(max_length=300)
    means: DeliveryMeans = Field(sa_type=enum_type(DeliveryMeans, 10))
    delivered_on: date
    note: str | None = Field(default=None, max_length=1000)
    recorded_by: str = Field(max_length=320)
    recorded_at: datetime = Field(sa_type=UtcDateTime)


def check_council(kind: DocumentKind | None, council_session_on: date | None) -> None:
    if kind == DocumentKind.verbal_report and council_session_on is None:
        raise RuleBroken(
            "council_session_on", N_("A verbal report names the Permanent Council's session.")
        )
    if kind not in (None, DocumentKind.verbal_report) and council_session_on is not None:
        raise RuleBroken(
            "council_session_on", N_("Only a verbal report has a Permanent Council session.")
        )


class DocumentCreate(SQLModel):
    kind: DocumentKind
    round: Round = Round.first
    council_session_on: Day | None = Field(
        default=None, description="the Permanent Council's session (a verbal report's only)"
    )
    titles: Titles = Field(description="the title in each language, such as {'en': ..., 'es': ...}")

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)

    @model_validator(mode="after")
    def council_for_verbal_reports(self) -> "DocumentCreate":
        check_council(self.kind, self.council_session_on)
        return self


class DocumentUpdate(SQLModel):
    round: Round = left_out()
    council_session_on: Day | None = None
    titles: Titles = left_out()

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)


class DocumentTransitionRequest(SQLModel):
    to: DocumentStatus
    embargo_until: Instant | None = Field(
        default=None,
        description="approving or publishing: the instant before which the published "
        "document stays private (none: public once published)",
    )

    @model_validator(mode="after")
    def embargo_on_approval_or_publication(self) -> "DocumentTransitionRequest":
        if self.embargo_until is not None and self.to not in EMBARGO_STEPS:
            raise RuleBroken(
                "embargo_until", N_("An embargo is set when a document is approved or published.")
            )
        return self


class SectionCreate(SQLModel):
    heading: Heading
    theme: Theme | None = None
    assignee_id: Id | None = Field(default=None, description="the member who writes it")

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)


class SectionUpdate(SQLModel):
    heading: Heading = left_out()
    theme: Theme | None = None
    assignee_id: Id | None = Field(default=None, description="the member who writes it")

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)


class SectionText(SQLModel):
    text: Texts = Field(description="the section's text in each language: a new version")

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)


class SectionTransitionRequest(SQLModel):
    to: SectionStatus


class DeliveryCreate(SQLModel):
    authority: Authority
    means: DeliveryMeans
    delivered_on: Day
    note: Note | None = None

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)


class SectionPublic(SQLModel):
    id: int
    document_id: int
    position: int
    heading: str
    theme: Theme | None
    assignee_id: int | None
    status: SectionStatus
    text: dict[str, str]
    version: int
    updated_at: datetime


class DocumentPublic(SQLModel):
    id: int
    mission_id: int
    mission_code: str
    host_country: str
    kind: DocumentKind
    round: Round
    council_session_on: date | None
    status: DocumentStatus
    titles: dict[str, str]
    embargo_until: datetime | None
    published_at: datetime | None
    has_file: bool
    file_size: int | None
    version: int
    updated_at: datetime


class DocumentDetail(DocumentPublic):
    """A document with the sections the caller may read (an observer: their own)."""

    sections: list[SectionPublic]


class VersionPublic(SQLModel):
    number: int
    text: dict[str, str]
    author: str = Field(description="who saved it, by name")
    created_at: datetime


class VersionDiff(SQLModel):
    """What changed from the version before (none before the first: all of it is new),
    per language, as the lines of a unified diff."""

    number: int
    previous: int | None
    changes: dict[str, list[str]]


class DeliveryPublic(SQLModel):
    id: int
    document_id: int
    authority: str
    means: DeliveryMeans
    delivered_on: date
    note: str | None
    recorded_at: datetime
