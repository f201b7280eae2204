"""Bookings per second over HTTP with 32 concurrent clients filling a month, 0 oversold.

What it does (loopback only, bounded in time and count):
  1. empties the bench database (DATABASE_URL, default the local `mynacall_proofs`; the shared
     `test` database is refused) and its Redis database (REDIS_URL, default db 9), and runs
     `flask --app wsgi init`; each booking owes its text in the database (the outbox), which
     no worker relays here: the texts' own cost is not part of the figure;
  2. starts gunicorn (gthread) serving wsgi:app on PostgreSQL + the local Redis, with
     RATELIMIT_ENABLED=false and the clock frozen just before the month (APP_NOW);
  3. 32 client threads (lean keep-alive clients, common.Client) take the month's bands from a
     shared list and POST /api/v1/bookings into each until it answers 409 slot_full; every
     booking is a different person (phone), so one-booking-per-person never refuses one;
  4. checks by SQL: no slot with booked > capacity, and booked == the active party sizes;
  5. runs pgbench's built-in simple-update at the same client count on a scratch database
     (<db>_pgbench) and prints our rate as a share of its TPS.

Run:   .venv/bin/python bench/booking_throughput.py [--center yokohama] [--seconds 120]
Needs: PostgreSQL on 127.0.0.1:5432 (user postgres), Redis on 127.0.0.1:6379, pgbench.
Prints a table; writes JSON to bench/results/ (gitignored). Targets: >= 500 bookings/s;
goal 20 % of pgbench simple-update TPS.
"""

from __future__ import annotations

import argparse
import itertools
import re
import resource
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import psycopg
from common import (
    Client,
    app_env,
    cpu_by_process,
    cpu_used,
    database_name,
    database_url,
    flask_init,
    fresh_database,
    fresh_redis,
    machine,
    percentiles,
    plain,
    print_table,
    redis_url,
    start_gunicorn,
    stop,
    with_database,
    write_results,
    yardstick_ms,
)

CENTERS = ("yokohama", "center-kita", "kamiooka", "futamatagawa")


@dataclass
class Tally:
    """What the clients saw, merged under a lock."""

    statuses: Counter[str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: str, elapsed_ms: float) -> None:
        """Count one answer."""
        with self.lock:
            self.statuses[outcome] += 1
            if outcome == "201":
                self.latencies_ms.append(elapsed_ms)


def month_bands(
    port: int, centers: list[str], first: date, last: date
) -> list[tuple[str, str, str]]:
    """(centre, date, start) of every band with room, read from GET /api/v1/availability."""
    client, bands = Client(port), []
    for center in centers:
        path = f"/api/v1/availability?center={center}&service=cert&from={first}&to={last}"
        status, body = client.call("GET", path)
        if status != 200:
            raise SystemExit(f"availability answered {status}: {body}")
        for day in body["days"]:
            bands += [(center, day["date"], s["start"]) for s in day["slots"] if s["remaining"]]
    client.close()
    return bands


def fill(
    port: int,
    work: list[tuple[str, str, str]],
    cursor: itertools.count[int],
    client_no: int,
    tally: Tally,
    stop_at: float,
    budget: threading.Semaphore,
) -> None:
    """One client: take the next band, book people into it until it is full, repeat."""
    client, person = Client(port), itertools.count()
    try:
        while time.monotonic() < stop_at:
            index = next(cursor)
            if index >= len(work):
                return
            center, day, start = work[index]
            while time.monotonic() < stop_at and budget.acquire(blocking=False):
                n = next(person)
                body = {
                    "center": center,
                    "service": "cert",
                    "date": day,
                    "start": start,
                    "party_size": 1,
                    "phone": f"090{client_no + 10:02d}{n:06d}",
                    "birth_date": "1970-01-01",
                    "name": "横浜 太郎",
                }
                began = time.perf_counter()
                status, answer = client.call(
                    "POST", "/api/v1/bookings", body, {"Idempotency-Key": f"b-{client_no}-{n}"}
                )
                elapsed = (time.perf_counter() - began) * 1000
                code = str(status) if status in (200, 201) else f"{status} {answer.get('error')}"
                tally.add(code, elapsed)
                if status != 201:
                    break
    finally:
        client.close()


def run_clients(
    port: int, work: list[tuple[str, str, str]], clients: int, seconds: float, max_bookings: int
) -> tuple[Tally, float]:
    """Run the clients until the work, the time or the booking budget runs out."""
    tally, cursor = Tally(), itertools.count()
    budget = threading.Semaphore(max_bookings)
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=fill, args=(port, work, cursor, i, tally, stop_at, budget))
        for i in range(clients)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - began


def verify(url: str, first: date, last: date) -> dict[str, int]:
    """Oversold slots, slots whose counter disagrees with their bookings, places filled."""
    with psycopg.connect(plain(url)) as conn:
        oversold = conn.execute("SELECT count(*) FROM slot WHERE booked > capacity").fetchone()
        mismatched = conn.execute(
            """SELECT count(*) FROM slot s LEFT JOIN (
                 SELECT slot_id, sum(party_size) AS people FROM booking
                 WHERE status = 'active' GROUP BY slot_id) b ON b.slot_id = s.id
               WHERE s.booked <> coalesce(b.people, 0)"""
        ).fetchone()
        filled = conn.execute(
            "SELECT coalesce(sum(booked), 0), coalesce(sum(capacity), 0), count(*) FROM slot "
            "WHERE day BETWEEN %s AND %s",
            (first, last),
        ).fetchone()
        bookings = conn.execute("SELECT count(*) FROM booking WHERE status = 'active'").fetchone()
    assert oversold and mismatched and filled and bookings
    return {
        "oversold_slots": oversold[0],
        "slots_disagreeing_with_bookings": mismatched[0],
        "places_booked": int(filled[0]),
        "places_in_slot_rows": int(filled[1]),
        "slot_rows": filled[2],
        "active_bookings": bookings[0],
    }


