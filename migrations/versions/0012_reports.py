"""city reports: every call to the line as it ended, and reports kept once their period closed

Revision ID: 0012
Revises: 0011
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "phone_menu_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_sid", sa.String(length=64), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("actions", sa.String(length=200), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=True),
        sa.Column("queue_result", sa.String(length=12), nullable=True),
        sa.Column("wait_seconds", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_menu_call")),
        sa.UniqueConstraint("call_sid", name=op.f("uq_phone_menu_call_call_sid")),
    )
    with op.batch_alter_table("phone_menu_call", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phone_menu_call_ended_at"), ["ended_at"], unique=False
        )
    op.create_table(
        "report_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_snapshot")),
        sa.UniqueConstraint("kind", "period", name="uq_report_snapshot_period"),
    )


def downgrade() -> None:
    op.drop_table("report_snapshot")
    op.drop_table("phone_menu_call")
