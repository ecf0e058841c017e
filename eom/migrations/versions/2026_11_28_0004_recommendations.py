"""Recommendations of mission reports and the assessments of their follow-up.

Revision ID: 0004
Revises: 0003
Created: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recommendation",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_es", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("institution", sa.String(length=30), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("legal_level", sa.String(length=20), nullable=False),
        sa.Column("reiterates_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=True),
        sa.Column("current_status", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_recommendation_mission_id_mission")
        ),
        sa.ForeignKeyConstraint(
            ["reiterates_id"],
            ["recommendation.id"],
            name=op.f("fk_recommendation_reiterates_id_recommendation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation")),
        sa.UniqueConstraint("mission_id", "number", name=op.f("uq_recommendation_mission_id")),
    )
    op.create_index(op.f("ix_recommendation_mission_id"), "recommendation", ["mission_id"])
    op.create_index(op.f("ix_recommendation_reiterates_id"), "recommendation", ["reiterates_id"])
    op.create_index("ix_recommendation_theme_status", "recommendation", ["theme", "current_status"])

    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("assessed_by_mission_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessed_by_mission_id"],
            ["mission.id"],
            name=op.f("fk_follow_up_assessed_by_mission_id_mission"),
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_follow_up_recommendation_id_recommendation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
    )
    op.create_index(op.f("ix_follow_up_recommendation_id"), "follow_up", ["recommendation_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_follow_up_recommendation_id"), table_name="follow_up")
    op.drop_table("follow_up")
    op.drop_index("ix_recommendation_theme_status", table_name="recommendation")
    op.drop_index(op.f("ix_recommendation_reiterates_id"), table_name="recommendation")
    op.drop_index(op.f("ix_recommendation_mission_id"), table_name="recommendation")
    op.drop_table("recommendation")
