import json
from datetime import UTC, date, datetime

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlmodel import Session, col, select

from eom.accounts import service as accounts
from eom.accounts.models import UserUpdate
from eom.audit import service as audit
from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM, Actor
from eom.audit.service import AuditFilters as Filters
from eom.core.db import Database
from tests.factories import make_user


def _entries(session: Session) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).order_by(col(AuditEntry.id))))


def test_creating_a_user_is_audited_without_the_password_hash(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        (entry,) = _entries(session)
    assert (entry.action, entry.entity_type, entry.entity_id) == ("create", "user", str(user.id))
    assert entry.actor == "system" and entry.before is None
    after = json.loads(entry.after or "")
    assert after["email"] == user.email and "password_hash" not in after


def test_an_update_records_who_and_before_and_after(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher, full_name="Before Name")
    admin = Actor(id=99, label="admin@example.org")
    with db.session_scope() as session:
        accounts.update_user(
            session,
            accounts.get_user(session, user.id or 0),
            UserUpdate(full_name="After Name"),
            actor=admin,
            hasher=hasher,
        )
    with db.session_scope() as session:
        entry = _entries(session)[-1]
    assert (entry.actor_id, entry.actor, entry.action) == (99, "admin@example.org", "update")
    assert json.loads(entry.before or "")["full_name"] == "Before Name"
    assert json.loads(entry.after or "")["full_name"] == "After Name"


def test_an_audit_entry_is_rolled_back_with_its_change(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session_scope() as session:
        audit.record(session, actor=SYSTEM, action="create", entity_type="x", entity_id=1)
        raise RuntimeError("the change failed")
    with db.session_scope() as session:
        assert _entries(session) == []


def _three_entries(db: Database, chain: str = "global") -> None:
    with db.session_scope() as session:
        for n in range(3):
            audit.record(
                session,
                actor=SYSTEM,
                action="create",
                entity_type="x",
                entity_id=n,
                after={"n": n},
                chain=chain,
            )


def test_entries_chain_each_to_the_one_before(db: Database) -> None:
    _three_entries(db)
    with db.session_scope() as session:
        first, second, third = _entries(session)
        checked, problems = audit.verify(session)
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert (checked, problems) == (3, [])


def test_chains_are_partitioned_and_verified_each_on_its_own(db: Database) -> None:
    _three_entries(db, chain="mission:1")
    _three_entries(db, chain="mission:2")
    with db.session_scope() as session:
        assert [e.seq for e in _entries(session)] == [1, 2, 3, 1, 2, 3]
        assert audit.verify(session) == (6, [])


def test_changing_one_byte_of_an_entry_is_detected_and_named(db: Database) -> None:
    _three_entries(db)
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE audit_entry SET after = :after WHERE seq = 2"), {"after": '{"n":7}'}
        )
    with db.session_scope() as session:
        second = _entries(session)[1]
        _, problems = audit.verify(session)
    assert problems[0].entry_id == second.id and "does not match its hash" in str(problems[0])


def test_removing_an_entry_from_the_middle_is_detected(db: Database) -> None:
    _three_entries(db)
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entry WHERE seq = 2"))
    with db.session_scope() as session:
        third = _entries(session)[-1]
        _, problems = audit.verify(session)
    assert problems[0].entry_id == third.id and "removed" in str(problems[0])


def test_removing_the_last_entry_is_detected(db: Database) -> None:
    _three_entries(db)
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entry WHERE seq = 3"))
    with db.session_scope() as session:
        _, problems = audit.verify(session)
    assert [str(p) for p in problems] == [
        "chain head (chain 'global', seq 3): head says seq 3: entries removed"
    ]


def _log(db: Database, monkeypatch: pytest.MonkeyPatch, *entries: tuple[str, int, str]) -> None:
    """Entries about missions, each by an actor, about a mission id, at a time (UTC)."""
    for label, mission_id, at in entries:
        when = datetime.fromisoformat(at).replace(tzinfo=UTC)
        monkeypatch.setattr("eom.audit.service.utcnow", lambda when=when: when)
        with db.session_scope() as session:
            audit.record(
                session,
                actor=Actor(id=None, label=label),
                action="update",
                entity_type="mission",
                entity_id=mission_id,
                after={"n": mission_id},
            )


def _listed(db: Database, filters: Filters | None = None) -> list[tuple[str, str]]:
    with db.session_scope() as session:
        found, total = audit.list_entries(session, limit=50, offset=0, filters=filters)
    assert total == len(found)
    return [(e.actor, e.entity_id) for e in found]


def test_entries_are_filtered_by_actor_record_and_days(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _log(
        db,
        monkeypatch,
        ("ana@example.org", 1, "2026-03-01T23:59:59"),
        ("ben@example.org", 2, "2026-03-02T00:00:00"),
        ("Ana.Two@example.org", 1, "2026-03-03T12:00:00"),
    )
    ana, ben, ana_two = (
        ("ana@example.org", "1"),
        ("ben@example.org", "2"),
        ("Ana.Two@example.org", "1"),
    )
    assert _listed(db) == [ana_two, ben, ana]
    assert _listed(db, Filters(actor="ANA")) == [ana_two, ana]
    assert _listed(db, Filters(actor="%")) == []
    assert _listed(db, Filters(entity_type="mission", entity_id="2")) == [ben]
    assert _listed(db, Filters(entity_type="user")) == []
    assert _listed(db, Filters(since=date(2026, 3, 2))) == [ana_two, ben]
    assert _listed(db, Filters(until=date(2026, 3, 1))) == [ana]
    assert _listed(db, Filters(since=date(2026, 3, 2), until=date(2026, 3, 2))) == [ben]


def test_the_kinds_of_record_logged_are_listed_once_each(
    db: Database, hasher: PasswordHasher
) -> None:
    make_user(db, hasher)
    make_user(db, hasher)
    _three_entries(db)
    with db.session_scope() as session:
        assert audit.entity_types(session) == ["user", "x"]


def _entry(before: dict[str, object] | None, after: dict[str, object] | None) -> AuditEntry:
    return AuditEntry(
        chain="global",
        seq=1,
        at=datetime.now(UTC),
        actor="system",
        action="update",
        entity_type="x",
        entity_id="1",
        before=None if before is None else audit.canonical_json(before),
        after=None if after is None else audit.canonical_json(after),
        prev_hash="",
        hash="",
    )


def test_an_entry_names_the_fields_it_changed() -> None:
    changed = audit.changed_fields(
        _entry(
            {"name": "A", "version": 1, "same": 3},
            {"name": "B", "version": 2, "same": 3, "noted": True},
        )
    )
    assert [(c.name, c.before, c.after) for c in changed] == [
        ("name", "A", "B"),
        ("noted", audit.ABSENT, True),
        ("version", 1, 2),
    ]


def test_a_created_or_removed_record_shows_every_field() -> None:
    created = audit.changed_fields(_entry(None, {"b": None, "a": 1}))
    removed = audit.changed_fields(_entry({"a": 1}, None))
    assert [(c.name, c.before, c.after) for c in created] == [
        ("a", audit.ABSENT, 1),
        ("b", audit.ABSENT, None),
    ]
    assert [(c.name, c.before, c.after) for c in removed] == [("a", 1, audit.ABSENT)]
