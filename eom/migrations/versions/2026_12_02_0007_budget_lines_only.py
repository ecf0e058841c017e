"""A mission's budget is its budget lines alone: the planned budget kept on the mission
becomes the original budget (revision 1, one line "other") of each mission that has no
budget yet, and the column goes. The amount's history stays in the mission's audit
entries, which recorded it with every change.

Revision ID: 0007
Revises: 0006
Created: 2026-12-02
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(precision=16, scale=2)

mission = sa.table(
    "mission",
    sa.column("id", sa.Integer),
    sa.column("planned_budget_usd", sa.Numeric(14, 2)),
    sa.column("created_at", UtcDateTime()),
)
budget_revision = sa.table(
    "budget_revision",
    sa.column("id", sa.Integer),
    sa.column("mission_id", sa.Integer),
    sa.column("number", sa.Integer),
    sa.column("note", sa.String),
    sa.column("recorded_on", sa.Date),
    sa.column("recorded_by", sa.String),
    sa.column("recorded_at", UtcDateTime()),
)
budget_line = sa.table(
    "budget_line",
    sa.column("id", sa.Integer),
    sa.column("revision_id", sa.Integer),
    sa.column("category", sa.String),
    sa.column("amount_usd", MONEY),
)


def upgrade() -> None:
    connection = op.get_bind()
    budgeted = sa.select(budget_revision.c.mission_id)
    planned = connection.execute(
        sa.select(mission.c.id, mission.c.planned_budget_usd).where(
            mission.c.planned_budget_usd > 0, mission.c.id.not_in(budgeted)
        )
    ).all()
    now = datetime.now(UTC)
    for mission_id, amount in planned:
        revision_id = connection.execute(
            budget_revision.insert()
            .values(
                mission_id=mission_id,
                number=1,
                note="Planned budget",
                recorded_on=now.date(),
                recorded_by="migration 0007",
                recorded_at=now,
            )
            .returning(budget_revision.c.id)
        ).scalar_one()
        connection.execute(
            budget_line.insert().values(
                revision_id=revision_id, category="other", amount_usd=amount
            )
        )
    with op.batch_alter_table("mission") as batch:
        batch.drop_column("planned_budget_usd")


def downgrade() -> None:
    with op.batch_alter_table("mission") as batch:
        batch.add_column(
            sa.Column(
                "planned_budget_usd",
                sa.Numeric(precision=14, scale=2),
                nullable=False,
                server_default="0",
            )
        )
    connection = op.get_bind()
    latest = (
        sa.select(budget_revision.c.mission_id, sa.func.max(budget_revision.c.number).label("n"))
        .group_by(budget_revision.c.mission_id)
        .subquery()
    )
    totals = connection.execute(
        sa.select(budget_revision.c.mission_id, sa.func.sum(budget_line.c.amount_usd))
        .join(budget_line, budget_line.c.revision_id == budget_revision.c.id)
        .join(
            latest,
            (latest.c.mission_id == budget_revision.c.mission_id)
            & (latest.c.n == budget_revision.c.number),
        )
        .group_by(budget_revision.c.mission_id)
    ).all()
    for mission_id, total in totals:
        connection.execute(
            mission.update().where(mission.c.id == mission_id).values(planned_budget_usd=total)
        )
    with op.batch_alter_table("mission") as batch:
        batch.alter_column("planned_budget_usd", server_default=None)
