"""Filings that arrive together are stored in one transaction, each answered as if it
had come alone (``api.group_commit.store_together``, what the group-commit worker runs)."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import func, select

from api.group_commit import Sent, store_together
from eom.accounts import service as accounts
from eom.accounts.models import Role, TokenKind
from eom.audit import service as audit
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict, Forbidden, InvalidInput, NotAuthenticated
from eom.field.filing import Filed
from eom.field.models import AnswerCount, ItemResult, Submission, SubmissionIn
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    field_observer,
    make_form,
    make_mission,
    make_observer,
    make_station,
    make_user,
    send_to,
)

OBSERVED = datetime(2026, 8, 17, 7, 5, tzinfo=UTC)
GOOD = {"opened_on_time": True, "staff_present": 7, "assessment": "good"}


@pytest.fixture
def mission(db: Database) -> Mission:
    return advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)


def _token(db: Database, email: str) -> str:
    with db.session_scope() as session:
        user = accounts.find_user_by_email(session, email)
        assert user is not None
        plain, _ = accounts.issue_token(
            session, user, kind=TokenKind.api, lifetime=timedelta(hours=1), now=utcnow()
        )
    return plain


def _filing(token: str, mission: Mission, form: int, station: int, **overrides: object) -> Sent:
    values: dict[str, object] = {
        "uuid": str(uuid.uuid4()),
        "form_id": form,
        "station_id": station,
        "observed_at": OBSERVED,
        "answers": GOOD,
    }
    values.update(overrides)
    return Sent(token=token, mission_id=mission.id or 0, data=SubmissionIn(**values))  # type: ignore[arg-type]


def test_filings_that_arrive_together_are_each_answered_as_if_alone(
    db: Database, mission: Mission, hasher: PasswordHasher
) -> None:
    form, station = make_form(db, mission).id or 0, make_station(db, mission).id or 0
    elsewhere = make_station(db, mission).id or 0
    members = [field_observer(db, hasher, mission) for _ in range(2)]
    for member, _ in members:
        send_to(db, member, station)
    first, second = (_token(db, email) for _, email in members)
    outsider = make_user(db, hasher, role=Role.observer, email="outsider@observers.example")
    make_observer(db, email=outsider.email)
    stranger = _token(db, outsider.email)

    new = _filing(first, mission, form, station)
    changed = _filing(
        first, mission, form, station, uuid=new.data.uuid, answers={**GOOD, "staff_present": 9}
    )
    filings = [
        new,
        _filing(second, mission, form, station),
        new,  # the same filing again, before the first was even answered
        changed,
        _filing(first, mission, form, station, answers={"staff_present": 40}),
        _filing("not a token", mission, form, station),
        _filing(stranger, mission, form, station),
        _filing(second, mission, form, elsewhere),  # a station they were not sent to
    ]
    with db.session_scope() as session:
        outcomes = store_together(session, filings)

    results = [o.result if isinstance(o, Filed) else type(o) for o in outcomes]
    assert results == [
        ItemResult.created,
        ItemResult.created,
        ItemResult.duplicate,
        Conflict,
        InvalidInput,
        NotAuthenticated,
        Forbidden,
        InvalidInput,
    ]
    with db.session_scope() as session:
        stored = session.exec(select(func.count()).select_from(Submission)).one()
        opened = session.exec(
            select(func.sum(AnswerCount.count)).where(
                AnswerCount.question_id == "opened_on_time", AnswerCount.value == "yes"
            )
        ).one()
        assert audit.verify(session)[1] == []
    assert (stored, opened) == (2, 2)


def test_nothing_of_a_group_is_stored_when_its_transaction_fails(
    db: Database, mission: Mission, hasher: PasswordHasher
) -> None:
    form, station = make_form(db, mission).id or 0, make_station(db, mission).id or 0
    member, email = field_observer(db, hasher, mission)
    send_to(db, member, station)
    token = _token(db, email)
    with pytest.raises(RuntimeError), db.session_scope() as session:
        store_together(session, [_filing(token, mission, form, station)])
        raise RuntimeError("the commit never happens")
    with db.session_scope() as session:
        assert session.exec(select(func.count()).select_from(Submission)).one() == 0
        assert session.exec(select(func.count()).select_from(AnswerCount)).one() == 0
