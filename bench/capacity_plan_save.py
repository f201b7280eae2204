"""Time to preview and save a fiscal year's capacity plan (FY2027) at the four centres.

What it does (in process, bounded):
  1. empties the bench database (DATABASE_URL, default the local `mynacall_proofs`; the shared
     `test` database is refused) and runs `flask --app wsgi init`;
  2. for each centre, previews then saves an issue/renew plan for every weekday of FY2027 and
     one for every weekend day and holiday (8 saves; each makes the slot rows of its days);
  3. saves the same plans again (nothing to make: the rows are there) and times that too.

Run:   .venv/bin/python bench/capacity_plan_save.py
Needs: PostgreSQL on 127.0.0.1:5432 (user postgres).
Prints a table; writes JSON to bench/results/ (gitignored).
Target: a preview under 2 s and a save under 5 s, so the admin screen answers at once.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from datetime import time as clock_time

from common import (
    app_env,
    database_url,
    flask_init,
    fresh_database,
    machine,
    print_table,
    write_results,
)

from booking_core.calendar import TOKYO
from booking_core.capacity_plans import PlanDraft, add_plan, preview_plan
from booking_core.db import UnitOfWork, make_engine, session_factory
from booking_core.policy import Actor
from booking_core.reference_data import CENTERS

NOW = datetime(2027, 2, 1, 9, 0, tzinfo=TOKYO)
ADMIN = Actor.staff("bench", "admin")
KINDS = (("weekday", clock_time(11, 30), clock_time(19, 30)),
         ("weekend_holiday", clock_time(9, 0), clock_time(17, 0)))  # fmt: skip


def drafts() -> list[PlanDraft]:
    """FY2027 issue/renew plans: every centre, both kinds of day."""
    return [
        PlanDraft(c.id, "issue_renew", kind, date(2027, 4, 1), date(2028, 3, 31), start, end, 30)
        for c in CENTERS
        for kind, start, end in KINDS
    ]


def timed(action: object) -> float:
    """Seconds one call takes."""
    began = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - began


def main() -> None:
    """Run the bench and print its table."""
    url = database_url()
    fresh_database(url)
    flask_init(app_env())
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    sessions = session_factory(engine)
    previews, saves, again = [], [], []
    for draft in drafts():
        previews.append(timed(lambda d=draft: preview_plan(UnitOfWork(sessions), d, now=NOW)))
        saves.append(timed(lambda d=draft: add_plan(UnitOfWork(sessions), d, now=NOW, actor=ADMIN)))
    for draft in drafts():
        again.append(timed(lambda d=draft: add_plan(UnitOfWork(sessions), d, now=NOW, actor=ADMIN)))
    engine.dispose()
    rows = [
        ("preview, slowest s", round(max(previews), 2)),
        ("save (rows made), slowest s", round(max(saves), 2)),
        ("save again (rows there), slowest s", round(max(again), 2)),
        ("target", "preview < 2 s, save < 5 s"),
    ]
    print_table("capacity plan for FY2027, 4 centres x 2 kinds of day", rows)
    write_results(
        "capacity_plan_save",
        {"machine": machine(), "previews_s": previews, "saves_s": saves, "again_s": again},
    )


if __name__ == "__main__":
    main()
