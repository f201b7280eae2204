"""home-visit requests from the residents' web pages

Revision ID: 0003
Revises: 0002
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "home_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("service_code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kana", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("facility", sa.String(length=100), nullable=False),
        sa.Column("access_notes", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_code"], ["service.code"], name=op.f("fk_home_visit_service_code_service")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_visit")),
        sa.UniqueConstraint("reference", name=op.f("uq_home_visit_reference")),
    )
    op.create_index(op.f("ix_home_visit_phone"), "home_visit", ["phone"])


def downgrade() -> None:
    op.drop_index(op.f("ix_home_visit_phone"), table_name="home_visit")
    op.drop_table("home_visit")
