from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError

from eom.audit.models import AuditChain, AuditEntry
from eom.core.db import Database
from eom.planning.missions.models import Mission
from tests.factories import make_mission


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_busy_timeout(db: Database) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10000


def _entry(at: datetime) -> AuditEntry:
    return AuditEntry(
        chain="t",
        seq=1,
        at=at,
        actor="t",
        action="create",
        entity_type="x",
        entity_id="1",
        prev_hash="0",
        hash="0",
    )


def test_timestamps_come_back_aware_in_utc(db: Database) -> None:
    written = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=-4)))
    with db.session_scope() as session:
        entry = _entry(written)
        session.add(entry)
    with db.session_scope() as session:
        stored = session.get(AuditEntry, entry.id)
        assert stored is not None
        assert stored.at == written and stored.at.tzinfo == UTC


def test_naive_timestamps_are_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"), db.session_scope() as session:
        session.add(_entry(datetime(2026, 3, 1, 9, 30)))
        session.flush()


def test_session_scope_rolls_back_everything_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session_scope() as session:
        session.add(AuditChain(chain="kept?", last_seq=0))
        session.flush()
        raise RuntimeError("boom")
    with db.session_scope() as session:
        assert session.get(AuditChain, "kept?") is None


def test_a_records_updated_at_follows_any_change_of_its_row(db: Database) -> None:
    """``updated_at_field``: an UPDATE that does not set it sets it to now."""
    made = make_mission(db)
    with db.session_scope() as session:
        mission = session.get(Mission, made.id)
        assert mission is not None
        mission.file_any_station_in_area = True  # a change that names no time
        session.add(mission)
    with db.session_scope() as session:
        changed = session.get(Mission, made.id)
        assert changed is not None and changed.updated_at > made.updated_at
