"""Syncing without downloading everything: assessments, money movements and submissions
keep when they last changed (``updated_at``), as missions and recommendations do. Rows
stored before take their recording time; a reversed movement its reversal's, and a
corrected submission its correction's receipt, since their views name those.

Revision ID: 0022
Revises: 0021
Created: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> the backfill, in SQL both databases read.
BACKFILL = {
    "follow_up": ["UPDATE follow_up SET updated_at = recorded_at"],
    "money_movement": [
        "UPDATE money_movement SET updated_at = recorded_at",
        "UPDATE money_movement SET updated_at = (SELECT r.recorded_at FROM money_movement r"
        " WHERE r.reverses_id = money_movement.id) WHERE EXISTS (SELECT 1 FROM money_movement"
        " r WHERE r.reverses_id = money_movement.id AND r.recorded_at > money_movement.recorded_at)",
    ],
    "submission": [
        "UPDATE submission SET updated_at = received_at",
        "UPDATE submission SET updated_at = (SELECT MAX(c.received_at) FROM submission c"
        " WHERE c.supersedes = submission.uuid) WHERE superseded AND EXISTS (SELECT 1 FROM"
        " submission c WHERE c.supersedes = submission.uuid AND c.received_at >"
        " submission.received_at)",
    ],
}


def upgrade() -> None:
    for table, statements in BACKFILL.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("updated_at", UtcDateTime(), nullable=True))
        for statement in statements:
            op.execute(statement)
        with op.batch_alter_table(table) as batch:
            batch.alter_column("updated_at", existing_type=UtcDateTime(), nullable=False)


def downgrade() -> None:
    for table in reversed(BACKFILL):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("updated_at")
