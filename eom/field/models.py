"""Polling places, checklist forms, submissions with their answers, incidents, and the
meetings of a mission's core team with its interlocutors."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AllowInfNan,
    StrictBool,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from sqlalchemy import JSON, Index, LargeBinary, SmallInteger, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from eom.accounts.models import ActorPublic
from eom.core.db import UtcDateTime, enum_type, updated_at_field
from eom.core.errors import FieldError, RuleBroken
from eom.core.i18n import N_
from eom.core.inputs import Day, Id, Moment, storable_text
from eom.core.reference import Theme

Label = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")]
Code = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._/-]+$")]
QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,59}$")]
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
Uuid = Annotated[str, StringConstraints(pattern=UUID_PATTERN)]


# --- polling places ----------------------------------------------------------------------


class StationBase(SQLModel):
    region: Label = Field(max_length=200)
    municipality: Label = Field(max_length=200)
    centre: Label = Field(max_length=200)
    code: Code = Field(max_length=40)
    registered_voters: int | None = Field(default=None, ge=0, le=100_000)


class PollingStation(StationBase, table=True):
    """A polling station, under its centre, municipality and region."""

    __tablename__ = "polling_station"
    __table_args__ = (UniqueConstraint("mission_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)


class StationCreate(StationBase):
    pass


class StationPublic(StationBase):
    id: int
    mission_id: int


class StationAssignment(SQLModel, table=True):
    """A member sent to a station (several members may cover one station)."""

    __tablename__ = "station_assignment"
    __table_args__ = (UniqueConstraint("member_id", "station_id"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="mission_member.id", index=True)
    station_id: int = Field(foreign_key="polling_station.id", index=True)


class AssignmentRequest(SQLModel):
    station_ids: list[Id] = Field(min_length=1, max_length=500)


# --- forms -------------------------------------------------------------------------------


class Phase(StrEnum):
    opening = "opening"
    voting = "voting"
    closing = "closing"
    counting = "counting"
    incident = "incident"
    long_term = "long_term"


PHASE_LABELS = {
    Phase.opening: N_("Opening"),
    Phase.voting: N_("Voting"),
    Phase.closing: N_("Closing"),
    Phase.counting: N_("Counting"),
    Phase.incident: N_("Incident"),
    Phase.long_term: N_("Long-term"),
}


class QuestionType(StrEnum):
    yes_no = "yes_no"
    integer = "integer"
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    text = "text"
    time = "time"


QUESTION_TYPE_LABELS = {
    QuestionType.yes_no: N_("Yes or no"),
    QuestionType.integer: N_("A number"),
    QuestionType.single_choice: N_("One choice"),
    QuestionType.multiple_choice: N_("Several choices"),
    QuestionType.text: N_("Text"),
    QuestionType.time: N_("A time of day"),
}


class Choice(SQLModel):
    value: QuestionId
    label_en: Label
    label_es: Label
    concern: bool = Field(
        default=False, description="this answer signals a problem (charts and the board flag it)"
    )

    def label_in(self, language: str) -> str:
        return self.label_es if language == "es" else self.label_en


# Every number answer lies within these, whatever its question's bounds (which lie within
# them too): a larger one would overflow the counters that add the answers up.
NUMBER_LIMIT = 1_000_000


class Question(SQLModel):
    id: QuestionId
    text_en: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    text_es: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    type: QuestionType
    required: bool = False
    minimum: int | None = Field(default=None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
    maximum: int | None = Field(default=None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
    choices: list[Choice] = Field(default_factory=list, max_length=50)
    key: bool = False
    concern_answer: Literal["yes", "no"] | None = Field(
        default=None,
        description="for a yes/no question, the answer that signals a problem "
        "(yes to intimidation, no to opening on time)",
    )

    def text_in(self, language: str) -> str:
        return self.text_es if language == "es" else self.text_en

    def is_concern(self, value: str) -> bool:
        """Whether this answer (a value as the counters keep it) signals a problem."""
        if self.type == QuestionType.yes_no:
            return value == self.concern_answer
        return any(c.value == value and c.concern for c in self.choices)

    @model_validator(mode="after")
    def consistent(self) -> "Question":
        choice = self.type in (QuestionType.single_choice, QuestionType.multiple_choice)
        if choice != bool(self.choices):
            raise RuleBroken(
                "choices", N_("Give the choices of a choice question, and only of one.")
            )
        if self.type != QuestionType.integer and (
            self.minimum is not None or self.maximum is not None
        ):
            raise RuleBroken("minimum", N_("Only a number question has a minimum and a maximum."))
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise RuleBroken("maximum", N_("The maximum is below the minimum."))
        if len({c.value for c in self.choices}) != len(self.choices):
            raise RuleBroken("choices", N_("Each choice needs a value of its own."))
        if self.concern_answer is not None and self.type != QuestionType.yes_no:
            raise RuleBroken(
                "concern_answer", N_("Only a yes/no question has an answer that signals a problem.")
            )
        return self


class FormStatus(StrEnum):
    draft = "draft"
    published = "published"


class FormScope(StrEnum):
    """What one filing of a form is about: a polling station, an area of the mission (one
    of its regions or municipalities: a long-term observer's periodic report), or the whole
    mission (a specialist's thematic instrument)."""

    station = "station"
    area = "area"
    mission = "mission"


SCOPE_LABELS = {
    FormScope.station: N_("A polling station"),
    FormScope.area: N_("An area of the mission"),
    FormScope.mission: N_("The whole mission"),
}


class FormBase(SQLModel):
    key: QuestionId = Field(max_length=60)
    phase: Phase = Field(sa_type=enum_type(Phase, 20))
    title_en: Label = Field(max_length=200)
    title_es: Label = Field(max_length=200)
    scope: FormScope = Field(
        default=FormScope.station,
        sa_type=enum_type(FormScope, 20),
        description="what one filing is about: a station, an area (region or municipality) "
        "or the whole mission",
    )
    theme: Theme | None = Field(
        default=None,
        sa_type=enum_type(Theme),
        description="the theme of a thematic instrument (gender, media …)",
    )


class Form(FormBase, table=True):
    """One version of a checklist. Published versions never change."""

    __table_args__ = (UniqueConstraint("mission_id", "key", "version"),)
    # ``version`` numbers the checklist's versions; an edit of a draft keeps its number.
    __audit_counts_edits__ = False

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    version: int = 1
    status: FormStatus = Field(default=FormStatus.draft, sa_type=enum_type(FormStatus, 20))
    questions: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    published_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime)

    def title_in(self, language: str) -> str:
        return self.title_es if language == "es" else self.title_en


class FormCreate(FormBase):
    questions: list[Question] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def unique_ids(self) -> "FormCreate":
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise RuleBroken("id", N_("Each question of a form needs an id of its own."))
        return self


class FormPublic(FormBase):
    id: int
    mission_id: int
    version: int
    status: FormStatus
    questions: list[Question]
    published_at: datetime | None


# --- submissions -------------------------------------------------------------------------

# Strict, so that JSON's 1.0 is the number 1 (as JSON Schema reads it), never true.
AnswerValue = StrictBool | int | StrictStr | list[StrictStr] | None


class SubmissionIn(SQLModel):
    """What a device sends: its own uuid, the form version, what it is about (a station, an
    area, or nothing for the whole mission, as the form's scope says), when, the answers."""

    uuid: Uuid
    form_id: Id
    station_id: Id | None = None
    area: Label | None = Field(
        default=None, description="the region or municipality an area form reports on"
    )
    observed_at: Moment
    answers: dict[str, AnswerValue] = Field(max_length=300)
    supersedes: Uuid | None = None

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)


