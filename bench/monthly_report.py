"""Bench: the city's monthly report over a month of 50,000 bookings (target: under 5 s).

Fills a scratch database with November 2026: 50,000 bookings over the four centres (made by
every channel, checked in, completed, no-shows, cancelled), their audit events, walk-ins,
card moves, 40,000 ended calls and the half-hours of the agent queues; then counts the month
(`build_monthly`) and renders its CSV and PDF, and prints the seconds each took.

    .venv/bin/python bench/monthly_report.py           # a SQLite file in a temp directory
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/SCRATCH .venv/bin/python \
        bench/monthly_report.py                         # a scratch PostgreSQL database
    ... --json /tmp/report.json   # also write the report (to look at its PDF, for instance)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, insert, select  # noqa: E402

from agent_console import report_files  # noqa: E402
from bench.common import fresh_database  # noqa: E402
from booking_core import city_reports  # noqa: E402
from booking_core.calendar import TOKYO, centre_day  # noqa: E402
from booking_core.callcentre_models import IntervalStat  # noqa: E402
from booking_core.db import UnitOfWork, make_engine, session_factory  # noqa: E402
from booking_core.models import AuditEvent, Booking, Center, Slot, WalkIn  # noqa: E402
from booking_core.report_models import PhoneMenuCall  # noqa: E402
from booking_core.seed import load_reference_data  # noqa: E402
from runtime import migrate  # noqa: E402

YEAR, MONTH = 2026, 11
BOOKINGS, CALLS = 50_000, 40_000
CHANNELS = ("ivr", "ivr", "web", "web", "web", "api", "agent", "counter")
SERVICES = (("issue", "issue_renew"), ("cert", "issue_renew"), ("apply", "reception"),
            ("pin", "reception"), ("surface", "reception"))  # fmt: skip
STATUSES = ("completed",) * 12 + ("no_show", "cancelled", "checked_in")
OUTCOMES = ("booked", "changed", "cancelled", "information", "callback", "hung_up", "to_agent")


def _tokyo(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO)


def _open_days(centers: list[str]) -> list[tuple[str, date]]:
    days = [date(YEAR, MONTH, 1) + timedelta(days=n) for n in range(30)]
    return [(c, d) for c in centers for d in days if centre_day(c, d).open]


def _slots(engine: Engine, centers: list[str]) -> dict[tuple[str, str, date], list[int]]:
    """A handful of bands per open centre day and group, each with room for every booking."""
    rows = [
        {"center_id": c, "group": g, "day": d, "start": clock_time(h, 0), "capacity": 10_000,
         "booked": 0}
        for c, d in _open_days(centers) for g in ("issue_renew", "reception") for h in (12, 14, 16)
    ]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(Slot), rows)
        found = conn.execute(select(Slot.id, Slot.center_id, Slot.group, Slot.day)).all()
    slots: dict[tuple[str, str, date], list[int]] = {}
    for slot_id, center, group, day in found:
        slots.setdefault((center, group, day), []).append(slot_id)
    return slots


def _bookings(engine: Engine, centers: list[str], rng: random.Random) -> None:
    slots = _slots(engine, centers)
    keys = list(slots)
    rows, audits = [], []
    for n in range(BOOKINGS):
        service, group = rng.choice(SERVICES)
        center, _, day = rng.choice([k for k in keys[n % 40 :: 40] if k[1] == group] or keys)
        slot = rng.choice(slots[(center, group, day)])
        made = _tokyo(day - timedelta(days=rng.randint(0, 10)), rng.randint(8, 21))
        status = rng.choice(STATUSES)
        reference = f"B{n:09d}"
        rows.append({
            "reference": reference, "center_id": center, "service_code": service,
            "slot_id": slot, "day": day, "start": clock_time(12), "party_size": 1,
            "status": status, "birth_date": date(1970, 1, 1), "channel": rng.choice(CHANNELS),
            "created_at": made, "updated_at": made, "late": status == "completed" and n % 9 == 0,
        })  # fmt: skip
        if status == "cancelled":
            audits.append({"at": made + timedelta(hours=1), "actor": "resident:web",
                           "action": "booking.cancel", "entity": "booking",
                           "entity_id": reference, "channel": "web", "detail": {}})  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(Booking), rows)
        conn.execute(insert(AuditEvent), audits)


def _walk_ins_and_calls(engine: Engine, centers: list[str], rng: random.Random) -> None:
    open_days = _open_days(centers)
    with engine.begin() as conn:
        slot_id = conn.execute(select(Slot.id)).scalars().first()
    walk_ins = [
        {"center_id": c, "day": d, "number": k + 1, "service_code": "pin", "party_size": 1,
         "slot_id": slot_id, "at": _tokyo(d, 13), "issued_by": "bench"}
        for c, d in open_days for k in range(20)
    ]  # fmt: skip
    calls = []
    for n in range(CALLS):
        outcome = rng.choice(OUTCOMES)
        queue = "general" if outcome == "to_agent" else None
        calls.append({
            "call_sid": f"CA{n:032d}",
            "ended_at": _tokyo(date(YEAR, MONTH, 1 + n % 30), rng.randint(9, 19)),
            "language": "ja", "outcome": outcome, "actions": "", "queue": queue,
            "queue_result": rng.choice(("answered", "answered", "abandoned")) if queue else None,
            "wait_seconds": rng.randint(0, 300) if queue else None,
        })  # fmt: skip
    intervals = [
        {"queue": q, "start": datetime(YEAR, MONTH, d, h, m, tzinfo=TOKYO), "offered": 20,
         "answered": 17, "abandoned": 3, "answered_in_sl": 14, "wait_ms": 17 * 15_000,
         "handled": 17, "handle_ms": 17 * 240_000, "callbacks_served": 1}
        for q in ("general", "booking", "visit", "english") for d in range(1, 31)
        for h in range(9, 20) for m in (0, 30)
    ]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(WalkIn), walk_ins)
        conn.execute(insert(PhoneMenuCall), calls)
        conn.execute(insert(IntervalStat), intervals)


def fill(engine: Engine) -> None:
    """A month of figures in the scratch database."""
    migrate.upgrade(engine)
    uow = UnitOfWork(session_factory(engine))
    with uow:
        load_reference_data(uow.session)
        uow.commit()
        centers = list(uow.session.scalars(select(Center.id)))
    rng = random.Random(20)
    _bookings(engine, centers, rng)
    _walk_ins_and_calls(engine, centers, rng)


def _timed(action: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def main() -> None:
    """Fill, then count the month, and render its files."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="also write the report as JSON to this file")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if url:
        fresh_database(url)
    else:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='monthly-report-')}/bench.sqlite"
    engine = make_engine(url)
    _, filled = _timed(lambda: fill(engine))
    uow = UnitOfWork(session_factory(engine))
    now = datetime(YEAR, MONTH + 1, 1, 1, 0, tzinfo=TOKYO)
    report, counted = _timed(lambda: city_reports.build_monthly(uow, year=YEAR, month=MONTH,
                                                                now=now))  # fmt: skip
    _, csv_seconds = _timed(lambda: report_files.to_csv(report))
    _, pdf_seconds = _timed(lambda: report_files.to_pdf(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False))
    print(json.dumps({
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": engine.dialect.name,
        "bookings_in_month": BOOKINGS,
        "appointments_counted": report["appointments"],
        "bookings_made_in_month": report["bookings"]["made"],
        "calls": report["calls"]["total"],
        "fill_seconds": round(filled, 1),
        "count_seconds": round(counted, 2),
        "csv_seconds": round(csv_seconds, 2),
        "pdf_seconds": round(pdf_seconds, 2),
        "total_seconds": round(counted + csv_seconds + pdf_seconds, 2),
        "target_seconds": 5,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
