"""Every change a request makes is audited: each row that a mutating route inserts, updates
or deletes is named by an audit entry appended in the same request (its table's audit name
and its primary key), or is part of a record whose entry covers it.

One scenario per mutating route, API and pages alike, reaches a state in which the call
succeeds; the test reads every table before and after the call and compares."""

import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, overload

import httpx
import pyotp
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.routing import _IncludedRouter
from fastapi.testclient import TestClient
from sqlalchemy import Table, select

from eom.accounts import resets
from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.settings import Settings
from eom.documents import service as documents
from eom.documents.models import Document, DocumentKind, DocumentSection, DocumentStatus
from eom.field import stations
from eom.funding.models import MovementKind
from eom.migrations import tables
from eom.migrations.tables import metadata
from eom.planning.members import service as members
from eom.planning.members.models import MemberRole
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    MEETING,
    PASSWORD,
    SIMPLE_FORM,
    advance,
    assigned_station,
    bearer,
    enrol_totp,
    field_observer,
    make_document,
    make_donor,
    make_form,
    make_member,
    make_mission,
    make_observer,
    make_recommendation,
    make_section,
    make_station,
    make_user,
    make_visit,
    next_code,
    publish,
    record_money,
    reported_mission,
    signed_in_as,
)
from tests.support.network import free_port
from tests.support.pages import csrf_of
from tests.support.pictures import phone_jpeg

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
Route = tuple[str, str]


def routes_of(app: FastAPI) -> Iterator[Route]:
    """Every (method, path) the app answers, through the routers it includes."""
    for route in app.routes:
        if isinstance(route, _IncludedRouter):
            for context in route.effective_route_contexts():
                yield from ((method, context.path) for method in context.methods or ())
        else:
            yield from (
                (method, getattr(route, "path", ""))
                for method in getattr(route, "methods", None) or ()
            )


def mutating_routes(app: FastAPI) -> set[Route]:
    """The routes that may change records; the bench's exist only when it is switched on."""
    return {
        (method, path)
        for method, path in routes_of(app)
        if method in MUTATING and not path.startswith("/bench/")
    }


# --- what the database holds, and what a request changed ---------------------------------

Row = dict[str, Any]
Snapshot = dict[str, dict[str, Row]]  # table name -> primary key (as the log writes it) -> row


def key_of(table: Table, row: Row) -> str:
    """A row's primary key as an audit entry names it; a composite key joined by ':'."""
    return ":".join(str(row[column.name]) for column in table.primary_key.columns)


def read_every_table(db: Database) -> Snapshot:
    """Every row of every table, all columns, by table and primary key."""
    with db.read_engine.connect() as connection:
        return {
            table.name: {
                key_of(table, dict(row)): dict(row)
                for row in connection.execute(select(table)).mappings()
            }
            for table in metadata.sorted_tables
        }


# What the log calls each table's records: its name, or the model's ``__audit_type__``.
AUDIT_NAMES = {
    model.__table__.name: getattr(model, "__audit_type__", None) or model.__table__.name
    for model in (getattr(tables, name) for name in tables.__all__ if name != "metadata")
}


@dataclass(frozen=True)
class RowChange:
    table: str
    key: str
    before: Row | None
    after: Row | None

    @property
    def row(self) -> Row:
        """The row as it is now, or as it was if it was deleted."""
        return self.after if self.after is not None else self.before or {}

    def changed_columns(self) -> set[str]:
        before, after = self.before or {}, self.after or {}
        return {
            name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
        }

    def __str__(self) -> str:
        done = "inserted" if self.before is None else "deleted" if self.after is None else "updated"
        return f"{self.table} {self.key} {done} ({', '.join(sorted(self.changed_columns()))})"


@dataclass(frozen=True)
class Entry:
    action: str
    entity_type: str
    entity_id: str


@dataclass(frozen=True)
class Written:
    """What one request did: the rows it changed, the entries it appended, the tables after."""

    changes: list[RowChange]
    entries: list[Entry]
    after: Snapshot

    def names(self, entity_type: str, entity_id: object, *, action: str | None = None) -> bool:
        return any(
            e.entity_type == entity_type
            and e.entity_id == str(entity_id)
            and action in (None, e.action)
            for e in self.entries
        )

    def new_submissions(self) -> list[Row]:
        """The submissions whose entries the request appended, as stored."""
        return [
            self.after["submission"][e.entity_id]
            for e in self.entries
            if e.entity_type == "submission" and e.entity_id in self.after["submission"]
        ]


def written_by(before: Snapshot, after: Snapshot) -> Written:
    changes = [
        RowChange(table, key, before[table].get(key), after[table].get(key))
        for table in after
        for key in sorted(before[table].keys() | after[table].keys())
        if before[table].get(key) != after[table].get(key)
    ]
    last = max((int(k) for k in before["audit_entry"]), default=0)
    entries = [
        Entry(row["action"], row["entity_type"], row["entity_id"])
        for key, row in after["audit_entry"].items()
        if int(key) > last
    ]
    return Written(changes, entries, after)


# --- the few rows that are not records of their own, and what covers them -----------------

# The log itself, and login-throttle counters (security bookkeeping, not records:
# ARCHITECTURE.md, "The audit log").
NOT_RECORDS = frozenset({"audit_entry", "audit_chain", "login_throttle"})

Rule = Callable[[RowChange, Written], bool]


def named_directly(change: RowChange, written: Written) -> bool:
    return written.names(AUDIT_NAMES[change.table], change.key)


def counted_for_a_new_submission(change: RowChange, written: Written) -> bool:
    """Answer counters are derived from the submissions filed with them."""
    return change.row["mission_id"] in {s["mission_id"] for s in written.new_submissions()}


def step_of_a_transition(change: RowChange, written: Written) -> bool:
    """A lifecycle step is part of its mission's ``transition`` entry (before and after)."""
    return written.names("mission", change.row["mission_id"], action="transition")


def line_of_a_new_revision(change: RowChange, written: Written) -> bool:
    """Budget lines are stored with their revision, in its entry."""
    return change.before is None and written.names("budget_revision", change.row["revision_id"])


def item_of_a_new_version_or_named(change: RowChange, written: Written) -> bool:
    """The items of a new version of the code are published in that version's entry; a
    mission's own item is a record of its own."""
    if change.row["version_id"] is None:
        return named_directly(change, written)
    return change.before is None and written.names("conduct_version", change.row["version_id"])


def revoked_with_its_user_or_named(change: RowChange, written: Written) -> bool:
    """Changing a user's password or deactivating them revokes their tokens in the user's
    entry; signing in and out are entries of the token itself. A web session's last use
    is bookkeeping that keeps it alive, not a change of record."""
    revoked = change.before is not None and change.changed_columns() == {"revoked_at"}
    used = change.before is not None and change.changed_columns() == {"last_used_at"}
    return (
        named_directly(change, written)
        or used
        or (revoked and written.names("user", change.row["user_id"]))
    )


def corrected_or_named(change: RowChange, written: Written) -> bool:
    """A correction flags the submission it supersedes, in the correcting one's entry."""
    flagged = change.before is not None and change.changed_columns() == {"superseded", "updated_at"}
    corrected = any(s["supersedes"] == change.key for s in written.new_submissions())
    return named_directly(change, written) or (flagged and corrected)


def reversed_or_named(change: RowChange, written: Written) -> bool:
    """A reversal marks the entry it reverses as changed (``updated_at``: its view names
    the reversal), in the reversal's entry."""
    touched = change.before is not None and change.changed_columns() == {"updated_at"}
    reversal = any(
        e.entity_type == "money_movement"
        and written.after["money_movement"][e.entity_id]["reverses_id"] == int(change.key)
        for e in written.entries
        if e.entity_id in written.after["money_movement"]
    )
    return named_directly(change, written) or (touched and reversal)