class Submission(SQLModel, table=True):
    """One observer's answers to one form version (at one station, for one area, or for
    the whole mission), stored once per uuid."""

    __table_args__ = (
        Index("ix_submission_mission_form", "mission_id", "form_id"),
        Index("ix_submission_coverage", "mission_id", "superseded", "phase", "station_id"),
    )

    uuid: str = Field(primary_key=True, max_length=36)
    mission_id: int = Field(foreign_key="mission.id")
    member_id: int = Field(foreign_key="mission_member.id", index=True)
    form_id: int = Field(foreign_key="form.id")
    form_version: int
    phase: Phase = Field(sa_type=enum_type(Phase, 20))
    station_id: int | None = Field(default=None, foreign_key="polling_station.id", index=True)
    area: str | None = Field(default=None, max_length=200)
    # The region of the station or the area (none for the whole mission): what statistics
    # and lists narrow by, as the counters do.
    region: str | None = Field(default=None, max_length=200)
    observed_at: datetime = Field(sa_type=UtcDateTime)
    received_at: datetime = Field(sa_type=UtcDateTime)
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    supersedes: str | None = Field(default=None, max_length=36, index=True)
    superseded: bool = False
    content_hash: str = Field(max_length=64)
    # Received after the mission's preliminary report.
    late: bool = False
    # Its receipt, or the receipt of the correction that superseded it.
    updated_at: datetime = updated_at_field()


