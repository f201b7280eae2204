"""The go-live import of 10,000 bookings: its time, and capacity checked against the slots.

What it does (in process, bounded in count):
  1. empties the bench database (DATABASE_URL, default the local `mynacall_proofs`; the shared
     `test` database is refused; --sqlite uses a scratch SQLite file instead), migrates it and
     loads the reference data (the FY2026 capacity plan);
  2. writes a CSV of --rows bookings (cert and apply, one person each, a mobile each) filling
     the open bands of the four centres from the day after the frozen clock on, never past a
     band's places;
  3. times the dry run (booking_core.booking_import.preview_import), then the import itself
     (import_bookings, one transaction), then the same file again (it must import 0);
  4. checks by SQL: no slot holds more than its capacity, and each slot's booked equals the
     party sizes of its active bookings.

Run:   .venv/bin/python bench/booking_import.py [--rows 10000] [--sqlite]
Needs: PostgreSQL on 127.0.0.1:5432 (user postgres) unless --sqlite.
Prints a table; writes JSON to bench/results/ (gitignored). Target: the import in < 30 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta

from common import (
    ROOT,
    database_url,
    fresh_database,
    machine,
    print_table,
    write_results,
    yardstick_ms,
)

sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select

from booking_core import slots
from booking_core.booking_import import import_bookings, preview_import
from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork, make_engine, session_factory
from booking_core.models import Booking, Slot
from booking_core.policy import Actor, Policy
from booking_core.seed import load_reference_data
from runtime import migrate

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=TOKYO)
CENTERS = ("yokohama", "center-kita", "kamiooka", "futamatagawa")
SERVICES = (("cert", "issue_renew"), ("apply", "reception"))
HEADER = "center,service,date,start,party_size,name,kana,birth_date,phone\n"
ADMIN = Actor.staff("bench", channel="admin")


def _engine_url(sqlite: bool) -> str:
    if sqlite:
        return f"sqlite:///{tempfile.mkdtemp(prefix='import-bench-')}/bench.db"
    url = database_url()
    fresh_database(url)
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def make_file(uow: UnitOfWork, rows: int) -> bytes:
    """A CSV of `rows` bookings filling open bands from tomorrow on (never over their places)."""
    lines = [HEADER]
    day = NOW.date()
    with uow:
        while len(lines) <= rows:
            day += timedelta(days=1)
            for center in CENTERS:
                for service, group in SERVICES:
                    places = slots.day_places(uow.session, center, group, day)
                    for start, count in sorted(places.items()):
                        for _ in range(min(count, 3)):  # a few per band: many bands, many days
                            n = len(lines)
                            lines.append(
                                f"{center},{service},{day.isoformat()},{start:%H:%M},1,"
                                f"市民 {n},シミン {n},1970-01-01,090{10_000_000 + n:08d}\n"
                            )
                            if len(lines) > rows:
                                return "".join(lines).encode()
    return "".join(lines).encode()


def capacity_holds(uow: UnitOfWork) -> tuple[int, int, int]:
    """(slots over capacity, slots whose booked differs from their active bookings, slots)."""
    with uow:
        session = uow.session
        over = session.scalar(select(func.count()).where(Slot.booked > Slot.capacity))
        held = dict(
            session.execute(
                select(Booking.slot_id, func.sum(Booking.party_size))
                .where(Booking.status == "active")
                .group_by(Booking.slot_id)
            ).all()
        )
        booked = dict(session.execute(select(Slot.id, Slot.booked)).all())
        wrong = sum(1 for slot, n in booked.items() if held.get(slot, 0) != n)
        return int(over or 0), wrong, len(booked)


def main() -> None:
    """Build the file, time the dry run, the import and the repeat; check the slots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    engine = make_engine(_engine_url(args.sqlite))
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    with UnitOfWork(sessions) as uow:
        load_reference_data(uow.session)
        uow.commit()
    data = make_file(UnitOfWork(sessions), args.rows)
    policy, yardstick = Policy(), yardstick_ms()
    timings = {}
    started = time.perf_counter()
    plan = preview_import(UnitOfWork(sessions), data, now=NOW, actor=ADMIN, policy=policy)
    timings["dry run"] = time.perf_counter() - started
    started = time.perf_counter()
    done = import_bookings(UnitOfWork(sessions), data, now=NOW, actor=ADMIN, policy=policy)
    timings["import"] = time.perf_counter() - started
    started = time.perf_counter()
    again = import_bookings(UnitOfWork(sessions), data, now=NOW, actor=ADMIN, policy=policy)
    timings["same file again"] = time.perf_counter() - started
    over, wrong, slot_rows = capacity_holds(UnitOfWork(sessions))
    results = {
        "database": engine.dialect.name, "rows": args.rows, "bytes": len(data),
        "problems": len(plan.problems), "full_bands": len(plan.full_bands),
        "imported": done.imported, "imported_again": again.imported,
        "already_imported_again": again.already_imported,
        **{f"{k} s": round(v, 2) for k, v in timings.items()},
        "slots": slot_rows, "slots over capacity": over, "slots booked != bookings": wrong,
        "yardstick ms": round(yardstick, 1), "target": "import < 30 s",
    }  # fmt: skip
    print_table(f"go-live import of {args.rows} bookings ({engine.dialect.name})", results.items())
    print(f"\nresults: {write_results('booking_import', results | {'machine': machine()})}")
    if over or wrong or done.imported != args.rows or again.imported:
        sys.exit("capacity or idempotency check FAILED")


if __name__ == "__main__":
    main()
