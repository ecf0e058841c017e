"""An observer's roster entry names the account that is theirs (``user_id``), so the link
between them survives a change of either email instead of following the email to someone
else. Existing entries are linked as they were read until now: by the same email.

Revision ID: 0021
Revises: 0020
Created: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("observer") as batch:
        batch.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch.create_unique_constraint(op.f("uq_observer_user_id"), ["user_id"])
        batch.create_foreign_key(
            op.f("fk_observer_user_id_user_account"), "user_account", ["user_id"], ["id"]
        )
    op.execute(
        "UPDATE observer SET user_id = (SELECT u.id FROM user_account u"
        " WHERE u.email = observer.email)"
    )


def downgrade() -> None:
    with op.batch_alter_table("observer") as batch:
        batch.drop_constraint(op.f("fk_observer_user_id_user_account"), type_="foreignkey")
        batch.drop_constraint(op.f("uq_observer_user_id"), type_="unique")
        batch.drop_column("user_id")