class SubmissionPublic(SQLModel):
    uuid: str
    mission_id: int
    member_id: int
    form_id: int
    form_version: int
    station_id: int | None
    area: str | None = Field(default=None, description="the area an area form reports on")
    observed_at: datetime
    received_at: datetime
    answers: dict[str, Any]
    supersedes: str | None
    superseded: bool
    late: bool = Field(description="received after the mission's preliminary report")
    updated_at: datetime = Field(description="when it was received, or corrected if later")


class FiledSubmission(SubmissionPublic):
    """A submission as its filer reads it back: and, if a later one corrects it, which."""

    superseded_by: str | None = Field(
        default=None, description="the uuid of the submission that corrects this one"
    )


class AnswerCount(SQLModel, table=True):
    """How many current submissions gave this answer to this question, in one region and
    phase: kept up to date as submissions arrive, so statistics read a few hundred rows
    instead of grouping a million."""

    __tablename__ = "answer_count"

    mission_id: int = Field(foreign_key="mission.id", primary_key=True)
    phase: str = Field(primary_key=True, max_length=20)
    region: str = Field(primary_key=True, max_length=200)
    question_id: str = Field(primary_key=True, max_length=60)
    value: str = Field(primary_key=True, max_length=200)
    # Writers spread over a few copies of each counter (one chosen per transaction), so
    # that transactions writing at once rarely wait for the same row; readers add them up.
    shard: int = Field(primary_key=True, sa_type=SmallInteger)
    count: int


class ItemResult(StrEnum):
    created = "created"
    duplicate = "duplicate"
    conflict = "conflict"
    invalid = "invalid"


class BatchItemResult(SQLModel):
    """What became of one item: ``created`` and ``duplicate`` carry the stored submission;
    ``invalid`` and ``conflict`` name each refused field."""

    uuid: str | None
    result: ItemResult
    errors: list[FieldError] = Field(default_factory=list)
    submission: SubmissionPublic | None = None


# Each item is a SubmissionIn, checked on its own (a refused item never sinks the others),
# so the body is read as objects and the schema says what each should be.
BatchItem = Annotated[dict[str, Any], WithJsonSchema({"$ref": "#/components/schemas/SubmissionIn"})]


class BatchIn(SQLModel):
    items: list[BatchItem] = Field(min_length=1, max_length=500)


class BatchOut(SQLModel):
    results: list[BatchItemResult]


# --- incidents ---------------------------------------------------------------------------


