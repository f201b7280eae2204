"""Latency of a month's availability for one centre with >= 500,000 bookings stored.

What it does (loopback only, bounded in count):
  1. empties the bench database (DATABASE_URL, default the local `mynacall_proofs`; the shared
     `test` database is refused) and runs `flask --app wsgi init`;
  2. bulk-loads slot rows for every band of the seeded FY2026 capacity plan at the four
     centres and --bookings bookings into them (COPY, not the API), plus 5 % cancelled ones,
     keeping slot.booked equal to the active bookings; then ANALYZE;
  3. starts gunicorn (gthread) on PostgreSQL + the local Redis with the clock frozen (APP_NOW)
     and times --requests sequential GET /api/v1/availability?center=&service=&from=&to=
     (30 days) over one keep-alive connection;
  4. times booking_core.availability.range_availability directly, in process, the same way,
     and counts its SQL statements.

Run:   .venv/bin/python bench/availability_latency.py [--bookings 520000] [--requests 400]
Needs: PostgreSQL on 127.0.0.1:5432 (user postgres), Redis on 127.0.0.1:6379.
Prints a table; writes JSON to bench/results/ (gitignored). Target: p95 < 20 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import psycopg
from common import (
    ROOT,
    Client,
    app_env,
    cpu_by_process,
    cpu_used,
    database_name,
    database_url,
    flask_init,
    fresh_database,
    machine,
    percentiles,
    plain,
    print_table,
    start_gunicorn,
    stop,
    write_results,
)

sys.path.insert(0, str(ROOT))

from sqlalchemy import event

from booking_core import directory
from booking_core.availability import range_availability
from booking_core.calendar import TOKYO, centre_day
from booking_core.capacity import day_bands
from booking_core.db import UnitOfWork, make_engine, session_factory
from booking_core.identifiers import damm_check_digit
from booking_core.policy import Policy
from booking_core.reference_data import CENTERS, FY2026_END, FY2026_START

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=TOKYO)
BOOKING_COLUMNS = (
    "id, reference, center_id, service_code, slot_id, day, start, party_size, status, name, "
    "kana, phone, birth_date, address, notice_number, person_key, channel, language, version, "
    "created_at, updated_at, cancelled_at"
)


def plan_slots(sqlalchemy_url: str) -> list[tuple[int, str, date, Any, int]]:
    """(id, centre, day, start, capacity) of every issue/renew band of FY2026, from the plan."""
    engine = make_engine(sqlalchemy_url)
    rows: list[tuple[int, str, date, Any, int]] = []
    with UnitOfWork(session_factory(engine)) as uow:
        s = uow.session
        for center in CENTERS:
            templates = directory.templates(s, center.id, "issue_renew", FY2026_START, FY2026_END)
            day = FY2026_START
            while day <= FY2026_END:
                for band in day_bands(centre_day(center.id, day), templates):
                    rows.append((len(rows) + 1, center.id, day, band.start, band.places))
                day += timedelta(days=1)
    engine.dispose()
    return rows


def fills(slots: list[tuple[int, str, date, Any, int]], target: int) -> list[int]:
    """Places booked per slot: the same share of every slot, adding up to `target`."""
    total = sum(s[4] for s in slots)
    if target > total:
        raise SystemExit(f"the plan has only {total} places; ask for fewer bookings")
    share, carry, booked = target / total, 0.0, []
    for slot in slots:
        carry += slot[4] * share
        n = min(slot[4], int(carry))
        carry -= n
        booked.append(n)
    booked[-1] += target - sum(booked)
    return booked


def booking_rows(
    slots: list[tuple[int, str, date, Any, int]], booked: list[int], cancelled_every: int
) -> Iterator[tuple[Any, ...]]:
    """Booking rows: `booked` active ones per slot, and a cancelled one after every n-th."""
    moment = datetime(2026, 3, 1, 10, 0)
    number = 0
    for (slot_id, center, day, start, _), active in zip(slots, booked, strict=True):
        statuses = ["active"] * active
        statuses += ["cancelled"] * (
            (number + active) // cancelled_every - number // cancelled_every
        )
        for status in statuses:
            number += 1
            payload = str(100_000_000 + number * 7919 % 900_000_000)
            phone = f"+8190{number:08d}"
            yield (
                number, payload + str(damm_check_digit(payload)), center, "cert", slot_id,
                day, start, 1, status, "横浜 花子", "ヨコハマ ハナコ", phone, date(1970, 1, 1),
                "", None, f"phone:{phone}:1970-01-01", "web", "ja", 1, moment, moment,
                moment if status == "cancelled" else None,
            )  # fmt: skip


def bulk_load(url: str, target: int) -> dict[str, Any]:
    """COPY the slots and bookings in; returns what was stored and how long it took."""
    began = time.perf_counter()
    slots = plan_slots(url.replace("postgresql://", "postgresql+psycopg://", 1))
    booked = fills(slots, target)
    with psycopg.connect(plain(url)) as conn, conn.cursor() as cur:
        with cur.copy(
            'COPY slot (id, center_id, "group", day, start, capacity, booked) FROM STDIN'
        ) as copy:
            for (slot_id, center, day, start, cap), n in zip(slots, booked, strict=True):
                copy.write_row((slot_id, center, "issue_renew", day, start, cap, n))
        with cur.copy(f"COPY booking ({BOOKING_COLUMNS}) FROM STDIN") as copy:
            for row in booking_rows(slots, booked, cancelled_every=20):
                copy.write_row(row)
        for table in ("slot", "booking"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        conn.commit()
    with psycopg.connect(plain(url), autocommit=True) as conn:
        conn.execute("ANALYZE")
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM booking), "
            "(SELECT count(*) FROM booking WHERE status = 'active'), (SELECT count(*) FROM slot), "
            "(SELECT count(*) FROM slot s WHERE booked <> (SELECT count(*) FROM booking b "
            " WHERE b.slot_id = s.id AND b.status = 'active'))"
        ).fetchone()
    assert counts is not None
    return {
        "bookings": counts[0],
        "active_bookings": counts[1],
        "slots": counts[2],
        "slots_disagreeing": counts[3],
        "load_s": round(time.perf_counter() - began, 1),
    }


def window(days: int) -> tuple[date, date]:
    """From tomorrow of the frozen clock, `days` days."""
    first = NOW.date() + timedelta(days=1)
    return first, first + timedelta(days=days - 1)


def time_http(port: int, center: str, requests: int, days: int) -> tuple[list[float], int]:
    """Latencies (ms) of sequential month availability requests; and the slots in one answer."""
    first, last = window(days)
    path = f"/api/v1/availability?center={center}&service=cert&from={first}&to={last}"
    client, samples, slot_count = Client(port), [], 0
    for i in range(requests + 20):
        began = time.perf_counter()
        status, body = client.call("GET", path)
        elapsed = (time.perf_counter() - began) * 1000
        if status != 200:
            raise SystemExit(f"availability answered {status}: {body}")
        if i >= 20:  # the first requests warm the worker's caches and connections
            samples.append(elapsed)
        slot_count = sum(len(d["slots"]) for d in body["days"])
    client.close()
    return samples, slot_count


def time_direct(
    url: str, center: str, requests: int, days: int
) -> tuple[list[float], float, float]:
    """Latencies (ms) of range_availability in process; SQL statements and CPU ms per call."""
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    statements = [0]

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_: object) -> None:
        statements[0] += 1

    sessions, first, last = session_factory(engine), *window(days)
    samples, cpu_began = [], 0.0
    for i in range(requests + 20):
        if i == 20:
            statements[0], cpu_began = 0, time.process_time()
        began = time.perf_counter()
        range_availability(
            UnitOfWork(sessions),
            center_id=center,
            service_code="cert",
            start=first,
            end=last,
            now=NOW,
            policy=Policy(),
        )
        if i >= 20:
            samples.append((time.perf_counter() - began) * 1000)
    cpu_ms = (time.process_time() - cpu_began) * 1000 / requests
    engine.dispose()
    return samples, statements[0] / requests, cpu_ms


def main() -> None:
    """Load, serve, time over HTTP and in process, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--bookings", type=int, default=520_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--center", default="yokohama")
    parser.add_argument("--days", type=int, default=30, help="length of the range asked for")
    args = parser.parse_args()
    url = database_url()
    fresh_database(url)
    env = app_env(APP_NOW=NOW.isoformat())
    flask_init(env)
    loaded = bulk_load(url, args.bookings)
    server, port = start_gunicorn(env, workers=2, threads=4, log_name="availability-gunicorn")
    try:
        cpu_before = cpu_by_process(server.pid, database_name(url))
        http_ms, slot_count = time_http(port, args.center, args.requests, args.days)
        cpu = cpu_used(cpu_before, cpu_by_process(server.pid, database_name(url)))
    finally:
        stop(server)
    per_request = {k: round(1000 * v / (args.requests + 20), 2) for k, v in cpu.items()}
    direct_ms, statements, direct_cpu = time_direct(url, args.center, args.requests, args.days)
    per_request["in-process call"] = round(direct_cpu, 2)
    report(args, loaded, http_ms, slot_count, direct_ms, statements, per_request)


