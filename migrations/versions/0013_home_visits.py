"""home visits end to end: teams, the city's staff list, a request's moves, visit texts

Revision ID: 0013
Revises: 0012
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "city_staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("section", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_staff")),
    )
    op.create_table(
        "visit_team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("center_id", sa.String(length=32), nullable=False),
        sa.Column("operators", sa.String(length=200), nullable=False),
        sa.Column("daily_visits", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["center_id"], ["center.id"], name=op.f("fk_visit_team_center_id_center")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_team")),
        sa.UniqueConstraint("name", name=op.f("uq_visit_team_name")),
    )
    with op.batch_alter_table("home_visit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reason", sa.String(length=20), nullable=False, server_default="other")
        )
        batch_op.add_column(sa.Column("notice_number", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("ward_id", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("postcode", sa.String(length=8), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("visit_day", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("city_staff_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("route_order", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.String(length=200), nullable=False,
                                      server_default=""))  # fmt: skip
        batch_op.create_foreign_key(
            batch_op.f("fk_home_visit_ward_id_ward"), "ward", ["ward_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_home_visit_team_id_visit_team"), "visit_team", ["team_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_home_visit_city_staff_id_city_staff"),
            "city_staff",
            ["city_staff_id"],
            ["id"],
        )
        batch_op.create_index(batch_op.f("ix_home_visit_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_home_visit_visit_day"), ["visit_day"], unique=False)
    op.create_table(
        "home_visit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("home_visit_id", sa.Integer(), nullable=False),
        sa.Column("move", sa.String(length=20), nullable=False),
        sa.Column("from_state", sa.String(length=12), nullable=False),
        sa.Column("to_state", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("visit_day", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["home_visit_id"],
            ["home_visit.id"],
            name=op.f("fk_home_visit_event_home_visit_id_home_visit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_visit_event")),
    )
    with op.batch_alter_table("home_visit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_home_visit_event_home_visit_id"), ["home_visit_id"])
        batch_op.create_index(batch_op.f("ix_home_visit_event_at"), ["at"])
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.alter_column("booking_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("home_visit_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notification_home_visit_id_home_visit"),
            "home_visit",
            ["home_visit_id"],
            ["id"],
        )
        batch_op.create_unique_constraint(
            "uq_notification_visit_once", ["home_visit_id", "kind"]
        )


def downgrade() -> None:
    op.execute("DELETE FROM notification WHERE home_visit_id IS NOT NULL")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint("uq_notification_visit_once", type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_notification_home_visit_id_home_visit"), type_="foreignkey"
        )
        batch_op.drop_column("home_visit_id")
        batch_op.alter_column("booking_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("home_visit_event")
    with op.batch_alter_table("home_visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_home_visit_visit_day"))
        batch_op.drop_index(batch_op.f("ix_home_visit_status"))
        batch_op.drop_constraint(
            batch_op.f("fk_home_visit_city_staff_id_city_staff"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_home_visit_team_id_visit_team"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_home_visit_ward_id_ward"), type_="foreignkey")
        for column in ("note", "route_order", "city_staff_id", "team_id", "visit_day",
                       "postcode", "ward_id", "notice_number", "reason"):  # fmt: skip
            batch_op.drop_column(column)
    op.drop_table("visit_team")
    op.drop_table("city_staff")