class Severity(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class IncidentCategory(StrEnum):
    violence_or_intimidation = "violence_or_intimidation"
    vote_buying = "vote_buying"
    obstruction_of_observers = "obstruction_of_observers"
    irregular_procedure = "irregular_procedure"
    technology_failure = "technology_failure"
    campaigning_in_station = "campaigning_in_station"
    other = "other"


CATEGORY_LABELS = {
    IncidentCategory.violence_or_intimidation: N_("Violence or intimidation"),
    IncidentCategory.vote_buying: N_("Vote buying"),
    IncidentCategory.obstruction_of_observers: N_("Obstruction of observers"),
    IncidentCategory.irregular_procedure: N_("Irregular procedure"),
    IncidentCategory.technology_failure: N_("Technology failure"),
    IncidentCategory.campaigning_in_station: N_("Campaigning in the station"),
    IncidentCategory.other: N_("Other"),
}

SEVERITY_LABELS = {
    Severity.low: N_("Low"),
    Severity.medium: N_("Medium"),
    Severity.high: N_("High"),
    Severity.critical: N_("Critical"),
}


class Verification(StrEnum):
    unverified = "unverified"
    confirmed = "confirmed"
    rejected = "rejected"


VERIFICATION_LABELS = {
    Verification.unverified: N_("Waiting for verification"),
    Verification.confirmed: N_("Incident confirmed"),
    Verification.rejected: N_("Incident rejected"),
}


# A coordinate is a finite number (JSON parsers take NaN and Infinity).
Coordinate = Annotated[float, AllowInfNan(False)]
POSITION = ("latitude", "longitude", "accuracy_m")


class IncidentBase(SQLModel):
    category: IncidentCategory = Field(sa_type=enum_type(IncidentCategory, 40))
    severity: Severity = Field(sa_type=enum_type(Severity, 20))
    station_id: int | None = Field(default=None, foreign_key="polling_station.id")
    place: Label | None = Field(default=None, max_length=200)
    occurred_at: datetime = Field(sa_type=UtcDateTime)
    description: Annotated[
        str, StringConstraints(min_length=3, max_length=5000, pattern=r"^[^\x00]+$")
    ] = Field(sa_type=Text)
    # Where the device was (WGS 84, as a phone's location gives it), and within how many
    # metres; all three or none. Shown to DECO staff and the filer, never in public.
    latitude: Coordinate | None = Field(default=None, ge=-90, le=90)
    longitude: Coordinate | None = Field(default=None, ge=-180, le=180)
    accuracy_m: Coordinate | None = Field(default=None, gt=0, le=100_000)


class Incident(IncidentBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True)
    mission_id: int = Field(foreign_key="mission.id", index=True)
    member_id: int = Field(foreign_key="mission_member.id", index=True)
    place: str | None = Field(default=None, max_length=200)
    description: str = Field(sa_type=Text)
    received_at: datetime = Field(sa_type=UtcDateTime)
    verification: Verification = Field(
        default=Verification.unverified, sa_type=enum_type(Verification, 20)
    )
    verification_note: str | None = Field(default=None, sa_type=Text)
    verified_by: str | None = Field(default=None, max_length=320)
    verified_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # Received after the mission's preliminary report.
    late: bool = False
    version: int = 1


class IncidentCreate(IncidentBase):
    uuid: Uuid
    occurred_at: Moment
    station_id: Id | None = None

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)

    @model_validator(mode="after")
    def somewhere(self) -> "IncidentCreate":
        if self.station_id is None and not self.place:
            raise ValueError("an incident happens at a station or a named place")
        return self

    @model_validator(mode="after")
    def a_whole_position(self) -> "IncidentCreate":
        missing = [name for name in POSITION if getattr(self, name) is None]
        if missing and len(missing) < len(POSITION):
            raise RuleBroken(
                missing[0],
                N_("A position needs its latitude, longitude and accuracy: all three or none."),
            )
        return self


class IncidentVerify(SQLModel):
    verification: Verification
    note: Annotated[str, StringConstraints(min_length=3, max_length=2000, pattern=r"^[^\x00]+$")]


class IncidentPublic(IncidentBase):
    id: int
    uuid: str
    mission_id: int
    member_id: int
    received_at: datetime
    verification: Verification
    verification_note: str | None
    verified_by: ActorPublic | None
    verified_at: datetime | None
    late: bool = Field(description="received after the mission's preliminary report")
    version: int


# --- photos of incidents -----------------------------------------------------------------


class PhotoType(StrEnum):
    """The kinds of picture an incident's photo may be, as media types."""

    jpeg = "image/jpeg"
    png = "image/png"
    webp = "image/webp"


