"""notifications: when a job took the text, so a send cut off mid-way can be found

Revision ID: 0005
Revises: 0004
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWED = "status IN ('pending', 'queued')"
IN_FLIGHT = "status IN ('pending', 'queued', 'sending')"


def _owed_index(batch_op: BatchOperations, where: str) -> None:
    batch_op.create_index(
        "ix_notification_owed",
        ["status", "id"],
        unique=False,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("taken_at", sa.DateTime(), nullable=True))
        batch_op.drop_index("ix_notification_owed")
        _owed_index(batch_op, IN_FLIGHT)


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_owed")
        _owed_index(batch_op, OWED)
        batch_op.drop_column("taken_at")