def with_its_credential(change: RowChange, written: Written) -> bool:
    """Recovery codes are made and removed in their credential's entry (``enrol``,
    ``disable``) and spent in its ``recovery_code_used`` entry."""
    return written.names("totp_credential", change.row["credential_id"])


def step_used_or_named(change: RowChange, written: Written) -> bool:
    """The last time step a code was accepted for is the replay guard's bookkeeping, as a
    session's last use is; enrolling and turning off are the credential's entries."""
    stepped = change.before is not None and change.changed_columns() == {"last_used_step"}
    return named_directly(change, written) or stepped


PART_OF_ANOTHER_RECORD: dict[str, Rule] = {
    "recovery_code": with_its_credential,
    "totp_credential": step_used_or_named,
    "answer_count": counted_for_a_new_submission,
    "mission_transition": step_of_a_transition,
    "budget_line": line_of_a_new_revision,
    "conduct_item": item_of_a_new_version_or_named,
    "access_token": revoked_with_its_user_or_named,
    "submission": corrected_or_named,
    "money_movement": reversed_or_named,
}


def unaudited(written: Written) -> list[str]:
    return [
        str(change)
        for change in written.changes
        if change.table not in NOT_RECORDS
        and not PART_OF_ANOTHER_RECORD.get(change.table, named_directly)(change, written)
    ]


# --- scenarios: the state each route needs and the call that succeeds in it ---------------


@dataclass
class World:
    client: TestClient
    db: Database
    hasher: PasswordHasher
    monkeypatch: pytest.MonkeyPatch

    def staff(self) -> dict[str, str]:
        return signed_in_as(self.client, self.db, self.hasher, Role.staff)

    def admin(self) -> dict[str, str]:
        return signed_in_as(self.client, self.db, self.hasher, Role.admin)


@dataclass(frozen=True)
class Call:
    """The request to send (the route's path filled with ``params``) and its success."""

    status: int
    params: Mapping[str, object] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    json: object = None
    form: dict[str, Any] | None = None
    csv: str | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None


Scenario = Callable[[World], Call]
CSV = {"Content-Type": "text/csv"}


@overload
def page_sign_in(w: World, email: str) -> str: ...
@overload
def page_sign_in(w: World, email: str, *, status: int) -> httpx.Response: ...
def page_sign_in(w: World, email: str, *, status: int = 303) -> str | httpx.Response:
    """Sign the test browser in through the login form; returns its CSRF token (or, for
    an account with two-factor sign-in, the page asking for its code, ``status`` 200)."""
    token = csrf_of(w.client.get("/login").text)
    form = {"email": email, "password": PASSWORD, "csrf": token}
    response = w.client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == status, response.text
    return token if status == 303 else response


@dataclass(frozen=True)
class Field:
    mission_id: int
    member_id: int
    form_id: int
    station_id: int
    observer: dict[str, str]

    @property
    def url(self) -> str:
        return f"/api/v1/missions/{self.mission_id}"

    def submission(self, **overrides: object) -> dict[str, object]:
        answers = {"opened_on_time": True, "staff_present": 7, "assessment": "good"}
        return {
            "uuid": str(uuid.uuid4()),
            "form_id": self.form_id,
            "station_id": self.station_id,
            "observed_at": "2026-08-17T07:05:00-04:00",
            "answers": answers,
            **overrides,
        }

    def incident(self) -> dict[str, object]:
        return {
            "uuid": str(uuid.uuid4()),
            "category": "vote_buying",
            "severity": "high",
            "station_id": self.station_id,
            "occurred_at": "2026-08-17T09:30:00-04:00",
            "description": "Money offered to voters at the door.",
        }


def in_the_field(w: World) -> Field:
    """A deployed mission with a published form, a station and a signed-in field observer
    sent to it."""
    mission = advance(w.db, make_mission(w.db), MissionStatus.deployed)
    member, email = field_observer(w.db, w.hasher, mission)
    form, station = make_form(w.db, mission), assigned_station(w.db, mission, member)
    headers = bearer(w.client, email)
    return Field(mission.id or 0, member.id or 0, form.id or 0, station.id or 0, headers)


def reported_incident(w: World, field_: Field) -> int:
    response = w.client.post(
        f"{field_.url}/incidents", json=field_.incident(), headers=field_.observer
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def observing_member(w: World) -> tuple[int, int, str]:
    """A mission, a member of it and the email of the member's own account."""
    mission = make_mission(w.db)
    observer = make_observer(w.db)
    member = make_member(w.db, mission, observer)
    make_user(w.db, w.hasher, role=Role.observer, email=observer.email)
    return mission.id or 0, member.id or 0, observer.email


def code_item_ids(w: World) -> list[int]:
    return [i["id"] for i in w.client.get("/api/v1/code-of-conduct").json()["items"]]


# Accounts and signing in ------------------------------------------------------------------


def sign_in_to_the_api(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    return Call(200, form={"username": user.email, "password": PASSWORD})


def sign_out_of_the_api(w: World) -> Call:
    return Call(204, headers=w.staff())


def refresh_a_device_session(w: World) -> Call:
    user = make_user(w.db, w.hasher, role=Role.observer)
    form = {"username": user.email, "password": PASSWORD, "device": "true"}
    token = w.client.post("/api/v1/auth/token", data=form).json()["access_token"]
    return Call(200, headers={"Authorization": f"Bearer {token}"})


def sign_an_account_out_everywhere_through_the_api(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)
    return Call(200, {"user_id": user.id}, w.admin())


def sign_an_account_out_everywhere_on_its_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)
    return Call(303, {"account_id": user.id}, form={"csrf": admin_on_the_pages(w)})


def create_a_user(w: World) -> Call:
    body = {
        "email": "new.person@example.org",
        "full_name": "New Person",
        "role": "staff",
        "password": "a long enough password",
    }
    return Call(201, headers=w.admin(), json=body)


def change_a_signed_in_users_password(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)
    return Call(200, {"user_id": user.id}, w.admin(), json={"password": "another long passphrase"})


def sign_in_to_the_pages(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    token = csrf_of(w.client.get("/login").text)
    return Call(303, form={"email": user.email, "password": PASSWORD, "csrf": token})


def sign_out_of_the_pages(w: World) -> Call:
    token = page_sign_in(w, make_user(w.db, w.hasher).email)
    return Call(303, form={"csrf": token})


def admin_on_the_pages(w: World) -> str:
    """Sign a new administrator in on the pages; the CSRF token their forms carry."""
    return page_sign_in(w, make_user(w.db, w.hasher, role=Role.admin).email)


def open_an_account_on_its_page(w: World) -> Call:
    form = {
        "full_name": "Nora Nueva",
        "email": "nora@example.org",
        "role": "observer",
        "password": "a long enough password",
        "csrf": admin_on_the_pages(w),
    }
    return Call(303, form=form)


def change_a_role_on_the_accounts_page(w: World) -> Call:
    user = make_user(w.db, w.hasher, role=Role.observer)
    return Call(303, {"account_id": user.id}, form={"role": "donor", "csrf": admin_on_the_pages(w)})


def deactivate_a_signed_in_account_on_its_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)
    form = {"active": "false", "csrf": admin_on_the_pages(w)}
    return Call(303, {"account_id": user.id}, form=form)


def replace_a_reset_link_on_the_accounts_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    with w.db.session_scope() as session:
        resets.create_reset_link(session, user, actor=SYSTEM, now=utcnow())
    return Call(200, {"account_id": user.id}, form={"csrf": admin_on_the_pages(w)})


def make_a_reset_link_through_the_api(w: World) -> Call:
    return Call(201, {"user_id": make_user(w.db, w.hasher).id}, w.admin())


def set_a_signed_in_accounts_password_through_its_link(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)
    with w.db.session_scope() as session:
        plain, _ = resets.create_reset_link(session, user, actor=SYSTEM, now=utcnow())
    token = csrf_of(w.client.get(f"/reset/{plain}").text)
    form = {"password": "a brand new passphrase", "password_again": "a brand new passphrase"}
    return Call(303, {"token": plain}, form={**form, "csrf": token})


def change_ones_own_password_through_the_api(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)  # another session, which ends
    new = "a brand new passphrase"
    body = {"current_password": PASSWORD, "password": new, "password_again": new}
    return Call(200, headers=bearer(w.client, user.email), json=body)


def change_ones_own_password_on_its_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)
    new = "a brand new passphrase"
    form = {"current_password": PASSWORD, "password": new, "password_again": new}
    return Call(303, form={**form, "csrf": page_sign_in(w, user.email)})