class IncidentPhoto(SQLModel, table=True):
    """A photo of an incident, re-encoded without any metadata (``content``), with a small
    copy for the staff's pages. Its bytes stay out of the audit log."""

    __tablename__ = "incident_photo"
    __table_args__ = (UniqueConstraint("incident_id", "received_sha256"),)
    __audit_secrets__ = ("content", "thumbnail")

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incident.id", index=True)
    # Of the bytes as received (a resend of the same file is the same photo) and as stored.
    received_sha256: str = Field(max_length=64)
    sha256: str = Field(max_length=64)
    media_type: PhotoType = Field(sa_type=enum_type(PhotoType, 20))
    width: int
    height: int
    size: int
    content: bytes = Field(sa_type=LargeBinary)
    thumbnail: bytes = Field(sa_type=LargeBinary)
    uploaded_at: datetime = Field(sa_type=UtcDateTime)
    uploaded_by: str = Field(max_length=320)


class IncidentPhotoPublic(SQLModel):
    id: int
    incident_uuid: str
    sha256: str
    media_type: PhotoType
    width: int
    height: int
    size: int
    uploaded_at: datetime
    uploaded_by: str


# --- meetings with interlocutors -------------------------------------------------------


class InstitutionType(StrEnum):
    """The kinds of interlocutor a mission meets."""

    electoral_body = "electoral_body"
    government = "government"
    party_or_candidate = "party_or_candidate"
    judiciary = "judiciary"
    civil_society = "civil_society"
    media = "media"
    international = "international"


INSTITUTION_TYPE_LABELS = {
    InstitutionType.electoral_body: N_("Electoral body"),
    InstitutionType.government: N_("Government"),
    InstitutionType.party_or_candidate: N_("Party or candidate"),
    InstitutionType.judiciary: N_("Judiciary"),
    InstitutionType.civil_society: N_("Civil society"),
    InstitutionType.media: N_("Media"),
    InstitutionType.international: N_("International community"),
}


def _words(min_length: int, max_length: int, *, lines: bool = True) -> StringConstraints:
    """Text a person writes: no NUL (nor any control character on one line), surrounding
    blanks dropped, so that blanks alone are too short."""
    return StringConstraints(
        strip_whitespace=True,
        min_length=min_length,
        max_length=max_length,
        pattern=r"^[^\x00]+$" if lines else r"^[^\x00-\x1f]+$",
    )


class MeetingBase(SQLModel):
    met_on: Day = Field(description="the day of the meeting, as lived in the host country")
    institution_type: InstitutionType = Field(sa_type=enum_type(InstitutionType, 30))
    institution: Annotated[str, _words(2, 200, lines=False)] = Field(
        max_length=200, description="the institution, party or organisation met"
    )
    attendees: Annotated[str, _words(2, 2000)] = Field(
        sa_type=Text, description="who met: the interlocutors and the mission's people"
    )
    theme: Theme | None = Field(
        default=None, sa_type=enum_type(Theme), description="the theme the meeting was about"
    )
    summary: Annotated[str, _words(3, 10_000)] = Field(sa_type=Text)
    follow_up: Annotated[str, _words(1, 5000)] | None = Field(
        default=None, sa_type=Text, description="what the mission is to do next, if anything"
    )

    @field_validator("theme", "follow_up", mode="before")
    @classmethod
    def blank_is_none(cls, value: object) -> object:
        """An optional field sent empty (a form's blank field) is not given."""
        return None if isinstance(value, str) and not value.strip() else value


class Meeting(MeetingBase, table=True):
    """A meeting of the mission's core team or a coordinator with an interlocutor, filed
    once per uuid by the member who held it. Never changed, never public."""

    __table_args__ = (Index("ix_meeting_mission_met_on", "mission_id", "met_on"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True)
    mission_id: int = Field(foreign_key="mission.id")
    member_id: int = Field(foreign_key="mission_member.id", index=True)
    institution: str = Field(max_length=200)
    attendees: str = Field(sa_type=Text)
    summary: str = Field(sa_type=Text)
    follow_up: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UtcDateTime)


class MeetingCreate(MeetingBase):
    uuid: Uuid

    @model_validator(mode="before")
    @classmethod
    def storable(cls, data: Any) -> Any:
        return storable_text(data)


class MeetingPublic(MeetingBase):
    id: int
    uuid: str
    mission_id: int
    member_id: int
    created_at: datetime
