"""a booking's life after the appointment: checked in (late or not), completed, no-show; walk-ins

Revision ID: 0006
Revises: 0005
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = "status IN ('active', 'checked_in', 'completed', 'no_show', 'cancelled')"


def upgrade() -> None:
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("completed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("no_show_at", sa.DateTime(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_booking_known_status"), sa.text(STATUSES))
    op.create_table(
        "walk_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("service_code", sa.String(length=20), nullable=False),
        sa.Column("party_size", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "party_size BETWEEN 1 AND 10", name=op.f("ck_walk_in_party_size_range")
        ),
        sa.ForeignKeyConstraint(
            ["center_id"], ["center.id"], name=op.f("fk_walk_in_center_id_center")
        ),
        sa.ForeignKeyConstraint(
            ["service_code"], ["service.code"], name=op.f("fk_walk_in_service_code_service")
        ),
        sa.ForeignKeyConstraint(["slot_id"], ["slot.id"], name=op.f("fk_walk_in_slot_id_slot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_in")),
        sa.UniqueConstraint("center_id", "day", "number", name="uq_walk_in_ticket"),
    )


def downgrade() -> None:
    op.drop_table("walk_in")
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_constraint("ck_booking_known_status", type_="check")
        batch_op.drop_column("no_show_at")
        batch_op.drop_column("completed_at")
        batch_op.drop_column("late")
