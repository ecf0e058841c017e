"""The documents the demo missions published before the steps of their lifecycle that
wait for them: a preliminary statement before the preliminary report, the final report
before the final report; each replayed through the documents' services (drafted,
reviewed, approved and published on the step's day)."""

from datetime import UTC, date, datetime, time

from sqlmodel import Session

from eom.core.clock import utcnow
from eom.core.reference import country_name
from eom.documents import service as documents
from eom.documents.models import (
    DocumentCreate,
    DocumentKind,
    DocumentStatus,
    SectionCreate,
    SectionStatus,
)
from eom.planning.missions.models import Mission, MissionStatus
from seed.accounts import SEED_ACTOR

BEFORE = {
    MissionStatus.preliminary_report: DocumentKind.preliminary_statement,
    MissionStatus.final_report: DocumentKind.final_report,
}
TITLES = {
    DocumentKind.preliminary_statement: (
        "Preliminary statement of the OAS Electoral Observation Mission in {country}",
        "Declaración preliminar de la Misión de Observación Electoral de la OEA en {country}",
    ),
    DocumentKind.final_report: (
        "Final report of the OAS Electoral Observation Mission in {country}",
        "Informe final de la Misión de Observación Electoral de la OEA en {country}",
    ),
}
TEXT = {
    "en": "The Mission observed the opening, voting and counting in the polling stations "
    "it visited, and thanks the electoral authorities for their openness.",
    "es": "La Misión observó la apertura, la votación y el escrutinio en las mesas que "
    "visitó, y agradece a las autoridades electorales su apertura.",
}


def publish_before(session: Session, mission: Mission, step: MissionStatus, on: date) -> None:
    """Publish, on the step's day, the document the step waits for (none for the others)."""
    kind = BEFORE.get(step)
    if kind is None:
        return
    en, es = TITLES[kind]
    data = DocumentCreate(
        kind=kind,
        titles={
            "en": en.format(country=country_name(mission.host_country, "en")),
            "es": es.format(country=country_name(mission.host_country, "es")),
        },
    )
    document = documents.create_document(session, mission, data, actor=SEED_ACTOR)
    heading = SectionCreate(heading="Election day")
    section = documents.add_section(session, document, heading, actor=SEED_ACTOR)
    documents.save_text(session, document, section, TEXT, actor=SEED_ACTOR)
    for to_section in (SectionStatus.submitted, SectionStatus.accepted):
        documents.transition_section(session, document, section, to_section, actor=SEED_ACTOR)
    at = min(datetime.combine(on, time(12), UTC), utcnow())
    for to in (DocumentStatus.in_review, DocumentStatus.approved, DocumentStatus.published):
        documents.transition(session, document, to, actor=SEED_ACTOR, at=at)
