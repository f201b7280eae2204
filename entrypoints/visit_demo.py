"""Demo data of home visits: a visit team of each centre and two city staff members."""

from __future__ import annotations

from booking_core.policy import Actor
from booking_core.visit_teams import add_city_staff, add_team, city_staff, teams
from runtime.bootstrap import Runtime

DEMO_TEAMS = (
    ("横浜A", "yokohama", "オペレーター 一郎、窓口 五月"),
    ("上大岡A", "kamiooka", "オペレーター 二葉"),
)
DEMO_CITY_STAFF = (("市民局 一郎", "窓口サービス課"), ("市民局 二美", "窓口サービス課"))


def load_visit_demo(runtime: Runtime) -> None:
    """Add the demo teams and city staff once (a second run adds nothing)."""
    now, actor = runtime.clock.now(), Actor.system("demo")
    if not teams(runtime.uow()):
        for name, center_id, operators in DEMO_TEAMS:
            add_team(runtime.uow(), name=name, center_id=center_id, operators=operators,
                     daily_visits=3, now=now, actor=actor)  # fmt: skip
    if not city_staff(runtime.uow()):
        for name, section in DEMO_CITY_STAFF:
            add_city_staff(runtime.uow(), name=name, section=section, now=now, actor=actor)
