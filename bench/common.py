"""What the benchmarks share: a fresh database of either kind, and a deployed mission
with stations, an observer and the 40-question checklist."""

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from eom.accounts import service as accounts
from eom.accounts.models import Role, TokenKind, UserCreate
from eom.audit.service import Actor
from eom.core import migrate
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.security import make_password_hasher
from eom.core.settings import Settings
from eom.field import forms, stations
from eom.field.models import Form
from eom.field.standard_forms import BENCH_CHECKLIST
from eom.planning.conduct import service as conduct
from eom.planning.members import service as members
from eom.planning.members.models import MemberCreate, MemberRole, MemberStatus, MemberUpdate
from eom.planning.missions import service as missions
from eom.planning.missions.models import (
    AgreementCreate,
    AgreementKind,
    ElectionType,
    MissionCreate,
    MissionKind,
    MissionStatus,
)
from eom.planning.observers import service as observers
from eom.planning.observers.models import ObserverCreate
from tests.support import databases

BENCH = Actor(id=None, label="bench")


@contextmanager
def fresh_database(kind: str) -> Iterator[str]:
    """The URL of a new empty database, dropped (or deleted) afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        return
    url = databases.create_postgres_database(prefix="eom_bench")
    try:
        yield url
    finally:
        databases.drop_postgres_database(url)


@dataclass
class Stage:
    mission_id: int
    member_id: int
    form: Form
    station_ids: list[int]
    token: str


def settings_for(url: str) -> Settings:
    """The tests' settings (cheap password hashing) for the database at ``url``."""
    return databases.settings_for(Path(tempfile.gettempdir()), url, secret_key="bench")


def build_stage(url: str, *, stations_count: int = 500) -> Stage:
    """Migrate, then make a deployed mission with one deployed observer who can sign in."""
    settings = settings_for(url)
    db = Database(settings)
    migrate.upgrade(db.engine)
    hasher = make_password_hasher(settings)
    with db.session_scope() as session:
        mission = missions.create_mission(
            session,
            MissionCreate(
                code="EOM-BEN-2026",
                kind=MissionKind.electoral_observation,
                host_country="BO",
                election_type=ElectionType.general,
                requested_on=date(2026, 1, 5),
                election_date=date(2026, 8, 17),
            ),
            actor=BENCH,
        )
        for kind in AgreementKind:
            missions.record_agreement(
                session,
                mission,
                AgreementCreate(
                    kind=kind, counterpart="Tribunal Supremo Electoral", signed_on=date(2026, 2, 1)
                ),
                actor=BENCH,
            )
        for n, step in enumerate(
            (
                MissionStatus.accepted,
                MissionStatus.preliminary_visit,
                MissionStatus.agreements_signed,
                MissionStatus.deployed,
            )
        ):
            missions.transition(
                session, mission, step, on=date(2026, 1, 10) + timedelta(days=n), actor=BENCH
            )
        observer = observers.create_observer(
            session,
            ObserverCreate(
                full_name="Bench Observer",
                nationality="CA",
                gender="female",  # type: ignore[arg-type]
                languages=["en"],
                expertise=[],
                email="bench@observers.example",
            ),
            actor=BENCH,
        )
        member = members.add_member(
            session,
            mission,
            MemberCreate(observer_id=observer.id or 0, role=MemberRole.short_term_observer),
            actor=BENCH,
        )
        conduct.acknowledge(
            session,
            member,
            [i.id or 0 for i in conduct.items_in_force(session, mission.id or 0)],
            actor=BENCH,
        )
        for status in (MemberStatus.confirmed, MemberStatus.accredited, MemberStatus.deployed):
            members.update_member(
                session, mission, member, MemberUpdate(status=status), actor=BENCH
            )
        rows = "\n".join(
            f"Region {n % 9},Municipio {n % 40},Escuela {n // 4},BEN-{n:05d},400"
            for n in range(stations_count)
        )
        stations.import_stations(
            session,
            mission,
            "region,municipality,centre,code,registered_voters\n" + rows + "\n",
            actor=BENCH,
        )
        form = forms.publish_form(
            session,
            forms.create_form(session, mission, forms.standard_form(BENCH_CHECKLIST), actor=BENCH),
            actor=BENCH,
        )
        station_ids, _ = stations.list_stations(session, mission, limit=stations_count, offset=0)
        # The one bench observer files for every station, so it is sent to all of them.
        stations.assign_stations(
            session, mission, member, [s.id or 0 for s in station_ids], actor=BENCH
        )
        user = accounts.create_user(
            session,
            UserCreate(
                email="bench@observers.example",
                full_name="Bench Observer",
                role=Role.observer,
                password="bench password 2026",
            ),
            actor=BENCH,
            hasher=hasher,
        )
        token, _ = accounts.issue_token(
            session, user, kind=TokenKind.api, lifetime=timedelta(days=1), now=utcnow()
        )
        stage = Stage(
            mission.id or 0, member.id or 0, form, [s.id or 0 for s in station_ids], token
        )
    db.dispose()
    return stage


def answers_for(form: Form, rng: random.Random) -> dict[str, Any]:
    """A valid answer to every question of the form."""
    answers: dict[str, Any] = {}
    for question in forms.questions_of(form):
        kind = question.type.value
        if kind == "yes_no":
            answers[question.id] = rng.random() < 0.85
        elif kind == "integer":
            answers[question.id] = rng.randint(question.minimum or 0, question.maximum or 10)
        elif kind == "single_choice":
            answers[question.id] = rng.choice(question.choices).value
        elif kind == "multiple_choice":
            answers[question.id] = [question.choices[0].value]
        elif kind == "time":
            answers[question.id] = "07:30"
        else:
            answers[question.id] = "Normal."
    return answers


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    """``uvicorn`` serving EOM over ``url`` on ``port``, pinned to the first core, with the
    bench endpoints on; returned once it answers."""
    env = {
        **os.environ,
        "EOM_DATABASE_URL": url,
        "EOM_BENCH_ENDPOINTS": "true",
        "EOM_SECRET_KEY": "bench",
        "EOM_DATA_DIR": tempfile.gettempdir(),
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:create_app",
        "--factory",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(["taskset", "-c", "0", *command], env=env)
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")
