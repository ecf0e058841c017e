"""Example worlds that several test modules build: who exists, what they funded, and who
signs in. Each test module that uses one makes it a fixture of its own."""

from dataclasses import dataclass
from datetime import date

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.funding import donors
from eom.funding.models import DonorKind, MovementKind
from eom.planning.missions.models import MissionStatus
from tests.factories import (
    advance,
    bearer,
    make_donor,
    make_member,
    make_mission,
    make_observer,
    make_rate,
    make_recommendation,
    make_user,
    record_money,
    reported_mission,
    set_budget,
    signed_in_as,
)

K = MovementKind
ON = date(2026, 3, 2)
DONOR_EMAIL = "grants@canada.example"


@dataclass
class Funded:
    staff_email: str
    donor_email: str


def funded_world(db: Database, hasher: PasswordHasher) -> Funded:
    """Two public missions, one underfunded, funded by Canada (whose account signs in, in
    CAD) and by Japan (whose amounts are not public), and a hidden mission."""
    bolivia = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.accepted)
    peru = advance(
        db, make_mission(db, code="EOM-PER-2026", host_country="PE"), MissionStatus.accepted
    )
    make_mission(db, code="EOM-HID-2026", host_country="AR")
    set_budget(db, bolivia, {"personnel": "100000.00", "travel": "50000.00"})
    set_budget(db, peru, {"personnel": "80000.00"})
    make_rate(db, "CAD", ON, "0.7391")
    make_rate(db, "JPY", ON, "0.006683")
    canada = make_donor(db, name="Canada", kind=DonorKind.member_state, country="CA")
    japan = make_donor(db, name="Japan", country="JP", amounts_public=False)
    record_money(db, bolivia, K.commitment, "150000.00", "CAD", donor_id=canada.id)
    record_money(db, bolivia, K.received, "100000.00", "CAD", donor_id=canada.id)
    record_money(db, bolivia, K.commitment, "10000000", "JPY", donor_id=japan.id)
    record_money(db, bolivia, K.expenditure, "30000.00", "USD", budget_category="travel")
    record_money(db, peru, K.commitment, "10000.00", "USD", donor_id=japan.id)
    user = make_user(db, hasher, role=Role.donor, email=DONOR_EMAIL, full_name="Grace Grants")
    with db.session_scope() as session:
        donors.link_account(session, donors.get_donor(session, canada.id or 0), user, actor=SYSTEM)
    return Funded(make_user(db, hasher, role=Role.staff).email, DONOR_EMAIL)


@dataclass
class FundedDonors:
    canada: int
    japan: int
    staff_email: str
    donor_email: str


def funded_donors(db: Database, hasher: PasswordHasher) -> FundedDonors:
    """Canada (whose account is the donor's) and Japan fund Bolivia; see ``funded_world``."""
    funded = funded_world(db, hasher)
    with db.session_scope(write=False) as session:
        found = {name: donors.find_by_name(session, name) for name in ("Canada", "Japan")}
        ids = {name: donor.id or 0 for name, donor in found.items() if donor}
    return FundedDonors(ids["Canada"], ids["Japan"], funded.staff_email, funded.donor_email)


@dataclass
class MissionReports:
    published: int
    unpublished: int
    hidden: int
    headers: dict[str, dict[str, str]]


def mission_reports(client: TestClient, db: Database, hasher: PasswordHasher) -> MissionReports:
    """A mission whose final report is out, one deployed (public, report not out), one not
    yet accepted; an observer who is a member of all three. ``headers`` sign in as the
    anonymous visitor, that member, another observer, a donor and staff."""
    published = advance(db, make_mission(db, code="EOM-PUB-2026"), MissionStatus.final_report)
    unpublished = advance(db, make_mission(db, code="EOM-DEP-2026"), MissionStatus.deployed)
    hidden = make_mission(db, code="EOM-HID-2026", host_country="PE")
    observer = make_observer(db, email="member@observers.example")
    for mission in (published, unpublished, hidden):
        make_member(db, mission, observer)
    make_observer(db, email="other@observers.example")
    for email in ("member@observers.example", "other@observers.example"):
        make_user(db, hasher, role=Role.observer, email=email)
    headers = {
        "anonymous": {},
        "member": bearer(client, "member@observers.example"),
        "other_observer": bearer(client, "other@observers.example"),
        "donor": signed_in_as(client, db, hasher, Role.donor),
        "staff": signed_in_as(client, db, hasher, Role.staff),
    }
    return MissionReports(published.id or 0, unpublished.id or 0, hidden.id or 0, headers)


@dataclass
class PublishedAndDraft:
    published: int
    draft: int
    mission: int
    headers: dict[str, dict[str, str]]


def published_and_draft(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> PublishedAndDraft:
    """A reported mission with one published recommendation and one draft; ``headers``
    sign in as the anonymous visitor, an observer, a donor, staff and an administrator."""
    mission = reported_mission(db)
    published = make_recommendation(db, mission, number=1, publish=True)
    draft = make_recommendation(db, mission, number=2)
    headers: dict[str, dict[str, str]] = {"anonymous": {}} | {
        role.value: signed_in_as(client, db, hasher, role)
        for role in (Role.observer, Role.donor, Role.staff, Role.admin)
    }
    return PublishedAndDraft(published.id or 0, draft.id or 0, mission.id or 0, headers)
