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
