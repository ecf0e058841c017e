"""Small factories for tests: each makes one thing through the services and commits it."""

import itertools
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

import pyotp
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts import service as accounts
from eom.accounts import totp
from eom.accounts.models import Role, User, UserCreate
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.reference import Theme
from eom.core.settings import Settings
from eom.documents import service as documents
from eom.documents.models import (
    Document,
    DocumentCreate,
    DocumentKind,
    DocumentSection,
    DocumentStatus,
    SectionCreate,
    SectionStatus,
)
from eom.field import forms, meetings, stations
from eom.field.models import Form, FormCreate, Meeting, MeetingCreate, PollingStation
from eom.funding import budgets, donors, movements, rates
from eom.funding.models import (
    BudgetIn,
    Donor,
    DonorCreate,
    DonorKind,
    ExchangeRateCreate,
    Movement,
    MovementCreate,
    MovementKind,
)
from eom.planning.conduct import service as conduct
from eom.planning.members import service as members
from eom.planning.members.models import (
    MemberCreate,
    MemberRole,
    MemberStatus,
    MemberUpdate,
    MissionMember,
)
from eom.planning.missions import service as missions
from eom.planning.missions import visits
from eom.planning.missions.models import (
    AgreementCreate,
    AgreementKind,
    ElectionType,
    Mission,
    MissionCreate,
    MissionKind,
    MissionStatus,
    PreliminaryVisit,
    PreliminaryVisitIn,
)
from eom.planning.observers import service as observers
from eom.planning.observers.models import Gender, Observer, ObserverCreate
from recommendations import follow_up
from recommendations import service as recommendations
from recommendations.models import (
    FollowUp,
    FollowUpCreate,
    FollowUpStatus,
    Institution,
    LegalLevel,
    Priority,
    Recommendation,
    RecommendationCreate,
)

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def make_user(
    db: Database,
    hasher: PasswordHasher,
    *,
    role: Role = Role.staff,
    email: str | None = None,
    password: str = PASSWORD,
    full_name: str = "Test Person",
    is_active: bool = True,
) -> User:
    email = email or f"{role.value}{next(_numbers)}@example.org"
    data = UserCreate(
        email=email, full_name=full_name, role=role, password=password, is_active=is_active
    )
    with db.session_scope() as session:
        return accounts.create_user(session, data, actor=SYSTEM, hasher=hasher)


def enrol_totp(db: Database, user: User, settings: Settings) -> tuple[str, list[str]]:
    """Two-factor sign-in set up for the user as their account page does it (confirmed
    with the code of the current step): the secret their app holds and their recovery
    codes."""
    key, now = settings.resolved_secret_key(), utcnow()
    with db.session_scope() as session:
        secret, offer = totp.offer(key, user, now=now)
        code = pyotp.TOTP(secret).at(now)
        return secret, totp.enrol(session, user, offer, code, secret_key=key, now=now)


def next_code(secret: str) -> str:
    """The code of the next 30-second step: accepted once the current one was used."""
    return pyotp.TOTP(secret).at(utcnow() + timedelta(seconds=30))


