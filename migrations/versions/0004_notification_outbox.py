"""notifications as an outbox: texts owed are written with the booking change, relayed later

Revision ID: 0004
Revises: 0003
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWED = "status IN ('pending', 'queued')"


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queued_at", sa.DateTime(), nullable=True))
        batch_op.create_index(
            "ix_notification_owed",
            ["status", "id"],
            unique=False,
            sqlite_where=sa.text(OWED),
            postgresql_where=sa.text(OWED),
        )


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_owed")
        batch_op.drop_column("queued_at")
