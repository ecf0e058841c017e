"""Meetings with interlocutors: what a mission's core team and coordinators record of each
meeting (when, with whom, about what, and what follows), filed once per uuid.

Revision ID: 0017
Revises: 0015
Created: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("met_on", sa.Date(), nullable=False),
        sa.Column("institution_type", sa.String(length=30), nullable=False),
        sa.Column("institution", sa.String(length=200), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(length=30), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["mission_member.id"], name=op.f("fk_meeting_member_id_mission_member")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_meeting_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_uuid")),
    )
    op.create_index(op.f("ix_meeting_member_id"), "meeting", ["member_id"])
    op.create_index("ix_meeting_mission_met_on", "meeting", ["mission_id", "met_on"])


def downgrade() -> None:
    op.drop_index("ix_meeting_mission_met_on", table_name="meeting")
    op.drop_index(op.f("ix_meeting_member_id"), table_name="meeting")
    op.drop_table("meeting")