def bearer(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """The Authorization header of a fresh API sign-in."""
    response = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def signed_in_as(
    client: TestClient, db: Database, hasher: PasswordHasher, role: Role
) -> dict[str, str]:
    user = make_user(db, hasher, role=role)
    return bearer(client, user.email)


# The lifecycle in order, and a date for each step, all in the past.
PATH = [
    MissionStatus.accepted,
    MissionStatus.preliminary_visit,
    MissionStatus.agreements_signed,
    MissionStatus.deployed,
    MissionStatus.preliminary_report,
    MissionStatus.final_report,
    MissionStatus.follow_up,
    MissionStatus.closed,
]


def make_mission(db: Database, **overrides: object) -> Mission:
    values: dict[str, object] = {
        "code": f"EOM-BOL-{next(_numbers)}",
        "kind": MissionKind.electoral_observation,
        "host_country": "BO",
        "election_type": ElectionType.general,
        "requested_on": date(2025, 12, 1),
        "election_date": date(2026, 8, 17),
    }
    values.update(overrides)
    with db.session_scope() as session:
        return missions.create_mission(session, MissionCreate.model_validate(values), actor=SYSTEM)


AGREEMENTS = {
    AgreementKind.privileges_immunities: "Ministerio de Relaciones Exteriores",
    AgreementKind.observation_procedures: "Tribunal Supremo Electoral",
}


def sign_agreements(db: Database, mission: Mission, *, only: AgreementKind | None = None) -> None:
    """Record both agreements of the mission (or ``only`` one of them)."""
    with db.session_scope() as session:
        for kind, counterpart in AGREEMENTS.items():
            if only in (None, kind):
                data = AgreementCreate(
                    kind=kind, counterpart=counterpart, signed_on=date(2026, 6, 1)
                )
                missions.record_agreement(session, mission, data, actor=SYSTEM)


# The document each step of the lifecycle waits for.
DOCUMENT_BEFORE = {
    MissionStatus.preliminary_report: DocumentKind.preliminary_statement,
    MissionStatus.final_report: DocumentKind.final_report,
}


def make_document(
    db: Database,
    mission: Mission,
    kind: DocumentKind = DocumentKind.press_release,
    **overrides: object,
) -> Document:
    """A draft document of the mission, titled in English and Spanish."""
    values: dict[str, object] = {
        "kind": kind,
        "titles": {"en": f"{kind.value} of the mission", "es": f"{kind.value} de la misión"},
    }
    if kind == DocumentKind.verbal_report:
        values["council_session_on"] = date(2026, 9, 2)
    values.update(overrides)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return documents.create_document(
            session, fresh, DocumentCreate.model_validate(values), actor=SYSTEM
        )


def make_section(
    db: Database,
    document: Document,
    *,
    text: dict[str, str] | None = None,
    to: tuple[SectionStatus, ...] = (),
    **values: object,
) -> DocumentSection:
    """A section of the draft (``values`` of ``SectionCreate``), its ``text`` saved, then
    taken through the statuses ``to``."""
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        data = SectionCreate.model_validate({"heading": "Electoral organization", **values})
        section = documents.add_section(session, fresh, data, actor=SYSTEM)
        if text is not None:
            documents.save_text(session, fresh, section, text, actor=SYSTEM)
        for status in to:
            documents.transition_section(session, fresh, section, status, actor=SYSTEM)
        return section


def publish(db: Database, document: Document, **embargo: datetime) -> Document:
    """Take the document (its sections accepted) through review and approval to published;
    ``embargo_until`` if given."""
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        for to in (DocumentStatus.in_review, DocumentStatus.approved, DocumentStatus.published):
            documents.transition(session, fresh, to, actor=SYSTEM, **embargo)
        return fresh


def advance(db: Database, mission: Mission, to: MissionStatus) -> Mission:
    """Walk the mission along the lifecycle to ``to``, recording the agreements before the
    step that says they are signed and publishing the document a step waits for."""
    with db.session_scope() as session:
        current = missions.get_mission(session, mission.id or 0).status
    for step in PATH[PATH.index(current) + 1 if current in PATH else 0 :]:
        if step == MissionStatus.agreements_signed:
            sign_agreements(db, mission)
        if step in DOCUMENT_BEFORE:
            publish(db, make_document(db, mission, DOCUMENT_BEFORE[step]))
        on = date(2026, 1, 1 + PATH.index(step))  # each step its own day, in order
        with db.session_scope() as session:
            fresh = missions.get_mission(session, mission.id or 0)
            missions.transition(session, fresh, step, on=on, actor=SYSTEM)
        if step == to:
            break
    with db.session_scope() as session:
        return missions.get_mission(session, mission.id or 0)


def make_visit(db: Database, mission: Mission, **overrides: object) -> PreliminaryVisit:
    """A preliminary visit of the mission, decided: go ahead."""
    values: dict[str, object] = {
        "starts_on": "2026-03-02",
        "ends_on": "2026-03-05",
        "delegation": "Ana Pérez (DECO)",
        "decision": "go_ahead",
        "decided_on": "2026-03-06",
    }
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        data = PreliminaryVisitIn.model_validate({**values, **overrides})
        return visits.record_visit(session, fresh, data, actor=SYSTEM)


def make_observer(db: Database, **overrides: object) -> Observer:
    n = next(_numbers)
    values: dict[str, object] = {
        "full_name": f"Observer Number{n}",
        "nationality": "CA",
        "gender": Gender.female,
        "languages": ["en", "es"],
        "expertise": ["electoral_organization"],
        "email": f"observer{n}@observers.example",
        "phone": "+1 613 555 0100",
    }
    values.update(overrides)
    with db.session_scope() as session:
        return observers.create_observer(
            session, ObserverCreate.model_validate(values), actor=SYSTEM
        )


def make_member(
    db: Database, mission: Mission, observer: Observer | None = None, **overrides: object
) -> MissionMember:
    observer = observer or make_observer(db)
    values: dict[str, object] = {"observer_id": observer.id, "role": MemberRole.short_term_observer}
    values.update(overrides)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return members.add_member(session, fresh, MemberCreate.model_validate(values), actor=SYSTEM)


def acknowledge_all(db: Database, member: MissionMember) -> None:
    with db.session_scope() as session:
        ids = [i.id or 0 for i in conduct.items_in_force(session, member.mission_id)]
        conduct.acknowledge(session, member, ids, actor=SYSTEM)


def set_status(db: Database, member: MissionMember, *statuses: MemberStatus) -> None:
    for status in statuses:
        with db.session_scope() as session:
            mission = missions.get_mission(session, member.mission_id)
            fresh = members.get_member(session, mission, member.id or 0)
            changes = MemberUpdate(status=status)
            members.update_member(session, mission, fresh, changes, actor=SYSTEM)


def deploy(db: Database, member: MissionMember) -> None:
    """Acknowledge the code for the member and take them to ``deployed``."""
    acknowledge_all(db, member)
    set_status(db, member, MemberStatus.confirmed, MemberStatus.accredited, MemberStatus.deployed)


# --- field reporting ---------------------------------------------------------------------

SIMPLE_FORM = {
    "key": "opening",
    "phase": "opening",
    "title_en": "Opening",
    "title_es": "Apertura",
    "questions": [
        {
            "id": "opened_on_time",
            "text_en": "Opened on time?",
            "text_es": "¿Abrió a tiempo?",
            "type": "yes_no",
            "required": True,
            "key": True,
            "concern_answer": "no",
        },
        {
            "id": "staff_present",
            "text_en": "Staff present",
            "text_es": "Personal presente",
            "type": "integer",
            "minimum": 0,
            "maximum": 15,
        },
        {
            "id": "assessment",
            "text_en": "Assessment",
            "text_es": "Evaluación",
            "type": "single_choice",
            "required": True,
            "key": True,
            "choices": [
                {"value": "good", "label_en": "Good", "label_es": "Buena"},
                {"value": "poor", "label_en": "Poor", "label_es": "Mala", "concern": True},
            ],
        },
        {
            "id": "agents",
            "text_en": "Agents present",
            "text_es": "Fiscales presentes",
            "type": "multiple_choice",
            "choices": [
                {"value": "governing", "label_en": "Governing", "label_es": "Oficialismo"},
                {"value": "opposition", "label_en": "Opposition", "label_es": "Oposición"},
            ],
        },
        {
            "id": "opening_time",
            "text_en": "Opening time",
            "text_es": "Hora de apertura",
            "type": "time",
        },
        {"id": "comments", "text_en": "Comments", "text_es": "Comentarios", "type": "text"},
    ],
}


def make_station(db: Database, mission: Mission, **overrides: object) -> PollingStation:
    n = next(_numbers)
    values: dict[str, object] = {
        "region": "La Paz",
        "municipality": "El Alto",
        "centre": f"Unidad Educativa {n}",
        "code": f"LP-{n}",
    }
    values.update(overrides)
    with db.session_scope() as session:
        station = PollingStation.model_validate({**values, "mission_id": mission.id})
        session.add(station)
        session.flush()
        return station


def send_to(db: Database, member: MissionMember, *station_ids: int | None) -> None:
    """Send the member to these stations of their mission (so that they may file for them)."""
    with db.session_scope() as session:
        mission = missions.get_mission(session, member.mission_id)
        ids = [station_id or 0 for station_id in station_ids]
        stations.assign_stations(session, mission, member, ids, actor=SYSTEM)


def assigned_station(
    db: Database, mission: Mission, member: MissionMember, **overrides: object
) -> PollingStation:
    """A station of the mission that the member is sent to."""
    station = make_station(db, mission, **overrides)
    send_to(db, member, station.id)
    return station


def make_form(db: Database, mission: Mission, *, publish: bool = True, **overrides: object) -> Form:
    data = FormCreate.model_validate({**SIMPLE_FORM, **overrides})
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        form = forms.create_form(session, fresh, data, actor=SYSTEM)
        if publish:
            forms.publish_form(session, form, actor=SYSTEM)
        return form


def field_observer(
    db: Database,
    hasher: PasswordHasher,
    mission: Mission,
    *,
    email: str | None = None,
    role: MemberRole = MemberRole.short_term_observer,
) -> tuple[MissionMember, str]:
    """A deployed member of the (deployable) mission with an account, a short-term observer
    unless another role is given; returns the member and their email."""
    email = email or f"field{next(_numbers)}@observers.example"
    member = make_member(db, mission, make_observer(db, email=email), role=role)
    deploy(db, member)
    make_user(db, hasher, role=Role.observer, email=email)
    return member, email


# A meeting held on the factories' election day (a day of a mission made by ``make_mission``).
MEETING: dict[str, object] = {
    "met_on": "2026-08-10",
    "institution_type": "electoral_body",
    "institution": "Tribunal Supremo Electoral",
    "attendees": "Two members of the tribunal; the chief of mission and the deputy.",
    "theme": "electoral_organization",
    "summary": "The tribunal explained how results will be transmitted on election night.",
    "follow_up": "Send the tribunal the mission's questions on the transmission tests.",
}


def make_meeting(
    db: Database, mission: Mission, member: MissionMember, **overrides: object
) -> Meeting:
    """A meeting filed by the member (``MEETING`` with its own uuid, unless overridden)."""
    data = MeetingCreate.model_validate({**MEETING, "uuid": str(uuid.uuid4()), **overrides})
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return meetings.record(session, fresh, member, data, actor=SYSTEM)[0]


# --- funding -----------------------------------------------------------------------------


def make_donor(db: Database, **overrides: object) -> Donor:
    values: dict[str, object] = {
        "name": f"Donor Number{next(_numbers)}",
        "kind": DonorKind.permanent_observer,
        "country": "ES",
        "amounts_public": True,
    }
    values.update(overrides)
    with db.session_scope() as session:
        return donors.create_donor(session, DonorCreate.model_validate(values), actor=SYSTEM)


def make_rate(db: Database, currency: str, on: date, usd_per_unit: str) -> None:
    data = ExchangeRateCreate(currency=currency, on=on, usd_per_unit=Decimal(usd_per_unit))
    with db.session_scope() as session:
        rates.record_rate(session, data, actor=SYSTEM)


def record_money(
    db: Database, mission: Mission, kind: MovementKind, amount: str, currency: str, **extra: object
) -> Movement:
    """A money movement dated 2026-03-02 unless ``on`` is given."""
    values: dict[str, object] = {
        "mission_id": mission.id,
        "kind": kind,
        "on": date(2026, 3, 2),
        "amount": amount,
        "currency": currency,
    }
    values.update(extra)
    with db.session_scope() as session:
        data = MovementCreate.model_validate(values)
        return movements.record_movement(session, data, actor=SYSTEM)


def set_budget(db: Database, mission: Mission, lines: dict[str, str]) -> None:
    data = BudgetIn.model_validate(
        {"lines": [{"category": c, "amount_usd": a} for c, a in lines.items()]}
    )
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        budgets.revise_budget(session, fresh, data, actor=SYSTEM)


# --- recommendations ---------------------------------------------------------------------


def reported_mission(db: Database, **overrides: object) -> Mission:
    """A mission whose final report is out, so that it may publish recommendations."""
    return advance(db, make_mission(db, **overrides), MissionStatus.final_report)


def make_recommendation(
    db: Database, mission: Mission, *, publish: bool = False, **overrides: object
) -> Recommendation:
    values: dict[str, object] = {
        "mission_id": mission.id,
        "number": next(_numbers) % 900 + 1,
        "text_en": "Regulate the financing of electoral campaigns and its oversight.",
        "text_es": "Regular el financiamiento de las campañas electorales y su fiscalización.",
        "theme": Theme.political_financing,
        "institution": Institution.legislature,
        "priority": Priority.high,
        "legal_level": LegalLevel.legal,
    }
    values.update(overrides)
    with db.session_scope() as session:
        data = RecommendationCreate.model_validate(values)
        made = recommendations.create_recommendation(session, data, actor=SYSTEM)
        if publish:
            recommendations.publish_recommendation(session, made, actor=SYSTEM)
        return made


def assess(
    db: Database,
    recommendation: Recommendation,
    status: FollowUpStatus,
    on: date,
    **overrides: object,
) -> FollowUp:
    values: dict[str, object] = {
        "assessed_on": on,
        "status": status,
        "evidence": "Checked against the official gazette and the electoral body's reports.",
    }
    values.update(overrides)
    with db.session_scope() as session:
        fresh = recommendations.get_recommendation(session, recommendation.id or 0)
        data = FollowUpCreate.model_validate(values)
        return follow_up.record_follow_up(session, fresh, data, actor=SYSTEM)
