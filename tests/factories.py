"""Small factories for tests: each makes one thing through the services and commits it."""

import itertools
from datetime import date
from decimal import Decimal

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts import service as accounts
from eom.accounts.models import Role, User, UserCreate
from eom.audit.service import SYSTEM
from eom.conduct import service as conduct
from eom.db import Database
from eom.members import service as members
from eom.members.models import MemberCreate, MemberRole, MemberStatus, MemberUpdate
from eom.missions import service as missions
from eom.missions.models import (
    AgreementCreate,
    AgreementKind,
    ElectionType,
    Mission,
    MissionCreate,
    MissionKind,
    MissionStatus,
)
from eom.observers import service as observers
from eom.observers.models import Gender, Observer, ObserverCreate

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
        "planned_budget_usd": Decimal("1250000.00"),
    }
    values.update(overrides)
    with db.session_scope() as session:
        return missions.create_mission(session, MissionCreate.model_validate(values), actor=SYSTEM)


def sign_agreements(db: Database, mission: Mission) -> None:
    with db.session_scope() as session:
        for kind, counterpart in (
            (AgreementKind.privileges_immunities, "Ministerio de Relaciones Exteriores"),
            (AgreementKind.observation_procedures, "Tribunal Supremo Electoral"),
        ):
            data = AgreementCreate(kind=kind, counterpart=counterpart, signed_on=date(2026, 6, 1))
            missions.record_agreement(session, mission, data, actor=SYSTEM)


def advance(db: Database, mission: Mission, to: MissionStatus) -> Mission:
    """Walk the mission along the lifecycle to ``to``, signing the agreements on the way."""
    with db.session_scope() as session:
        current = missions.get_mission(session, mission.id or 0).status
    for n, step in enumerate(PATH[PATH.index(current) + 1 if current in PATH else 0 :]):
        if step == MissionStatus.deployed:
            sign_agreements(db, mission)
        with db.session_scope() as session:
            fresh = missions.get_mission(session, mission.id or 0)
            missions.transition(session, fresh, step, on=date(2026, 1, 1 + n), actor=SYSTEM)
        if step == to:
            break
    with db.session_scope() as session:
        return missions.get_mission(session, mission.id or 0)


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
) -> "members.MissionMember":
    observer = observer or make_observer(db)
    values: dict[str, object] = {"observer_id": observer.id, "role": MemberRole.short_term_observer}
    values.update(overrides)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        return members.add_member(session, fresh, MemberCreate.model_validate(values), actor=SYSTEM)


def acknowledge_all(db: Database, member: "members.MissionMember") -> None:
    with db.session_scope() as session:
        ids = [i.id or 0 for i in conduct.items_in_force(session, member.mission_id)]
        conduct.acknowledge(session, member, ids, actor=SYSTEM)


def set_status(db: Database, member: "members.MissionMember", *statuses: MemberStatus) -> None:
    for status in statuses:
        with db.session_scope() as session:
            mission = missions.get_mission(session, member.mission_id)
            fresh = members.get_member(session, mission, member.id or 0)
            changes = MemberUpdate(status=status)
            members.update_member(session, mission, fresh, changes, actor=SYSTEM)


def deploy(db: Database, member: "members.MissionMember") -> None:
    """Acknowledge the code for the member and take them to ``deployed``."""
    acknowledge_all(db, member)
    set_status(db, member, MemberStatus.confirmed, MemberStatus.accredited, MemberStatus.deployed)
