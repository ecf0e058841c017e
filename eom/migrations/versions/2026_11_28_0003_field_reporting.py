"""Field reporting: polling stations, assignments, forms, submissions, answers, incidents.

Revision ID: 0003
Revises: 0002
Created: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "form",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("title_es", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_form_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form")),
        sa.UniqueConstraint("mission_id", "key", "version", name=op.f("uq_form_mission_id")),
    )
    op.create_index(op.f("ix_form_mission_id"), "form", ["mission_id"])

    op.create_table(
        "polling_station",
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=200), nullable=False),
        sa.Column("centre", sa.String(length=200), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("registered_voters", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_polling_station_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_polling_station")),
        sa.UniqueConstraint("mission_id", "code", name=op.f("uq_polling_station_mission_id")),
    )
    op.create_index(op.f("ix_polling_station_mission_id"), "polling_station", ["mission_id"])

    op.create_table(
        "incident",
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("occurred_at", UtcDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.Column("verification_note", sa.Text(), nullable=True),
        sa.Column("verified_by", sa.String(length=320), nullable=True),
        sa.Column("verified_at", UtcDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["mission_member.id"], name=op.f("fk_incident_member_id_mission_member")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_incident_mission_id_mission")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["polling_station.id"],
            name=op.f("fk_incident_station_id_polling_station"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
        sa.UniqueConstraint("uuid", name=op.f("uq_incident_uuid")),
    )
    op.create_index(op.f("ix_incident_member_id"), "incident", ["member_id"])
    op.create_index(op.f("ix_incident_mission_id"), "incident", ["mission_id"])

    op.create_table(
        "station_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["mission_member.id"],
            name=op.f("fk_station_assignment_member_id_mission_member"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["polling_station.id"],
            name=op.f("fk_station_assignment_station_id_polling_station"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station_assignment")),
        sa.UniqueConstraint(
            "member_id", "station_id", name=op.f("uq_station_assignment_member_id")
        ),
    )
    op.create_index(op.f("ix_station_assignment_member_id"), "station_assignment", ["member_id"])
    op.create_index(op.f("ix_station_assignment_station_id"), "station_assignment", ["station_id"])

    op.create_table(
        "submission",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("observed_at", UtcDateTime(), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("supersedes", sa.String(length=36), nullable=True),
        sa.Column("superseded", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["form_id"], ["form.id"], name=op.f("fk_submission_form_id_form")),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["mission_member.id"],
            name=op.f("fk_submission_member_id_mission_member"),
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_submission_mission_id_mission")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["polling_station.id"],
            name=op.f("fk_submission_station_id_polling_station"),
        ),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_submission")),
    )
    op.create_index(op.f("ix_submission_member_id"), "submission", ["member_id"])
    op.create_index(op.f("ix_submission_station_id"), "submission", ["station_id"])
    op.create_index(op.f("ix_submission_supersedes"), "submission", ["supersedes"])
    op.create_index("ix_submission_mission_form", "submission", ["mission_id", "form_id"])

    op.create_index(
        "ix_submission_coverage", "submission", ["mission_id", "superseded", "phase", "station_id"]
    )
    op.create_table(
        "answer_count",
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("question_id", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("shard", sa.SmallInteger(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_answer_count_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint(
            "mission_id",
            "phase",
            "region",
            "question_id",
            "value",
            "shard",
            name=op.f("pk_answer_count"),
        ),
    )


def downgrade() -> None:
    op.drop_table("answer_count")
    op.drop_index("ix_submission_coverage", table_name="submission")
    op.drop_index("ix_submission_supersedes", table_name="submission")
    op.drop_index("ix_submission_station_id", table_name="submission")
    op.drop_index("ix_submission_mission_form", table_name="submission")
    op.drop_index("ix_submission_member_id", table_name="submission")

    op.drop_table("submission")
    op.drop_index("ix_station_assignment_station_id", table_name="station_assignment")
    op.drop_index("ix_station_assignment_member_id", table_name="station_assignment")

    op.drop_table("station_assignment")
    op.drop_index("ix_incident_mission_id", table_name="incident")
    op.drop_index("ix_incident_member_id", table_name="incident")

    op.drop_table("incident")
    op.drop_index("ix_polling_station_mission_id", table_name="polling_station")

    op.drop_table("polling_station")
    op.drop_index("ix_form_mission_id", table_name="form")

    op.drop_table("form")
