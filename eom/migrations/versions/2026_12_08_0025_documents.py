"""Mission documents: documents, their file, sections, section versions and deliveries;
when a mission's preliminary statement and final report became public.

Revision ID: 0025
Revises: 0024
Created: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eom.core.db import UtcDateTime

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GATES = ("preliminary_statement_public_at", "final_report_public_at")


def upgrade() -> None:
    with op.batch_alter_table("mission") as batch:
        for name in GATES:
            batch.add_column(sa.Column(name, UtcDateTime(), nullable=True))
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("round", sa.String(length=10), nullable=False),
        sa.Column("council_session_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("embargo_until", UtcDateTime(), nullable=True),
        sa.Column("published_at", UtcDateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=320), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["mission.id"], name=op.f("fk_document_mission_id_mission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    op.create_index(op.f("ix_document_mission_id"), "document", ["mission_id"])
    op.create_index(op.f("ix_document_status"), "document", ["status"])
    op.create_table(
        "document_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", UtcDateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=320), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_document_file_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_file")),
        sa.UniqueConstraint("document_id", name=op.f("uq_document_file_document_id")),
    )
    op.create_table(
        "document_section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=300), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("text", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_section_document_id_document"),
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["mission_member.id"],
            name=op.f("fk_document_section_assignee_id_mission_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_section")),
    )
    op.create_index(op.f("ix_document_section_document_id"), "document_section", ["document_id"])
    op.create_index(op.f("ix_document_section_assignee_id"), "document_section", ["assignee_id"])
    op.create_table(
        "document_section_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=320), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["document_section.id"],
            name=op.f("fk_document_section_version_section_id_document_section"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_section_version")),
        sa.UniqueConstraint(
            "section_id", "number", name=op.f("uq_document_section_version_section_id")
        ),
    )
    op.create_index(
        op.f("ix_document_section_version_section_id"),
        "document_section_version",
        ["section_id"],
    )
    op.create_table(
        "document_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("authority", sa.String(length=300), nullable=False),
        sa.Column("means", sa.String(length=10), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_delivery_document_id_document"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_delivery")),
    )
    op.create_index(op.f("ix_document_delivery_document_id"), "document_delivery", ["document_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_document_delivery_document_id"), table_name="document_delivery")
    op.drop_table("document_delivery")
    op.drop_index(
        op.f("ix_document_section_version_section_id"), table_name="document_section_version"
    )
    op.drop_table("document_section_version")
    op.drop_index(op.f("ix_document_section_assignee_id"), table_name="document_section")
    op.drop_index(op.f("ix_document_section_document_id"), table_name="document_section")
    op.drop_table("document_section")
    op.drop_table("document_file")
    op.drop_index(op.f("ix_document_status"), table_name="document")
    op.drop_index(op.f("ix_document_mission_id"), table_name="document")
    op.drop_table("document")
    with op.batch_alter_table("mission") as batch:
        for name in reversed(GATES):
            batch.drop_column(name)