def pgbench(url: str, clients: int, seconds: int) -> float:
    """TPS of pgbench's simple-update built-in on a scratch database."""
    scratch = with_database(url, database_name(url) + "_pgbench")
    fresh_database(scratch)
    base = plain(scratch)
    subprocess.run(["pgbench", "-i", "-q", "-s", "10", base], check=True, capture_output=True)
    done = subprocess.run(
        ["pgbench", "-b", "simple-update", "-c", str(clients), "-j", "2", "-T", str(seconds), base],
        check=True,
        capture_output=True,
        text=True,
    )
    found = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", done.stdout)
    if found is None:
        raise SystemExit("pgbench printed no tps:\n" + done.stdout)
    return float(found.group(1))


def main() -> None:
    """Set up, fill the month, verify, compare with pgbench, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--center", choices=CENTERS, help="one centre (default: all four)")
    parser.add_argument("--month", default="2026-12", help="YYYY-MM to fill (default 2026-12)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=150, help="stop filling after this")
    parser.add_argument("--max-bookings", type=int, default=80_000)
    parser.add_argument("--workers", type=int, default=6, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=6, help="threads per gunicorn worker")
    parser.add_argument("--pgbench-seconds", type=int, default=15, help="0 skips pgbench")
    args = parser.parse_args()
    first = date.fromisoformat(args.month + "-01")
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    centers = [args.center] if args.center else list(CENTERS)
    url = database_url()
    fresh_database(url)
    fresh_redis(redis_url())
    env = app_env(APP_NOW=f"{first - timedelta(days=1)}T20:00:00+09:00")
    flask_init(env)
    load_before, speed_before = machine()["loadavg_1_5_15"], yardstick_ms()
    server, port = start_gunicorn(
        env, workers=args.workers, threads=args.threads, log_name="booking_throughput-gunicorn"
    )
    try:
        work = month_bands(port, centers, first, last)
        db = database_name(url)
        cpu_before, own_before = cpu_by_process(server.pid, db, with_redis=True), _own_cpu()
        tally, elapsed = run_clients(port, work, args.clients, args.seconds, args.max_bookings)
        cpu = cpu_used(cpu_before, cpu_by_process(server.pid, db, with_redis=True))
        cpu["clients"] = round(_own_cpu() - own_before, 2)
    finally:
        stop(server)
    checks = verify(url, first, last)
    load_after, speed_after = machine()["loadavg_1_5_15"], yardstick_ms()
    tps = pgbench(url, args.clients, args.pgbench_seconds) if args.pgbench_seconds else float("nan")
    booked = tally.statuses["201"]
    rate = booked / elapsed
    loads = (load_before, load_after, speed_before, speed_after)
    report(args, centers, work, tally, elapsed, rate, checks, tps, loads, cpu)


def _own_cpu() -> float:
    """CPU seconds used by this process (all client threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report(args, centers, work, tally, elapsed, rate, checks, tps, loads, cpu) -> None:  # type: ignore[no-untyped-def]
    """Print the table and write the JSON."""
    booked = max(tally.statuses["201"], 1)
    per_booking = {kind: round(1000 * seconds / booked, 2) for kind, seconds in cpu.items()}
    load_before, load_after, speed_before, speed_after = loads
    conflicts = sum(n for code, n in tally.statuses.items() if code.startswith("409"))
    others = {k: v for k, v in tally.statuses.items() if k != "201" and not k.startswith("409")}
    rows = [
        ("month / centres", f"{args.month} / {','.join(centers)}"),
        ("clients / gunicorn", f"{args.clients} / {args.workers} workers x {args.threads} threads"),
        ("bands with room", len(work)),
        ("elapsed s", round(elapsed, 1)),
        ("bookings (201)", tally.statuses["201"]),
        ("bookings/s", round(rate, 1)),
        ("409 answers", conflicts),
        ("other answers", others or 0),
        ("latency of 201 ms", percentiles(tally.latencies_ms)),
        (
            "places booked / in slot rows",
            f"{checks['places_booked']} / {checks['places_in_slot_rows']}",
        ),
        ("oversold slots (SQL)", checks["oversold_slots"]),
        ("slots != their bookings (SQL)", checks["slots_disagreeing_with_bookings"]),
        ("pgbench simple-update TPS", round(tps, 1)),
        ("our rate / pgbench", f"{100 * rate / tps:.1f} %"),
        ("CPU ms per booking", per_booking),
        ("CPU ms per booking, total", round(sum(per_booking.values()), 2)),
        ("load avg before / after", f"{load_before} / {load_after}"),
        ("yardstick ms before / after", f"{speed_before} / {speed_after} (less is faster)"),
    ]
    print_table("booking throughput over HTTP", rows)
    path = write_results(
        "booking_throughput",
        {
            "args": vars(args),
            "bands_with_room": len(work),
            "elapsed_s": round(elapsed, 3),
            "statuses": dict(tally.statuses),
            "bookings_per_s": round(rate, 1),
            "latency_201_ms": percentiles(tally.latencies_ms),
            "checks": checks,
            "pgbench_simple_update_tps": tps,
            "share_of_pgbench": round(rate / tps, 4),
            "cpu_seconds": cpu,
            "cpu_ms_per_booking": per_booking,
            "yardstick_ms_before_after": [speed_before, speed_after],
            "loadavg_before": load_before,
            "loadavg_after": load_after,
        },
    )
    print(f"\nresults: {path.relative_to(path.parents[2])}")


if __name__ == "__main__":
    main()
