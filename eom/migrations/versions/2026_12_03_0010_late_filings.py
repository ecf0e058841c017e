"""Field reports received after the mission's preliminary report are marked ``late``;
those already stored are marked here by the time their mission took that step.

Revision ID: 0010
Revises: 0009
Created: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("submission", "incident")


def upgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(
                sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false())
            )
    step = sa.table(
        "mission_transition",
        sa.column("mission_id", sa.Integer),
        sa.column("to_status", sa.String),
        sa.column("recorded_at", sa.DateTime),
    )
    for name in TABLES:
        table = sa.table(
            name,
            sa.column("mission_id", sa.Integer),
            sa.column("received_at", sa.DateTime),
            sa.column("late", sa.Boolean),
        )
        after_report = (
            sa.select(step.c.mission_id)
            .where(
                step.c.mission_id == table.c.mission_id,
                step.c.to_status == "preliminary_report",
                step.c.recorded_at <= table.c.received_at,
            )
            .exists()
        )
        op.get_bind().execute(table.update().where(after_report).values(late=True))
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.alter_column("late", server_default=None)


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.drop_column("late")
