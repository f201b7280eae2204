"""card custody: where each ready card is (at_ward ... issued / back_at_ward) and every hand-over

Revision ID: 0007
Revises: 0006
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("card_ready", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carried_on", sa.Date(), nullable=True))
    op.execute("UPDATE card_ready SET status = 'at_ward' WHERE status = 'ready'")
    op.create_table(
        "card_custody_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_number", sa.String(length=16), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("from_state", sa.String(length=12), nullable=False),
        sa.Column("to_state", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("place", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_number"],
            ["card_ready.notice_number"],
            name=op.f("fk_card_custody_event_notice_number_card_ready"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_custody_event")),
    )
    with op.batch_alter_table("card_custody_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_card_custody_event_notice_number"), ["notice_number"], unique=False
        )


def downgrade() -> None:
    op.drop_table("card_custody_event")
    op.execute("UPDATE card_ready SET status = 'ready' WHERE status = 'at_ward'")
    with op.batch_alter_table("card_ready", schema=None) as batch_op:
        batch_op.drop_column("carried_on")
