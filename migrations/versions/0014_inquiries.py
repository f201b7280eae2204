"""inquiry records: topics the city edits, a call's topic, caller and escalation

Revision ID: 0014
Revises: 0013
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inquiry_topic",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name_ja", sa.String(length=60), nullable=False),
        sa.Column("name_en", sa.String(length=60), nullable=False),
        sa.Column("complaint", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_inquiry_topic")),
    )
    with op.batch_alter_table("call_record") as batch:
        batch.add_column(sa.Column("topic", sa.String(length=30), nullable=False, server_default=""))
        batch.add_column(sa.Column("caller", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("escalation", sa.String(length=10), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("escalation_closed_by", sa.String(length=64), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("escalation_closed_at", sa.DateTime(), nullable=True))
        batch.create_index(batch.f("ix_call_record_topic"), ["topic"])
        batch.create_index(batch.f("ix_call_record_caller"), ["caller"])
        batch.create_index(batch.f("ix_call_record_escalation"), ["escalation"])


def downgrade() -> None:
    with op.batch_alter_table("call_record") as batch:
        batch.drop_index(batch.f("ix_call_record_escalation"))
        batch.drop_index(batch.f("ix_call_record_caller"))
        batch.drop_index(batch.f("ix_call_record_topic"))
        for name in ("escalation_closed_at", "escalation_closed_by", "escalation", "caller", "topic"):
            batch.drop_column(name)
    op.drop_table("inquiry_topic")
