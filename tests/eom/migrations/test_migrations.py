import re
from collections.abc import Callable
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from eom.core import migrate
from eom.core.db import Database
from eom.migrations.tables import metadata
from tests.support.databases import settings_for


def _fresh(fresh_database_url: Callable[[], str], tmp_path: Path) -> Database:
    return Database(settings_for(tmp_path, fresh_database_url()))


def test_migrations_build_exactly_the_schema_of_the_models(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    database = _fresh(fresh_database_url, tmp_path)
    migrate.upgrade(database.engine)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    assert migrate.is_current(database.engine)
    database.dispose()


def test_every_migration_is_reversible(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    database = _fresh(fresh_database_url, tmp_path)
    migrate.upgrade(database.engine)
    migrate.downgrade(database.engine, "base")
    assert set(inspect(database.engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(database.engine)
    assert migrate.is_current(database.engine)
    database.dispose()


def test_migration_files_are_named_by_date_and_slug() -> None:
    # __init__.py makes the folder a package that the import contracts can see.
    names = [p.name for p in (migrate.MIGRATIONS / "versions").glob("*.py")]
    names.remove("__init__.py")
    assert names
    for name in names:
        assert re.fullmatch(r"\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+\.py", name), name


def test_constraints_follow_the_naming_convention() -> None:
    token = metadata.tables["access_token"]
    names = {constraint.name for constraint in token.constraints}
    assert {"pk_access_token", "fk_access_token_user_id_user_account"} <= names


NOW = "2026-01-05 10:00:00+00:00"


def test_upgrading_keeps_what_the_rows_meant(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    """0006 folds the names already in the roster for the search; 0007 turns the planned
    budget kept on a mission into its original budget, unless it has a budget already."""
    database = _fresh(fresh_database_url, tmp_path)
    migrate.upgrade(database.engine, "0005")
    mission = (
        "INSERT INTO mission (id, kind, code, host_country, requested_on, election_type,"
        " election_date, planned_budget_usd, status, version, created_at, updated_at)"
        " VALUES (:id, 'electoral_observation', :code, 'BO', '2026-01-05', 'general',"
        " '2026-08-17', :budget, 'requested', 1, :now, :now)"
    )
    with database.engine.begin() as connection:
        connection.execute(text(mission), {"id": 1, "code": "EOM-A", "budget": 650000, "now": NOW})
        connection.execute(text(mission), {"id": 2, "code": "EOM-B", "budget": 400000, "now": NOW})
        connection.execute(
            text(
                "INSERT INTO budget_revision (mission_id, number, recorded_on, recorded_by,"
                " recorded_at) VALUES (2, 1, '2026-01-06', 'staff', :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO observer (id, full_name, nationality, gender, languages, expertise,"
                " email, version, created_at, updated_at) VALUES (1, 'José Núñez', 'UY',"
                " 'male', '[]', '[]', 'jn@observers.example', 1, :now, :now)"
            ),
            {"now": NOW},
        )
    migrate.upgrade(database.engine)
    with database.engine.connect() as connection:
        lines = connection.execute(
            text(
                "SELECT r.mission_id, r.number, l.category, l.amount_usd FROM budget_revision r"
                " JOIN budget_line l ON l.revision_id = r.id ORDER BY r.mission_id"
            )
        ).all()
        key = connection.execute(text("SELECT search_key FROM observer")).scalar_one()
    assert [(m, n, c, float(a)) for m, n, c, a in lines] == [(1, 1, "other", 650000.0)]
    assert key == "jose nunez jn@observers.example"
    migrate.downgrade(database.engine, "0005")
    with database.engine.connect() as connection:
        planned = connection.execute(
            text("SELECT id, planned_budget_usd FROM mission ORDER BY id")
        ).all()
    assert [(i, float(b)) for i, b in planned] == [(1, 650000.0), (2, 0.0)]
    database.dispose()


def test_0010_marks_late_what_came_after_the_preliminary_report(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    database = _fresh(fresh_database_url, tmp_path)
    migrate.upgrade(database.engine, "0009")
    rows = [
        "INSERT INTO mission (id, kind, code, host_country, requested_on, election_type,"
        " election_date, status, version, created_at, updated_at) VALUES (1,"
        " 'electoral_observation', 'EOM-A', 'BO', '2026-01-05', 'general', '2026-08-17',"
        " 'preliminary_report', 1, :now, :now)",
        "INSERT INTO observer (id, full_name, nationality, gender, languages, expertise, email,"
        " search_key, version, created_at, updated_at) VALUES (1, 'Ana', 'UY', 'female', '[]',"
        " '[]', 'ana@observers.example', 'ana', 1, :now, :now)",
        "INSERT INTO mission_member (id, mission_id, observer_id, role, status, version,"
        " created_at, updated_at) VALUES (1, 1, 1, 'short_term_observer', 'deployed', 1, :now,"
        " :now)",
        "INSERT INTO polling_station (id, mission_id, region, municipality, centre, code)"
        " VALUES (1, 1, 'Norte', 'Norte', 'Escuela 1', 'N-1')",
        "INSERT INTO form (id, mission_id, key, phase, title_en, title_es, version, status,"
        " questions, created_at) VALUES (1, 1, 'opening', 'opening', 'Opening', 'Apertura', 1,"
        " 'published', '[]', :now)",
        'INSERT INTO mission_transition (mission_id, from_status, to_status, "on", actor,'
        " recorded_at) VALUES (1, 'deployed', 'preliminary_report', '2026-08-19', 'staff',"
        " '2026-08-19 12:00:00+00:00')",
    ]
    submission = (
        "INSERT INTO submission (uuid, mission_id, member_id, form_id, form_version, phase,"
        " station_id, observed_at, received_at, answers, superseded, content_hash) VALUES"
        " (:uuid, 1, 1, 1, 1, 'opening', 1, :at, :at, '{}', false, 'x')"
    )
    incident = (
        "INSERT INTO incident (uuid, mission_id, member_id, category, severity, place,"
        " occurred_at, description, received_at, verification, version) VALUES (:uuid, 1, 1,"
        " 'other', 'low', 'Plaza', :at, 'Seen.', :at, 'unverified', 1)"
    )
    before, after = "2026-08-17 13:00:00+00:00", "2026-08-20 09:00:00+00:00"
    with database.engine.begin() as connection:
        for row in rows:
            connection.execute(text(row), {"now": NOW})
        for sql in (submission, incident):
            connection.execute(text(sql), {"uuid": "on-time", "at": before})
            connection.execute(text(sql), {"uuid": "late", "at": after})
    migrate.upgrade(database.engine, "0010")
    with database.engine.connect() as connection:
        for table in ("submission", "incident"):
            late = connection.execute(text(f"SELECT uuid, late FROM {table} ORDER BY uuid"))
            assert [(uuid, bool(flag)) for uuid, flag in late] == [
                ("late", True),
                ("on-time", False),
            ]
    database.dispose()


def test_0021_links_each_roster_entry_to_the_account_with_its_email(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    database = _fresh(fresh_database_url, tmp_path)
    migrate.upgrade(database.engine, "0020")
    account = (
        "INSERT INTO user_account (id, email, full_name, role, is_active, password_hash,"
        " version, created_at, updated_at) VALUES (:id, :email, 'Someone', 'observer', true,"
        " 'x', 1, :now, :now)"
    )
    entry = (
        "INSERT INTO observer (id, full_name, nationality, gender, languages, expertise, email,"
        " search_key, version, created_at, updated_at) VALUES (:id, 'Someone', 'UY', 'female',"
        " '[]', '[]', :email, 'someone', 1, :now, :now)"
    )
    with database.engine.begin() as connection:
        connection.execute(text(account), {"id": 7, "email": "ana@observers.example", "now": NOW})
        connection.execute(text(entry), {"id": 1, "email": "ana@observers.example", "now": NOW})
        connection.execute(text(entry), {"id": 2, "email": "ben@observers.example", "now": NOW})
    migrate.upgrade(database.engine, "0021")
    with database.engine.connect() as connection:
        links = connection.execute(text("SELECT id, user_id FROM observer ORDER BY id")).all()
    assert [tuple(link) for link in links] == [(1, 7), (2, None)]
    migrate.downgrade(database.engine, "0020")
    assert "user_id" not in {c["name"] for c in inspect(database.engine).get_columns("observer")}
    database.dispose()


def test_0022_dates_each_record_by_its_last_change(
    fresh_database_url: Callable[[], str], tmp_path: Path
) -> None:
    """Assessments, movements and submissions stored before 0022 changed last when they
    were recorded; a reversed movement when its reversal was, a corrected submission when
    its correction arrived."""
    database = _fresh(fresh_database_url, tmp_path)
    migrate.upgrade(database.engine, "0009")
    early, later = "2026-08-17 13:00:00+00:00", "2026-08-18 09:00:00+00:00"
    rows = [
        "INSERT INTO mission (id, kind, code, host_country, requested_on, election_type,"
        " election_date, status, version, created_at, updated_at) VALUES (1,"
        " 'electoral_observation', 'EOM-A', 'BO', '2026-01-05', 'general', '2026-08-17',"
        " 'final_report', 1, :now, :now)",
        "INSERT INTO observer (id, full_name, nationality, gender, languages, expertise, email,"
        " search_key, version, created_at, updated_at) VALUES (1, 'Ana', 'UY', 'female', '[]',"
        " '[]', 'ana@observers.example', 'ana', 1, :now, :now)",
        "INSERT INTO mission_member (id, mission_id, observer_id, role, status, version,"
        " created_at, updated_at) VALUES (1, 1, 1, 'short_term_observer', 'deployed', 1, :now,"
        " :now)",
        "INSERT INTO form (id, mission_id, key, phase, title_en, title_es, version, status,"
        " questions, created_at) VALUES (1, 1, 'opening', 'opening', 'Opening', 'Apertura', 1,"
        " 'published', '[]', :now)",
        "INSERT INTO polling_station (id, mission_id, region, municipality, centre, code)"
        " VALUES (1, 1, 'Norte', 'Norte', 'Escuela 1', 'N-1')",
        "INSERT INTO submission (uuid, mission_id, member_id, form_id, form_version, phase,"
        " station_id, observed_at, received_at, answers, superseded, content_hash, supersedes)"
        " VALUES ('first', 1, 1, 1, 1, 'opening', 1, :early, :early, '{}', true, 'x', NULL),"
        " ('fix', 1, 1, 1, 1, 'opening', 1, :early, :later, '{}', false, 'y', 'first'),"
        " ('alone', 1, 1, 1, 1, 'opening', 1, :early, :early, '{}', false, 'z', NULL)",
        'INSERT INTO money_movement (id, mission_id, kind, "on", currency, budget_category,'
        " amount, usd_rate, amount_usd, reverses_id, recorded_by, recorded_at) VALUES"
        " (1, 1, 'expenditure', '2026-08-01', 'USD', 'other', 10, 1, 10, NULL, 'staff', :early),"
        " (2, 1, 'expenditure', '2026-08-02', 'USD', 'other', -10, 1, -10, 1, 'staff', :later),"
        " (3, 1, 'expenditure', '2026-08-01', 'USD', 'other', 5, 1, 5, NULL, 'staff', :early)",
        "INSERT INTO recommendation (id, mission_id, number, text_en, text_es, theme,"
        " institution, priority, legal_level, published, current_status, version, created_at,"
        " updated_at) VALUES (1, 1, 1, 'Text.', 'Texto.', 'political_financing', 'legislature',"
        " 'high', 'legal', true, 'not_implemented', 2, :now, :now)",
        "INSERT INTO follow_up (id, recommendation_id, assessed_on, status, evidence,"
        " recorded_by, recorded_at) VALUES (1, 1, '2026-09-01', 'not_implemented', 'Seen.',"
        " 'staff', :later)",
    ]
    with database.engine.begin() as connection:
        for row in rows:
            connection.execute(text(row), {"now": NOW, "early": early, "later": later})
    migrate.upgrade(database.engine)

    def ids(sql: str) -> list[object]:
        with database.engine.connect() as connection:
            return [key for (key,) in connection.execute(text(sql))]

    assert ids("SELECT id FROM follow_up WHERE updated_at = recorded_at") == [1]
    assert ids(
        "SELECT m.id FROM money_movement m WHERE m.updated_at = COALESCE((SELECT r.recorded_at"
        " FROM money_movement r WHERE r.reverses_id = m.id), m.recorded_at) ORDER BY m.id"
    ) == [1, 2, 3]
    assert ids("SELECT id FROM money_movement WHERE updated_at > recorded_at") == [1]
    assert ids("SELECT uuid FROM submission WHERE updated_at = received_at ORDER BY uuid") == [
        "alone",
        "fix",
    ]
    assert ids(
        "SELECT s.uuid FROM submission s JOIN submission c ON c.supersedes = s.uuid"
        " WHERE s.updated_at = c.received_at"
    ) == ["first"]
    migrate.downgrade(database.engine, "0020")
    columns = {c["name"] for c in inspect(database.engine).get_columns("submission")}
    assert "updated_at" not in columns and "content_hash" in columns
    database.dispose()
