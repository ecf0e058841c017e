"""Preliminary visits: when DECO went to the host country before deploying, who went, the
meetings held, what was found and the decision to go ahead.

Revision ID: 0024
Revises: 0023
Created: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "preliminary_visit",
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=30), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("delegation", sa.String(length=1000), nullable=False),
        sa.Column("decision_note", sa.String(length=2000), nullable=False),
        sa.Column("meetings", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_preliminary_visit_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preliminary_visit")),
    )
    op.create_index(op.f("ix_preliminary_visit_mission_id"), "preliminary_visit", ["mission_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_preliminary_visit_mission_id"), table_name="preliminary_visit")
    op.drop_table("preliminary_visit")
