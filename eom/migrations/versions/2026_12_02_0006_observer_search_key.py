"""The roster search ignores accents and case: each observer keeps its name and email
folded (``search_key``), filled here for the observers already in the roster.

Revision ID: 0006
Revises: 0005
Created: 2026-12-02
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _folded(text: str) -> str:
    # A copy of eom.core.text.folded as it was when written: a migration never changes.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def upgrade() -> None:
    with op.batch_alter_table("observer") as batch:
        batch.add_column(
            sa.Column("search_key", sa.String(length=600), nullable=False, server_default="")
        )
    observer = sa.table(
        "observer",
        sa.column("id", sa.Integer),
        sa.column("full_name", sa.String),
        sa.column("email", sa.String),
        sa.column("search_key", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(observer.c.id, observer.c.full_name, observer.c.email))
    for row in rows.all():
        connection.execute(
            observer.update()
            .where(observer.c.id == row.id)
            .values(search_key=_folded(f"{row.full_name} {row.email}"))
        )
    with op.batch_alter_table("observer") as batch:
        batch.alter_column("search_key", server_default=None)
        batch.create_index(batch.f("ix_observer_search_key"), ["search_key"])


def downgrade() -> None:
    with op.batch_alter_table("observer") as batch:
        batch.drop_index(batch.f("ix_observer_search_key"))
        batch.drop_column("search_key")