def report(args: argparse.Namespace, loaded: dict[str, Any], http_ms: list[float],
           slot_count: int, direct_ms: list[float], statements: float,
           cpu_ms: dict[str, float]) -> None:  # fmt: skip
    """Print the table and write the JSON."""
    first, last = window(args.days)
    http, direct = percentiles(http_ms), percentiles(direct_ms)
    rows = [
        ("bookings stored (active)", f"{loaded['bookings']} ({loaded['active_bookings']})"),
        ("slot rows", loaded["slots"]),
        ("slots != their bookings", loaded["slots_disagreeing"]),
        ("bulk load s", loaded["load_s"]),
        ("query", f"{args.center}, cert, {first}..{last} ({slot_count} bands in the answer)"),
        ("HTTP ms (sequential, keep-alive)", http),
        ("range_availability ms (in process)", direct),
        ("SQL statements per call", round(statements, 1)),
        ("CPU ms per request", cpu_ms),
        ("target p95 < 20 ms", "met" if http["p95"] < 20 else "MISSED"),
        ("load avg now", machine()["loadavg_1_5_15"]),
    ]
    print_table(f"availability latency, {args.requests} requests each", rows)
    path = write_results(
        "availability_latency",
        {
            "args": vars(args),
            "loaded": loaded,
            "bands_in_answer": slot_count,
            "http_ms": http,
            "direct_ms": direct,
            "statements_per_call": statements,
            "cpu_ms_per_request": cpu_ms,
        },
    )
    print(f"\nresults: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
