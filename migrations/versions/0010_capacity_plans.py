"""service: which channels may book a procedure and its key in the phone menu

Administrators edit procedures without code (issue 19): the phone menu reads each procedure's
key, and a booking is refused on a channel the procedure is not open to.

Revision ID: 0010
Revises: 0009
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The keys the phone menu had in code (ivr/steps_booking.py) before they became data.
PHONE_KEYS = {
    "cert": "1",
    "pin": "2",
    "surface": "3",
    "unlock": "4",
    "return": "5",
    "cancel-app": "6",
    "apply": "7",
}


def upgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ivr_key", sa.String(length=1), nullable=True))
        batch_op.add_column(
            sa.Column(
                "channels", sa.String(length=40), nullable=False, server_default="web,phone,staff"
            )
        )
    service = sa.table("service", sa.column("code", sa.String), sa.column("ivr_key", sa.String))
    for code, key in PHONE_KEYS.items():
        op.execute(service.update().where(service.c.code == code).values(ivr_key=key))


def downgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_column("channels")
        batch_op.drop_column("ivr_key")
