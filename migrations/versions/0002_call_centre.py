"""call centre: agent skills, call records, half-hour interval history

Revision ID: 0002
Revises: 0001
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agent_skill",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("topics", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_agent_skill")),
    )
    op.create_table(
        "call_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_sid", sa.String(length=64), nullable=False),
        sa.Column("agent", sa.String(length=64), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("wrap_code", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("wrapped_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_record")),
        sa.UniqueConstraint("call_sid", name=op.f("uq_call_record_call_sid")),
    )
    op.create_index(op.f("ix_call_record_agent"), "call_record", ["agent"])
    op.create_index(op.f("ix_call_record_wrapped_at"), "call_record", ["wrapped_at"])
    op.create_table(
        "interval_stat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in (
                "offered",
                "answered",
                "abandoned",
                "answered_in_sl",
                "wait_ms",
                "handled",
                "handle_ms",
                "callbacks_served",
            )
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interval_stat")),
        sa.UniqueConstraint("queue", "start", name="uq_interval_stat_queue_start"),
    )
    op.create_index(op.f("ix_interval_stat_start"), "interval_stat", ["start"])


def downgrade() -> None:
    op.drop_index(op.f("ix_interval_stat_start"), table_name="interval_stat")
    op.drop_table("interval_stat")
    op.drop_index(op.f("ix_call_record_wrapped_at"), table_name="call_record")
    op.drop_index(op.f("ix_call_record_agent"), table_name="call_record")
    op.drop_table("call_record")
    op.drop_table("agent_skill")