def ask_for_a_reset_link_on_the_forgot_password_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    app: FastAPI = w.client.app  # type: ignore[assignment]
    # Email configured for this test only; the server refuses the connection, which is
    # logged after the answer (the link is made all the same).
    emailing = app.state.settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": free_port(),
            "smtp_from": "eom@example.org",
            "public_url": "https://eom.example.org",
        }
    )
    w.monkeypatch.setitem(app.state._state, "settings", emailing)
    return Call(200, form={"email": user.email, "csrf": csrf_of(w.client.get("/forgot").text)})


def _settings(w: World) -> Settings:
    app: FastAPI = w.client.app  # type: ignore[assignment]
    settings: Settings = app.state.settings
    return settings


def sign_in_with_a_code_on_the_second_step(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    secret, _ = enrol_totp(w.db, user, _settings(w))
    asked = page_sign_in(w, user.email, status=200)
    ticket = re.search(r'name="ticket" value="([^"]+)"', asked.text)
    assert ticket
    form = {"ticket": ticket.group(1), "code": next_code(secret), "csrf": csrf_of(asked.text)}
    return Call(303, form=form)


def set_up_two_factor_sign_in_on_its_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    token = page_sign_in(w, user.email)
    page = w.client.get("/account/two-factor").text
    secret = re.search(r'id="totp-key">([A-Z2-7 ]+)</code>', page)
    offer = re.search(r'name="offer" value="([^"]+)"', page)
    assert secret and offer
    code = pyotp.TOTP(secret.group(1).replace(" ", "")).now()
    return Call(200, form={"offer": offer.group(1), "code": code, "csrf": token})


def turn_two_factor_sign_in_off_with_a_recovery_code(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    _, codes = enrol_totp(w.db, user, _settings(w))
    asked = page_sign_in(w, user.email, status=200)
    ticket = re.search(r'name="ticket" value="([^"]+)"', asked.text)
    assert ticket
    form = {"ticket": ticket.group(1), "code": codes[0], "csrf": csrf_of(asked.text)}
    assert w.client.post("/login/code", data=form, follow_redirects=False).status_code == 303
    return Call(303, form={"password": PASSWORD, "code": codes[1], "csrf": form["csrf"]})


def remove_an_accounts_two_factor_sign_in_through_the_api(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    enrol_totp(w.db, user, _settings(w))
    return Call(204, {"user_id": user.id}, w.admin())


def remove_an_accounts_two_factor_sign_in_on_its_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    enrol_totp(w.db, user, _settings(w))
    admin = make_user(w.db, w.hasher, role=Role.admin)
    return Call(303, {"account_id": user.id}, form={"csrf": page_sign_in(w, admin.email)})


def end_a_session_of_ones_own_through_the_api(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    other = bearer(w.client, user.email)
    sessions = w.client.get("/api/v1/me/sessions", headers=other).json()
    return Call(204, {"session_id": sessions[0]["id"]}, bearer(w.client, user.email))


def end_ones_other_sessions_through_the_api(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)
    return Call(200, headers=bearer(w.client, user.email))


def end_a_session_of_ones_own_on_the_account_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    other = bearer(w.client, user.email)
    sessions = w.client.get("/api/v1/me/sessions", headers=other).json()
    return Call(303, {"session_id": sessions[0]["id"]}, form={"csrf": page_sign_in(w, user.email)})


def end_ones_other_sessions_on_the_account_page(w: World) -> Call:
    user = make_user(w.db, w.hasher)
    bearer(w.client, user.email)
    return Call(303, form={"csrf": page_sign_in(w, user.email)})


# Missions, members, observers and the code of conduct -------------------------------------


def create_a_mission(w: World) -> Call:
    body = {
        "code": "EOM-PER-2026",
        "kind": "electoral_observation",
        "host_country": "PE",
        "election_type": "general",
        "election_date": "2026-10-04",
        "planned_budget_usd": "900000.00",
    }
    return Call(201, headers=w.staff(), json=body)


def change_a_missions_plan(w: World) -> Call:
    mission = make_mission(w.db)
    body = {"election_type": "presidential"}
    return Call(200, {"mission_id": mission.id}, w.staff(), json=body)


def move_a_mission_along(w: World) -> Call:
    mission = make_mission(w.db)
    body = {"to": "accepted", "on": "2026-01-05"}
    return Call(201, {"mission_id": mission.id}, w.staff(), json=body)


def record_an_agreement(w: World) -> Call:
    mission = make_mission(w.db)
    body = {
        "kind": "privileges_immunities",
        "counterpart": "Cancillería",
        "signed_on": "2026-06-01",
    }
    return Call(201, {"mission_id": mission.id}, w.staff(), json=body)


VISIT = {
    "starts_on": "2026-03-02",
    "ends_on": "2026-03-05",
    "delegation": "Ana Pérez (DECO)",
    "findings": "The electoral body welcomes the mission.",
    "decision": "go_ahead",
    "decided_on": "2026-03-06",
}


def record_a_preliminary_visit(w: World) -> Call:
    mission = make_mission(w.db)
    body = {**VISIT, "meetings": [{"held_on": "2026-03-03", "interlocutor": "Tribunal"}]}
    return Call(201, {"mission_id": mission.id}, w.staff(), json=body)


def correct_a_preliminary_visit(w: World) -> Call:
    mission = make_mission(w.db)
    params = {"mission_id": mission.id, "visit_id": make_visit(w.db, mission).id}
    return Call(200, params, w.staff(), json={**VISIT, "decision_note": "Access first."})


def staff_on_the_pages(w: World) -> str:
    """Sign a new staff member in on the pages; the CSRF token their forms carry."""
    return page_sign_in(w, make_user(w.db, w.hasher, role=Role.staff).email)


def create_a_mission_on_its_page(w: World) -> Call:
    form = {
        "code": "EOM-PER-2026",
        "kind": "electoral_observation",
        "host_country": "PE",
        "election_type": "general",
        "election_date": "2026-10-04",
        "planned_budget_usd": "900000.00",
    }
    return Call(303, form={**form, "csrf": staff_on_the_pages(w)})


def change_a_missions_plan_on_its_page(w: World) -> Call:
    mission = make_mission(w.db)
    form = {
        "code": mission.code,
        "kind": "electoral_observation",
        "host_country": mission.host_country,
        "election_type": "presidential",
        "requested_on": mission.requested_on.isoformat(),
        "election_date": mission.election_date.isoformat(),
        "version": "1",
    }
    return Call(303, {"mission_id": mission.id}, form={**form, "csrf": staff_on_the_pages(w)})


def move_a_mission_along_on_its_page(w: World) -> Call:
    mission = make_mission(w.db)
    form = {"to": "accepted", "on": "2026-01-05", "csrf": staff_on_the_pages(w)}
    return Call(303, {"mission_id": mission.id}, form=form)


def record_an_agreement_on_the_missions_page(w: World) -> Call:
    mission = make_mission(w.db)
    form = {
        "kind": "privileges_immunities",
        "counterpart": "Cancillería",
        "signed_on": "2026-06-01",
        "csrf": staff_on_the_pages(w),
    }
    return Call(303, {"mission_id": mission.id}, form=form)


def record_a_preliminary_visit_on_its_page(w: World) -> Call:
    mission = make_mission(w.db)
    meeting = {"held_on": ["2026-03-03"], "interlocutor": ["Tribunal"], "summary": [""]}
    form = {**VISIT, **meeting, "csrf": staff_on_the_pages(w)}
    return Call(303, {"mission_id": mission.id}, form=form)


def correct_a_preliminary_visit_on_its_page(w: World) -> Call:
    mission = make_mission(w.db)
    params = {"mission_id": mission.id, "visit_id": make_visit(w.db, mission).id}
    form = {**VISIT, "version": "1", "csrf": staff_on_the_pages(w)}
    return Call(303, params, form=form)


def add_people_to_a_team_on_its_page(w: World) -> Call:
    mission = make_mission(w.db)
    form = {"observer": [make_observer(w.db).id], "role": "short_term_observer"}
    return Call(200, {"mission_id": mission.id}, form={**form, "csrf": staff_on_the_pages(w)})


def confirm_team_members_on_their_page(w: World) -> Call:
    mission = make_mission(w.db)
    form = {"member": [make_member(w.db, mission).id], "to": "confirmed"}
    return Call(200, {"mission_id": mission.id}, form={**form, "csrf": staff_on_the_pages(w)})


def set_a_members_days_on_their_page(w: World) -> Call:
    mission = make_mission(w.db)
    params = {"mission_id": mission.id, "member_id": make_member(w.db, mission).id}
    form = {"arrives_on": mission.election_date.isoformat(), "leaves_on": ""}
    return Call(303, params, form={**form, "csrf": staff_on_the_pages(w)})


def add_a_missions_own_conduct_item(w: World) -> Call:
    mission = make_mission(w.db)
    body = {
        "key": "no_social_media",
        "kind": "obligation",
        "text_en": "Post nothing about the election on social media.",
        "text_es": "No publicar nada sobre la elección en redes sociales.",
    }
    return Call(201, {"mission_id": mission.id}, w.staff(), json=body)


def invite_a_member(w: World) -> Call:
    mission, observer = make_mission(w.db), make_observer(w.db)
    body = {"observer_id": observer.id, "role": "short_term_observer"}
    return Call(201, {"mission_id": mission.id}, w.staff(), json=body)


def confirm_a_member(w: World) -> Call:
    mission = make_mission(w.db)
    member = make_member(w.db, mission)
    params = {"mission_id": mission.id, "member_id": member.id}
    return Call(200, params, w.staff(), json={"status": "confirmed"})


def acknowledge_the_code_through_the_api(w: World) -> Call:
    mission_id, member_id, email = observing_member(w)
    params = {"mission_id": mission_id, "member_id": member_id}
    return Call(201, params, bearer(w.client, email), json={"item_ids": code_item_ids(w)})


def acknowledge_the_code_on_the_page(w: World) -> Call:
    _, member_id, email = observing_member(w)
    token = page_sign_in(w, email)
    return Call(303, form={"member_id": member_id, "item": code_item_ids(w), "csrf": token})


def add_an_observer(w: World) -> Call:
    body = {
        "full_name": "Ana Example",
        "nationality": "UY",
        "gender": "female",
        "languages": ["es"],
        "expertise": ["gender"],
        "email": "ana@observers.example",
    }
    return Call(201, headers=w.staff(), json=body)


def import_the_roster(w: World) -> Call:
    known = make_observer(w.db)
    csv = (
        "full_name,nationality,gender,languages,expertise,email,phone\n"
        f"{known.full_name},CA,female,en;es,electoral_organization,{known.email},+1 613 555 0199\n"
        "Luis Example,CL,male,es,media,luis@observers.example,\n"
    )
    return Call(200, headers={**w.staff(), **CSV}, csv=csv)


def upload_the_roster_on_its_page(w: World) -> Call:
    known = make_observer(w.db)
    csv = (
        "full_name,nationality,gender,languages,expertise,email,phone\n"
        f"{known.full_name},CA,female,en;es,electoral_organization,{known.email},+1 613 555 0199\n"
        "Luis Example,CL,male,es,media,luis@observers.example,\n"
    )
    files = {"file": ("roster.csv", csv.encode(), "text/csv")}
    return Call(303, form={"csrf": staff_on_the_pages(w)}, files=files)


def change_an_observer(w: World) -> Call:
    observer = make_observer(w.db)
    body = {"phone": "+1 613 555 0199"}
    return Call(200, {"observer_id": observer.id}, w.staff(), json=body)


def publish_a_new_code(w: World) -> Call:
    items = [
        {
            "key": "impartiality",
            "kind": "obligation",
            "text_en": "Act impartially at all times.",
            "text_es": "Actuar con imparcialidad en todo momento.",
        },
        {
            "key": "pledge",
            "kind": "pledge",
            "text_en": "I pledge to follow this code.",
            "text_es": "Me comprometo a seguir este código.",
        },
    ]
    return Call(201, headers=w.staff(), json={"items": items})


# Field reporting ---------------------------------------------------------------------------


def import_stations(w: World) -> Call:
    mission = make_mission(w.db)
    known = make_station(w.db, mission)
    csv = (
        "region,municipality,centre,code,registered_voters\n"
        f"La Paz,El Alto,{known.centre},{known.code},350\n"
        "Oruro,Oruro,Colegio Nacional,OR-1,300\n"
    )
    return Call(200, {"mission_id": mission.id}, {**w.staff(), **CSV}, csv=csv)


def assign_a_station(w: World) -> Call:
    mission = make_mission(w.db)
    member, station = make_member(w.db, mission), make_station(w.db, mission)
    params = {"mission_id": mission.id, "member_id": member.id}
    return Call(200, params, w.staff(), json={"station_ids": [station.id]})


def call_a_member_back_from_a_station(w: World) -> Call:
    mission = make_mission(w.db)
    member, station = make_member(w.db, mission), make_station(w.db, mission)
    with w.db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        sent = members.get_member(session, fresh, member.id or 0)
        stations.assign_stations(session, fresh, sent, [station.id or 0], actor=SYSTEM)
    params = {"mission_id": mission.id, "member_id": member.id, "station_id": station.id}
    return Call(200, params, w.staff())


def upload_stations_on_their_page(w: World) -> Call:
    mission = make_mission(w.db)
    csv = b"region,municipality,centre,code\nOruro,Oruro,Colegio Nacional,OR-1\n"
    files = {"file": ("stations.csv", csv, "text/csv")}
    return Call(303, {"mission_id": mission.id}, form={"csrf": staff_on_the_pages(w)}, files=files)


def send_a_member_to_a_station_on_the_page(w: World) -> Call:
    mission = make_mission(w.db)
    member, station = make_member(w.db, mission), make_station(w.db, mission)
    form = {"member": member.id, "station": [station.id], "action": "assign"}
    return Call(303, {"mission_id": mission.id}, form={**form, "csrf": staff_on_the_pages(w)})


def draft_a_form(w: World) -> Call:
    mission = make_mission(w.db)
    return Call(201, {"mission_id": mission.id}, w.staff(), json=SIMPLE_FORM)


def edit_a_draft_form(w: World) -> Call:
    mission = make_mission(w.db)
    form = make_form(w.db, mission, publish=False)
    params = {"mission_id": mission.id, "form_id": form.id}
    return Call(200, params, w.staff(), json={**SIMPLE_FORM, "title_en": "Opening of the poll"})


def publish_a_form(w: World) -> Call:
    mission = make_mission(w.db)
    form = make_form(w.db, mission, publish=False)
    return Call(200, {"mission_id": mission.id, "form_id": form.id}, w.staff())


def correct_a_submission(w: World) -> Call:
    field_ = in_the_field(w)
    first = field_.submission()
    filed = w.client.post(f"{field_.url}/submissions", json=first, headers=field_.observer)
    assert filed.status_code == 201, filed.text
    answers = {"opened_on_time": False, "staff_present": 5, "assessment": "poor"}
    body = field_.submission(answers=answers, supersedes=first["uuid"])
    return Call(201, {"mission_id": field_.mission_id}, field_.observer, json=body)


def file_a_batch(w: World) -> Call:
    field_ = in_the_field(w)
    body = {"items": [field_.submission(), field_.submission()]}
    return Call(200, {"mission_id": field_.mission_id}, field_.observer, json=body)


def report_an_incident(w: World) -> Call:
    field_ = in_the_field(w)
    return Call(201, {"mission_id": field_.mission_id}, field_.observer, json=field_.incident())


def verify_an_incident_through_the_api(w: World) -> Call:
    field_ = in_the_field(w)
    params = {"mission_id": field_.mission_id, "incident_id": reported_incident(w, field_)}
    body = {"verification": "confirmed", "note": "Seen by two teams."}
    return Call(200, params, w.staff(), json=body)


def verify_an_incident_on_the_board(w: World) -> Call:
    field_ = in_the_field(w)
    params = {"mission_id": field_.mission_id, "incident_id": reported_incident(w, field_)}
    token = page_sign_in(w, make_user(w.db, w.hasher, role=Role.staff).email)
    form = {"verification": "rejected", "note": "Nobody else saw it.", "csrf": token}
    return Call(303, params, form=form)


def add_a_photo_to_an_incident(w: World) -> Call:
    field_ = in_the_field(w)
    incident = field_.incident()
    reported = w.client.post(f"{field_.url}/incidents", json=incident, headers=field_.observer)
    assert reported.status_code == 201, reported.text
    files = {"photo": ("photo.jpg", phone_jpeg(), "image/jpeg")}
    return Call(201, {"incident_uuid": incident["uuid"]}, field_.observer, files=files)


def file_a_meeting(w: World) -> Call:
    mission = advance(w.db, make_mission(w.db), MissionStatus.deployed)
    _, email = field_observer(w.db, w.hasher, mission, role=MemberRole.regional_coordinator)
    body = {**MEETING, "uuid": str(uuid.uuid4())}
    return Call(201, {"mission_id": mission.id}, bearer(w.client, email), json=body)


# Funding -----------------------------------------------------------------------------------


def record_a_donor(w: World) -> Call:
    return Call(201, headers=w.staff(), json={"name": "Fundación Ejemplo", "kind": "foundation"})


def link_a_donor_account(w: World) -> Call:
    donor = make_donor(w.db)
    user = make_user(w.db, w.hasher, role=Role.donor)
    return Call(201, {"donor_id": donor.id}, w.staff(), json={"user_id": user.id})


def revise_a_budget(w: World) -> Call:
    mission = make_mission(w.db)
    body = {"lines": [{"category": "travel", "amount_usd": "250.00"}]}
    return Call(200, {"mission_id": mission.id}, w.staff(), json=body)


def record_a_pledge(w: World) -> Call:
    mission, donor = make_mission(w.db), make_donor(w.db)
    body = {
        "mission_id": mission.id,
        "kind": "pledge",
        "on": "2026-03-02",
        "amount": "10.00",
        "currency": "USD",
        "donor_id": donor.id,
    }
    return Call(201, headers=w.staff(), json=body)


def reverse_a_movement(w: World) -> Call:
    mission, donor = make_mission(w.db), make_donor(w.db)
    pledge = record_money(w.db, mission, MovementKind.pledge, "10.00", "USD", donor_id=donor.id)
    return Call(201, {"movement_id": pledge.id}, w.staff(), json={"on": "2026-03-03"})


def record_a_rate(w: World) -> Call:
    body = {"currency": "EUR", "on": "2026-03-02", "usd_per_unit": "1.08"}
    return Call(201, headers=w.staff(), json=body)


def import_rates(w: World) -> Call:
    csv = "currency,on,usd_per_unit\nEUR,2026-03-02,1.08\nPEN,2026-03-02,0.27\n"
    return Call(200, headers={**w.staff(), **CSV}, csv=csv)


def correct_a_donor(w: World) -> Call:
    body = {"name": "Fundación Ejemplo", "kind": "foundation", "amounts_public": True}
    return Call(200, {"donor_id": make_donor(w.db).id}, w.staff(), json=body)


def record_a_donor_on_its_page(w: World) -> Call:
    form = {"name": "Fundación Ejemplo", "kind": "foundation", "csrf": staff_on_the_pages(w)}
    return Call(303, form=form)


def correct_a_donor_on_its_page(w: World) -> Call:
    form = {"name": "Fundación Ejemplo", "kind": "foundation", "csrf": staff_on_the_pages(w)}
    return Call(303, {"donor_id": make_donor(w.db).id}, form=form)


def link_a_donor_account_on_its_page(w: World) -> Call:
    donor = make_donor(w.db)
    user = make_user(w.db, w.hasher, role=Role.donor)
    form = {"account": user.id, "csrf": staff_on_the_pages(w)}
    return Call(303, {"donor_id": donor.id}, form=form)


def revise_a_budget_on_the_missions_page(w: World) -> Call:
    mission = make_mission(w.db)
    form = {"line_travel": "250.00", "revision": "0", "csrf": staff_on_the_pages(w)}
    return Call(303, {"mission_id": mission.id}, form=form)


def record_a_pledge_on_the_missions_page(w: World) -> Call:
    mission, donor = make_mission(w.db), make_donor(w.db)
    form = {
        "kind": "pledge",
        "on": "2026-03-02",
        "amount": "10.00",
        "currency": "USD",
        "donor_id": donor.id,
        "csrf": staff_on_the_pages(w),
    }
    return Call(303, {"mission_id": mission.id}, form=form)


def reverse_a_movement_on_the_missions_page(w: World) -> Call:
    mission, donor = make_mission(w.db), make_donor(w.db)
    pledge = record_money(w.db, mission, MovementKind.pledge, "10.00", "USD", donor_id=donor.id)
    form = {"on": "2026-03-03", "csrf": staff_on_the_pages(w)}
    return Call(303, {"movement_id": pledge.id}, form=form)


def record_a_rate_on_its_page(w: World) -> Call:
    form = {"currency": "EUR", "on": "2026-03-02", "usd_per_unit": "1.08"}
    return Call(303, form={**form, "csrf": staff_on_the_pages(w)})


def upload_rates_on_their_page(w: World) -> Call:
    csv = b"currency,on,usd_per_unit\nEUR,2026-03-02,1.08\nPEN,2026-03-02,0.27\n"
    files = {"file": ("rates.csv", csv, "text/csv")}
    return Call(303, form={"csrf": staff_on_the_pages(w)}, files=files)


# Recommendations ---------------------------------------------------------------------------

TEXT_EN = "Regulate the financing of electoral campaigns and its oversight."
TEXT_ES = "Regular el financiamiento de las campañas electorales y su fiscalización."
EVIDENCE = "Checked against the official gazette and the electoral body's reports."


def draft_a_recommendation(w: World) -> Call:
    mission = reported_mission(w.db)
    body = {
        "mission_id": mission.id,
        "number": 1,
        "text_en": TEXT_EN,
        "text_es": TEXT_ES,
        "theme": "political_financing",
        "institution": "legislature",
        "priority": "high",
        "legal_level": "legal",
    }
    return Call(201, headers=w.staff(), json=body)


def import_recommendations(w: World) -> Call:
    mission = reported_mission(w.db)
    known = make_recommendation(w.db, mission, number=1)
    columns = "mission_code,number,text_en,text_es,theme,institution,priority,legal_level"
    common = f"{TEXT_EN},{TEXT_ES},political_financing,legislature"
    csv = (
        f"{columns},reiterates,published\n"
        f"{mission.code},{known.number},{common},low,legal,,false\n"
        f"{mission.code},2,{common},high,legal,,true\n"
    )
    return Call(200, headers={**w.staff(), **CSV}, csv=csv)


def import_assessments(w: World) -> Call:
    mission = reported_mission(w.db)
    known = make_recommendation(w.db, mission, number=1)
    csv = (
        "mission_code,number,assessed_on,status,evidence,source_url,assessed_by\n"
        f"{mission.code},{known.number},2026-11-01,partially_implemented,{EVIDENCE},,\n"
    )
    return Call(200, headers={**w.staff(), **CSV}, csv=csv)


def correct_a_recommendation(w: World) -> Call:
    recommendation = make_recommendation(w.db, reported_mission(w.db))
    params = {"recommendation_id": recommendation.id}
    return Call(200, params, w.staff(), json={"priority": "low"})


def publish_a_recommendation(w: World) -> Call:
    recommendation = make_recommendation(w.db, reported_mission(w.db))
    return Call(200, {"recommendation_id": recommendation.id}, w.staff())


def assess_a_recommendation(w: World) -> Call:
    recommendation = make_recommendation(w.db, reported_mission(w.db))
    body = {"assessed_on": "2026-11-01", "status": "partially_implemented", "evidence": EVIDENCE}
    return Call(201, {"recommendation_id": recommendation.id}, w.staff(), json=body)


# Mission documents -------------------------------------------------------------------------

DOCUMENT = "/api/v1/documents/{document_id}"
SECTION = DOCUMENT + "/sections/{section_id}"
PDF = b"%PDF-1.7\n%%EOF\n"


def _deployed(w: World) -> Mission:
    return advance(w.db, make_mission(w.db), MissionStatus.deployed)


def draft_a_document(w: World) -> Call:
    body = {"kind": "press_release", "titles": {"en": "Opening", "es": "Apertura"}}
    return Call(201, {"mission_id": _deployed(w).id}, w.staff(), json=body)


def retitle_a_document(w: World) -> Call:
    document = make_document(w.db, _deployed(w))
    body = {"titles": {"en": "Preliminary", "es": "Preliminar"}}
    return Call(200, {"document_id": document.id}, w.staff(), json=body)


def publish_a_preliminary_statement(w: World) -> Call:
    """Publishing it records on its mission when it became public, in the mission's entry."""
    document = make_document(w.db, _deployed(w), DocumentKind.preliminary_statement)
    with w.db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        for to in (DocumentStatus.in_review, DocumentStatus.approved):
            documents.transition(session, fresh, to, actor=SYSTEM)
    return Call(200, {"document_id": document.id}, w.staff(), json={"to": "published"})


def add_a_section(w: World) -> Call:
    document = make_document(w.db, _deployed(w))
    body = {"heading": "Gender", "theme": "gender"}
    return Call(201, {"document_id": document.id}, w.staff(), json=body)


def assign_a_section(w: World) -> Call:
    mission = _deployed(w)
    section = make_section(w.db, make_document(w.db, mission))
    body = {"assignee_id": make_member(w.db, mission).id}
    params = {"document_id": section.document_id, "section_id": section.id}
    return Call(200, params, w.staff(), json=body)


def write_a_section(w: World) -> Call:
    section = make_section(w.db, make_document(w.db, _deployed(w)))
    params = {"document_id": section.document_id, "section_id": section.id}
    return Call(200, params, w.staff(), json={"text": {"en": "Words.", "es": "Palabras."}})


def submit_a_section(w: World) -> Call:
    section = make_section(w.db, make_document(w.db, _deployed(w)), text={"en": "Words."})
    params = {"document_id": section.document_id, "section_id": section.id}
    return Call(200, params, w.staff(), json={"to": "submitted"})


def upload_a_documents_file(w: World) -> Call:
    document = make_document(w.db, _deployed(w))
    files = {"file": ("statement.pdf", PDF, "application/pdf")}
    return Call(200, {"document_id": document.id}, w.staff(), files=files)


def record_a_delivery(w: World) -> Call:
    document = publish(w.db, make_document(w.db, _deployed(w)))
    body = {"authority": "Electoral tribunal", "means": "hand", "delivered_on": "2026-11-02"}
    return Call(201, {"document_id": document.id}, w.staff(), json=body)


DOCUMENT_PAGE = "/missions/{mission_id}/documents/{document_id}"
SECTION_PAGE = DOCUMENT_PAGE + "/sections/{section_id}"


def _on_its_page(document: Document, section: DocumentSection | None = None) -> dict[str, object]:
    params: dict[str, object] = {"mission_id": document.mission_id, "document_id": document.id}
    return params | ({"section_id": section.id} if section is not None else {})


def start_a_document_on_its_page(w: World) -> Call:
    form = {"kind": "press_release", "title_en": "Opening", "title_es": "Apertura"}
    return Call(303, {"mission_id": _deployed(w).id}, form={**form, "csrf": staff_on_the_pages(w)})


def send_a_document_to_review_on_its_page(w: World) -> Call:
    document = make_document(w.db, _deployed(w))
    form = {"to": "in_review", "version": str(document.version)}
    return Call(303, _on_its_page(document), form={**form, "csrf": staff_on_the_pages(w)})


def add_a_section_on_its_page(w: World) -> Call:
    document = make_document(w.db, _deployed(w))
    form = {"heading": "Gender", "theme": "gender"}
    return Call(303, _on_its_page(document), form={**form, "csrf": staff_on_the_pages(w)})


def assign_a_section_on_its_page(w: World) -> Call:
    mission = _deployed(w)
    section = make_section(w.db, document := make_document(w.db, mission))
    form = {"assignee_id": str(make_member(w.db, mission).id), "version": str(section.version)}
    params = _on_its_page(document, section)
    return Call(303, params, form={**form, "csrf": staff_on_the_pages(w)})


def submit_a_section_on_its_page(w: World) -> Call:
    document = make_document(w.db, _deployed(w))
    section = make_section(w.db, document, text={"en": "Words."})
    form = {"to": "submitted", "csrf": staff_on_the_pages(w)}
    return Call(303, _on_its_page(document, section), form=form)


def write_a_section_on_its_page(w: World) -> Call:
    document = make_document(w.db, _deployed(w))
    section = make_section(w.db, document)
    form = {"text_en": "Words.", "text_es": "Palabras.", "version": str(section.version)}
    params = _on_its_page(document, section)
    return Call(303, params, form={**form, "csrf": staff_on_the_pages(w)})


def upload_a_documents_file_on_its_page(w: World) -> Call:
    document = make_document(w.db, _deployed(w))
    files = {"file": ("statement.pdf", PDF, "application/pdf")}
    return Call(303, _on_its_page(document), form={"csrf": staff_on_the_pages(w)}, files=files)


def record_a_delivery_on_its_page(w: World) -> Call:
    document = publish(w.db, make_document(w.db, _deployed(w)))
    form = {"authority": "Electoral tribunal", "means": "hand", "delivered_on": "2026-11-02"}
    return Call(303, _on_its_page(document), form={**form, "csrf": staff_on_the_pages(w)})


FORM_PAGES = "/missions/{mission_id}/forms"
NEW_FORM = {
    "title_en": "Media monitoring",
    "title_es": "Monitoreo de medios",
    "key": "media_monitoring",
    "phase": "long_term",
    "text_en": "Did the public broadcaster cover every candidate?",
    "text_es": "¿Cubrió el canal público a todas las candidaturas?",
    "type": "yes_no",
}


def draft_a_form_on_its_page(w: World) -> Call:
    form = {**NEW_FORM, "csrf": staff_on_the_pages(w)}
    return Call(303, {"mission_id": make_mission(w.db).id}, form=form)


def copy_the_standard_forms_on_the_page(w: World) -> Call:
    form = {"source": "standard", "csrf": staff_on_the_pages(w)}
    return Call(303, {"mission_id": make_mission(w.db).id}, form=form)


def _draft(w: World) -> dict[str, object]:
    mission = make_mission(w.db)
    form = make_form(w.db, mission, publish=False)
    return {"mission_id": mission.id, "form_id": form.id, "question_id": form.questions[0]["id"]}


def retitle_a_draft_form_on_its_page(w: World) -> Call:
    form = {"title_en": "Opening, revised", "title_es": "Apertura, revisada", "phase": "opening"}
    return Call(303, _draft(w), form={**form, "csrf": staff_on_the_pages(w)})


def publish_a_form_on_its_page(w: World) -> Call:
    return Call(303, _draft(w), form={"csrf": staff_on_the_pages(w)})


def make_a_new_version_of_a_form_on_its_page(w: World) -> Call:
    mission = make_mission(w.db)
    params = {"mission_id": mission.id, "form_id": make_form(w.db, mission).id}
    return Call(303, params, form={"csrf": staff_on_the_pages(w)})


def add_a_question_on_the_forms_page(w: World) -> Call:
    question = {"text_en": "How many?", "text_es": "¿Cuántos?", "type": "integer"}
    params = {**_draft(w), "question_id": "new"}
    return Call(303, params, form={**question, "csrf": staff_on_the_pages(w)})


def move_a_question_on_the_forms_page(w: World) -> Call:
    return Call(303, _draft(w), form={"offset": "1", "csrf": staff_on_the_pages(w)})


def remove_a_question_on_the_forms_page(w: World) -> Call:
    return Call(303, _draft(w), form={"csrf": staff_on_the_pages(w)})


def draft_a_recommendation_on_the_missions_page(w: World) -> Call:
    form = {
        "number": "1",
        "text_en": TEXT_EN,
        "text_es": TEXT_ES,
        "theme": "political_financing",
        "institution": "legislature",
        "priority": "high",
        "legal_level": "legal",
        "csrf": staff_on_the_pages(w),
    }
    return Call(303, {"mission_id": reported_mission(w.db).id}, form=form)


def correct_a_recommendation_on_its_page(w: World) -> Call:
    recommendation = make_recommendation(w.db, reported_mission(w.db))
    form = {
        "number": str(recommendation.number),
        "text_en": TEXT_EN,
        "text_es": TEXT_ES,
        "theme": "political_financing",
        "institution": "legislature",
        "priority": "low",
        "legal_level": "legal",
        "version": str(recommendation.version),
        "csrf": staff_on_the_pages(w),
    }
    return Call(303, {"recommendation_id": recommendation.id}, form=form)


def publish_a_recommendation_on_the_missions_page(w: World) -> Call:
    recommendation = make_recommendation(w.db, reported_mission(w.db))
    form = {"csrf": staff_on_the_pages(w)}
    return Call(303, {"recommendation_id": recommendation.id}, form=form)


def assess_a_recommendation_on_its_page(w: World) -> Call:
    recommendation = make_recommendation(w.db, reported_mission(w.db))
    form = {
        "assessed_on": "2026-11-01",
        "status": "partially_implemented",
        "evidence": EVIDENCE,
        "csrf": staff_on_the_pages(w),
    }
    return Call(303, {"recommendation_id": recommendation.id}, form=form)


MISSION = "/api/v1/missions/{mission_id}"
MEMBER = MISSION + "/members/{member_id}"
RECOMMENDATION = "/api/v1/recommendations/{recommendation_id}"

SCENARIOS: dict[Route, Scenario] = {
    ("POST", "/api/v1/auth/token"): sign_in_to_the_api,
    ("POST", "/api/v1/auth/logout"): sign_out_of_the_api,
    ("POST", "/api/v1/auth/refresh"): refresh_a_device_session,
    ("POST", "/api/v1/users"): create_a_user,
    ("PATCH", "/api/v1/users/{user_id}"): change_a_signed_in_users_password,
    ("POST", "/api/v1/users/{user_id}/password-reset"): make_a_reset_link_through_the_api,
    ("POST", "/api/v1/users/{user_id}/sign-out"): sign_an_account_out_everywhere_through_the_api,
    (
        "DELETE",
        "/api/v1/users/{user_id}/totp",
    ): remove_an_accounts_two_factor_sign_in_through_the_api,
    ("POST", "/admin/accounts/{account_id}/two-factor/remove"): (
        remove_an_accounts_two_factor_sign_in_on_its_page
    ),
    ("POST", "/admin/accounts/new"): open_an_account_on_its_page,
    ("POST", "/admin/accounts/{account_id}/role"): change_a_role_on_the_accounts_page,
    ("POST", "/admin/accounts/{account_id}/active"): deactivate_a_signed_in_account_on_its_page,
    ("POST", "/admin/accounts/{account_id}/reset-link"): replace_a_reset_link_on_the_accounts_page,
    ("POST", "/admin/accounts/{account_id}/sign-out"): sign_an_account_out_everywhere_on_its_page,
    ("POST", "/reset/{token}"): set_a_signed_in_accounts_password_through_its_link,
    ("POST", "/login"): sign_in_to_the_pages,
    ("POST", "/login/code"): sign_in_with_a_code_on_the_second_step,
    ("POST", "/account/two-factor"): set_up_two_factor_sign_in_on_its_page,
    ("POST", "/account/two-factor/disable"): turn_two_factor_sign_in_off_with_a_recovery_code,
    ("POST", "/logout"): sign_out_of_the_pages,
    ("POST", "/api/v1/me/password"): change_ones_own_password_through_the_api,
    ("POST", "/account/password"): change_ones_own_password_on_its_page,
    ("POST", "/forgot"): ask_for_a_reset_link_on_the_forgot_password_page,
    ("DELETE", "/api/v1/me/sessions/{session_id}"): end_a_session_of_ones_own_through_the_api,
    ("POST", "/api/v1/me/sessions/end-others"): end_ones_other_sessions_through_the_api,
    ("POST", "/account/sessions/{session_id}/end"): end_a_session_of_ones_own_on_the_account_page,
    ("POST", "/account/sessions/end-others"): end_ones_other_sessions_on_the_account_page,
    ("POST", "/api/v1/missions"): create_a_mission,
    ("PATCH", MISSION): change_a_missions_plan,
    ("POST", MISSION + "/transitions"): move_a_mission_along,
    ("POST", MISSION + "/agreements"): record_an_agreement,
    ("POST", "/missions/new"): create_a_mission_on_its_page,
    ("POST", "/missions/{mission_id}/edit"): change_a_missions_plan_on_its_page,
    ("POST", "/missions/{mission_id}/step"): move_a_mission_along_on_its_page,
    ("POST", "/missions/{mission_id}/agreements"): record_an_agreement_on_the_missions_page,
    ("POST", MISSION + "/visits"): record_a_preliminary_visit,
    ("PUT", MISSION + "/visits/{visit_id}"): correct_a_preliminary_visit,
    ("POST", "/missions/{mission_id}/visits"): record_a_preliminary_visit_on_its_page,
    (
        "POST",
        "/missions/{mission_id}/visits/{visit_id}/edit",
    ): correct_a_preliminary_visit_on_its_page,
    ("POST", "/missions/{mission_id}/team/add"): add_people_to_a_team_on_its_page,
    ("POST", "/missions/{mission_id}/team/status"): confirm_team_members_on_their_page,
    ("POST", "/missions/{mission_id}/team/{member_id}/dates"): set_a_members_days_on_their_page,
    ("POST", MISSION + "/conduct-items"): add_a_missions_own_conduct_item,
    ("POST", MISSION + "/members"): invite_a_member,
    ("PATCH", MEMBER): confirm_a_member,
    ("POST", MEMBER + "/acknowledgements"): acknowledge_the_code_through_the_api,
    ("POST", "/my/code"): acknowledge_the_code_on_the_page,
    ("POST", "/api/v1/observers"): add_an_observer,
    ("POST", "/api/v1/observers/import"): import_the_roster,
    ("POST", "/roster/import"): upload_the_roster_on_its_page,
    ("PATCH", "/api/v1/observers/{observer_id}"): change_an_observer,
    ("POST", "/api/v1/code-of-conduct"): publish_a_new_code,
    ("POST", MISSION + "/stations/import"): import_stations,
    ("POST", MEMBER + "/stations"): assign_a_station,
    ("DELETE", MEMBER + "/stations/{station_id}"): call_a_member_back_from_a_station,
    ("POST", "/missions/{mission_id}/stations/import"): upload_stations_on_their_page,
    ("POST", "/missions/{mission_id}/stations/assign"): send_a_member_to_a_station_on_the_page,
    ("POST", MISSION + "/forms"): draft_a_form,
    ("PUT", MISSION + "/forms/{form_id}"): edit_a_draft_form,
    ("POST", MISSION + "/forms/{form_id}/publish"): publish_a_form,
    ("POST", MISSION + "/submissions"): correct_a_submission,
    ("POST", MISSION + "/submissions/batch"): file_a_batch,
    ("POST", MISSION + "/incidents"): report_an_incident,
    ("PATCH", MISSION + "/incidents/{incident_id}"): verify_an_incident_through_the_api,
    ("POST", "/missions/{mission_id}/incidents/{incident_id}/verify"): (
        verify_an_incident_on_the_board
    ),
    ("POST", "/api/v1/incidents/{incident_uuid}/photos"): add_a_photo_to_an_incident,
    ("POST", MISSION + "/meetings"): file_a_meeting,
    ("POST", "/api/v1/donors"): record_a_donor,
    ("POST", "/api/v1/donors/{donor_id}/accounts"): link_a_donor_account,
    ("PUT", "/api/v1/donors/{donor_id}"): correct_a_donor,
    ("POST", "/donors/new"): record_a_donor_on_its_page,
    ("POST", "/donors/{donor_id}/edit"): correct_a_donor_on_its_page,
    ("POST", "/donors/{donor_id}/accounts"): link_a_donor_account_on_its_page,
    ("POST", "/missions/{mission_id}/budget"): revise_a_budget_on_the_missions_page,
    ("POST", "/missions/{mission_id}/movements"): record_a_pledge_on_the_missions_page,
    ("POST", "/movements/{movement_id}/reverse"): reverse_a_movement_on_the_missions_page,
    ("POST", "/funding/rates"): record_a_rate_on_its_page,
    ("POST", "/funding/rates/import"): upload_rates_on_their_page,
    ("PUT", MISSION + "/budget"): revise_a_budget,
    ("POST", "/api/v1/funding/transactions"): record_a_pledge,
    ("POST", "/api/v1/funding/transactions/{movement_id}/reversal"): reverse_a_movement,
    ("POST", "/api/v1/funding/exchange-rates"): record_a_rate,
    ("POST", "/api/v1/funding/exchange-rates/import"): import_rates,
    ("POST", "/api/v1/recommendations"): draft_a_recommendation,
    ("POST", "/api/v1/recommendations/import"): import_recommendations,
    ("POST", "/api/v1/recommendations/assessments/import"): import_assessments,
    ("PATCH", RECOMMENDATION): correct_a_recommendation,
    ("POST", RECOMMENDATION + "/publish"): publish_a_recommendation,
    ("POST", RECOMMENDATION + "/follow-ups"): assess_a_recommendation,
    ("POST", "/api/v1/missions/{mission_id}/documents"): draft_a_document,
    ("PATCH", DOCUMENT): retitle_a_document,
    ("POST", DOCUMENT + "/transitions"): publish_a_preliminary_statement,
    ("POST", DOCUMENT + "/sections"): add_a_section,
    ("PATCH", SECTION): assign_a_section,
    ("PUT", SECTION + "/text"): write_a_section,
    ("POST", SECTION + "/transitions"): submit_a_section,
    ("PUT", DOCUMENT + "/file"): upload_a_documents_file,
    ("POST", "/missions/{mission_id}/documents"): start_a_document_on_its_page,
    ("POST", DOCUMENT_PAGE + "/step"): send_a_document_to_review_on_its_page,
    ("POST", DOCUMENT_PAGE + "/sections"): add_a_section_on_its_page,
    ("POST", SECTION_PAGE + "/assign"): assign_a_section_on_its_page,
    ("POST", SECTION_PAGE + "/step"): submit_a_section_on_its_page,
    ("POST", SECTION_PAGE + "/text"): write_a_section_on_its_page,
    ("POST", DOCUMENT_PAGE + "/file"): upload_a_documents_file_on_its_page,
    ("POST", DOCUMENT_PAGE + "/deliveries"): record_a_delivery_on_its_page,
    ("POST", DOCUMENT + "/deliveries"): record_a_delivery,
    ("POST", FORM_PAGES + "/new"): draft_a_form_on_its_page,
    ("POST", FORM_PAGES + "/copy"): copy_the_standard_forms_on_the_page,
    ("POST", FORM_PAGES + "/{form_id}/details"): retitle_a_draft_form_on_its_page,
    ("POST", FORM_PAGES + "/{form_id}/publish"): publish_a_form_on_its_page,
    ("POST", FORM_PAGES + "/{form_id}/new-version"): make_a_new_version_of_a_form_on_its_page,
    ("POST", FORM_PAGES + "/{form_id}/questions/{question_id}"): add_a_question_on_the_forms_page,
    ("POST", FORM_PAGES + "/{form_id}/questions/{question_id}/move"): (
        move_a_question_on_the_forms_page
    ),
    ("POST", FORM_PAGES + "/{form_id}/questions/{question_id}/remove"): (
        remove_a_question_on_the_forms_page
    ),
    ("POST", "/missions/{mission_id}/recommendations/new"): (
        draft_a_recommendation_on_the_missions_page
    ),
    ("POST", "/recommendations/{recommendation_id}/edit"): correct_a_recommendation_on_its_page,
    ("POST", "/recommendations/{recommendation_id}/publish"): (
        publish_a_recommendation_on_the_missions_page
    ),
    ("POST", "/recommendations/{recommendation_id}/follow-ups"): (
        assess_a_recommendation_on_its_page
    ),
}


def test_every_mutating_route_has_a_scenario(app: FastAPI) -> None:
    assert sorted(mutating_routes(app) - SCENARIOS.keys()) == []


def test_every_scenario_names_a_mutating_route_of_the_app(app: FastAPI) -> None:
    assert sorted(SCENARIOS.keys() - mutating_routes(app)) == []


@pytest.mark.parametrize("route", sorted(SCENARIOS), ids=" ".join)
def test_every_row_a_route_changes_is_named_by_an_audit_entry(
    client: TestClient,
    db: Database,
    hasher: PasswordHasher,
    monkeypatch: pytest.MonkeyPatch,
    route: Route,
) -> None:
    method, path = route
    call = SCENARIOS[route](World(client, db, hasher, monkeypatch))
    before = read_every_table(db)
    response = client.request(
        method,
        path.format(**call.params),
        headers=call.headers,
        json=call.json,
        data=call.form,
        content=call.csv,
        files=call.files,
        follow_redirects=False,
    )
    assert response.status_code == call.status, response.text
    written = written_by(before, read_every_table(db))
    assert [c for c in written.changes if c.table not in NOT_RECORDS], "the call changes a record"
    assert unaudited(written) == [], f"{method} {path} changed records without an entry"
