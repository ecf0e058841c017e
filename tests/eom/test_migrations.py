import re
from collections.abc import Callable
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from eom import migrate
from eom.db import Database
from eom.models import metadata
from tests.conftest import settings_for


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
    names = [p.name for p in (migrate.MIGRATIONS / "versions").glob("*.py")]
    assert names
    for name in names:
        assert re.fullmatch(r"\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+\.py", name), name


def test_constraints_follow_the_naming_convention() -> None:
    token = metadata.tables["access_token"]
    names = {constraint.name for constraint in token.constraints}
    assert {"pk_access_token", "fk_access_token_user_id_user_account"} <= names
