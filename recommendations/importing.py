"""CSV imports of recommendations and of their assessments: every row checked, then all rows
stored or none. A row that breaks a domain rule is reported by its number like a row that
does not parse; the caller's transaction is rolled back when any row fails."""

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, StringConstraints
from sqlmodel import Session, col, select

from eom.audit.service import Actor
from eom.core.csvimport import CsvSpec, ImportReport, read_csv, with_progress
from eom.core.errors import DomainError, InvalidInput
from eom.core.reference import Theme
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from recommendations import follow_up, service
from recommendations.models import (
    Evidence,
    FollowUpCreate,
    FollowUpStatus,
    Institution,
    LegalLevel,
    Priority,
    Recommendation,
    RecommendationCreate,
    RecommendationText,
    RecommendationUpdate,
    SourceUrl,
)

MAX_ROWS = 5_000
MissionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]{2,29}$")]
# A recommendation named in a file: its mission's code and its number, "EOM-BOL-2020#4".
Reference = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]{2,29}#\d{1,3}$")]

RECOMMENDATION_COLUMNS = (
    "mission_code",
    "number",
    "text_en",
    "text_es",
    "theme",
    "institution",
    "priority",
    "legal_level",
    "reiterates",
    "published",
)
ASSESSMENT_COLUMNS = (
    "mission_code",
    "number",
    "assessed_on",
    "status",
    "evidence",
    "source_url",
    "assessed_by",
)
OPTIONAL = ("reiterates", "published", "source_url", "assessed_by")


class RecommendationRow(BaseModel):
    mission_code: MissionCode
    number: int
    text_en: RecommendationText
    text_es: RecommendationText
    theme: Theme
    institution: Institution
    priority: Priority
    legal_level: LegalLevel
    reiterates: Reference | None = None
    published: bool = False

    @property
    def key(self) -> str:
        return f"{self.mission_code}#{self.number}"


class AssessmentRow(BaseModel):
    mission_code: MissionCode
    number: int
    assessed_on: date
    status: FollowUpStatus
    evidence: Evidence
    source_url: SourceUrl | None = None
    assessed_by: MissionCode | None = None

    @property
    def key(self) -> str:
        return f"{self.mission_code}#{self.number}@{self.assessed_on.isoformat()}"


def _values(columns: tuple[str, ...]) -> Callable[[dict[str, str]], dict[str, object]]:
    def values(row: dict[str, str]) -> dict[str, object]:
        found: dict[str, object] = {c: (row.get(c) or "").strip() for c in columns}
        for column in OPTIONAL:
            if column in found and not found[column]:
                found[column] = None if column != "published" else False
        return found

    return values


RECOMMENDATIONS = CsvSpec(
    model=RecommendationRow,
    required=tuple(c for c in RECOMMENDATION_COLUMNS if c not in OPTIONAL),
    values=_values(RECOMMENDATION_COLUMNS),
    unique="key",
    max_rows=MAX_ROWS,
)
ASSESSMENTS = CsvSpec(
    model=AssessmentRow,
    required=tuple(c for c in ASSESSMENT_COLUMNS if c not in OPTIONAL),
    values=_values(ASSESSMENT_COLUMNS),
    unique="key",
    max_rows=MAX_ROWS,
)


def _mission(session: Session, code: str) -> Mission:
    found = missions.find_by_code(session, code)
    if found is None:
        raise InvalidInput("No mission with the code {code}.", code=code)
    return found


def find_by_reference(session: Session, reference: str) -> Recommendation:
    """The recommendation named ``CODE#NUMBER``."""
    code, number = reference.rsplit("#", 1)
    found = _numbered(session, _mission(session, code), int(number))
    if found is None:
        raise InvalidInput(
            "{code} has no recommendation number {number}.", code=code, number=number
        )
    return found


def _each_row(
    session: Session, rows: list[Any], store: Callable[[Any], bool], what: str
) -> ImportReport:
    """Store every row in a savepoint; collect each row's refusal; if any row failed, undo
    them all and refuse the file."""
    created = updated = 0
    errors: list[dict[str, Any]] = []
    savepoint = session.begin_nested()
    for number, row in enumerate(with_progress(rows, what), start=2):
        try:
            if store(row):
                created += 1
            else:
                updated += 1
        except DomainError as error:
            errors.append({"loc": ["row", number, ""], "msg": str(error)})
    if errors:
        savepoint.rollback()
        raise InvalidInput(
            "The file has {count} problem(s); nothing was imported.",
            errors=errors,
            count=len(errors),
        )
    savepoint.commit()
    return ImportReport(created=created, updated=updated)


def import_recommendations(session: Session, text: str, *, actor: Actor) -> ImportReport:
    """Add recommendations, and update those whose mission and number are known."""

    def store(row: RecommendationRow) -> bool:
        mission = _mission(session, row.mission_code)
        reiterates = find_by_reference(session, row.reiterates).id if row.reiterates else None
        fields = row.model_dump(exclude={"mission_code", "reiterates", "published"})
        existing = _numbered(session, mission, row.number)
        if existing is None:
            data = RecommendationCreate(
                **fields, mission_id=mission.id or 0, reiterates_id=reiterates
            )
            recommendation = service.create_recommendation(session, data, actor=actor)
        else:
            changes = RecommendationUpdate(**fields, reiterates_id=reiterates)
            recommendation = service.update_recommendation(session, existing, changes, actor=actor)
        if row.published:
            service.publish_recommendation(session, recommendation, actor=actor)
        return existing is None

    return _each_row(session, read_csv(text, RECOMMENDATIONS), store, "recommendations")


def _numbered(session: Session, mission: Mission, number: int) -> Recommendation | None:
    query = select(Recommendation).where(
        col(Recommendation.mission_id) == mission.id, col(Recommendation.number) == number
    )
    return session.exec(query).first()


def import_assessments(session: Session, text: str, *, actor: Actor) -> ImportReport:
    """Add the assessments of the file to the recommendations they name."""

    def store(row: AssessmentRow) -> bool:
        recommendation = find_by_reference(session, f"{row.mission_code}#{row.number}")
        assessor = _mission(session, row.assessed_by).id if row.assessed_by else None
        data = FollowUpCreate(
            assessed_on=row.assessed_on,
            status=row.status,
            evidence=row.evidence,
            source_url=row.source_url,
            assessed_by_mission_id=assessor,
        )
        follow_up.record_follow_up(session, recommendation, data, actor=actor)
        return True

    return _each_row(session, read_csv(text, ASSESSMENTS), store, "assessments")
