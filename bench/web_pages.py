"""The residents' booking pages under load, beside the JSON API: pages per second and p95.

What it does (loopback only, bounded in time):
  1. empties the bench database (DATABASE_URL, default the local `mynacall_web`; shared
     databases are refused) and runs `flask --app wsgi init`;
  2. starts gunicorn (gthread) serving wsgi:app on PostgreSQL + the local Redis, with
     RATELIMIT_ENABLED=false and the clock frozen at Monday 2026-11-02 09:00 (APP_NOW);
  3. phase "pages": --clients threads, each a resident with its own cookie, walk the whole
     booking flow as a browser does (12 requests: procedure, centre, calendar, day, time,
     details, review, confirm, done; GETs and CSRF-protected POSTs), one booking each time;
  4. phase "api": the same number of threads book through the JSON API (GET a month of
     availability, POST /api/v1/bookings: 2 requests per booking);
  5. phase "mixed": half the threads on the pages, half on the API, at the same time;
  6. checks by SQL that no slot is oversold and booked == the active party sizes.

Run:   .venv/bin/python bench/web_pages.py [--seconds 20] [--clients 16]
Needs: PostgreSQL on 127.0.0.1:5432 (user postgres), Redis on 127.0.0.1:6379.
Prints a table; writes JSON to bench/results/ (gitignored).
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import re
import sys
import threading
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import psycopg
from common import (
    ROOT,
    Client,
    app_env,
    flask_init,
    fresh_database,
    percentiles,
    plain,
    print_table,
    start_gunicorn,
    stop,
    write_results,
)

sys.path.insert(0, str(ROOT))

from booking_core.calendar import TOKYO, centre_day, is_bookable_time

os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/mynacall_web")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/11")
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=TOKYO)
CENTERS = ("yokohama", "center-kita", "kamiooka", "futamatagawa")
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
TIME_BUTTON = re.compile(r'name="start" value="(\d\d:\d\d)"')
phones = itertools.count(10_000_000)
phone_lock = threading.Lock()


def next_phone() -> str:
    """A different mobile number for every booking (one booking per person and service)."""
    with phone_lock:
        return f"090{next(phones):08d}"


def open_days() -> list[date]:
    """The centres' open days in the booking window (the same at every centre)."""
    days = [NOW.date() + timedelta(days=n) for n in range(4, 58)]
    return [d for d in days if centre_day("yokohama", d).open]


class Browser:
    """A resident's browser: one keep-alive connection, one session cookie."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""

    def send(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        """One request; keeps the session cookie; (status, body)."""
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, text


def book_on_pages(
    browser: Browser, centre: str, day: date, timings: dict[str, list[float]]
) -> bool:
    """The whole flow a resident walks; True when the done page shows a reference."""

    def step(name: str, method: str, path: str, form: dict[str, str] | None = None) -> str:
        started = time.perf_counter()
        status, text = browser.send(method, path, form)
        timings[name].append((time.perf_counter() - started) * 1000)
        if status >= 400 and status not in (409, 422):
            raise RuntimeError(f"{name}: HTTP {status}")
        return text

    token = TOKEN.search(step("GET procedure", "GET", "/book")).group(1)  # type: ignore[union-attr]
    step("POST procedure", "POST", "/book", {"csrf_token": token, "service": "cert"})
    step("GET centre", "GET", "/book/centre")
    step(
        "POST centre",
        "POST",
        "/book/centre",
        {"csrf_token": token, "center": centre, "party_size": "1"},
    )
    step("GET calendar", "GET", f"/book/calendar?month={day:%Y-%m}")
    times = TIME_BUTTON.findall(step("GET day", "GET", f"/book/day/{day.isoformat()}"))
    if not times:
        return False
    step(
        "POST time",
        "POST",
        "/book/time",
        {"csrf_token": token, "day": day.isoformat(), "start": random.choice(times)},
    )
    step(
        "POST details",
        "POST",
        "/book/details",
        {
            "csrf_token": token,
            "name": "負荷 試験",
            "kana": "フカ シケン",
            "birth_date": "19700101",
            "phone": next_phone(),
            "address": "",
        },
    )
    step("GET review", "GET", "/book/review")
    step("POST confirm", "POST", "/book/confirm", {"csrf_token": token})
    return "reference" in step("GET done", "GET", "/book/done")


def book_on_api(client: Client, centre: str, day: date, timings: dict[str, list[float]]) -> bool:
    """The API's way: a month of availability, then one POST."""
    query = urlencode(
        {
            "center": centre,
            "service": "cert",
            "from": day.isoformat(),
            "to": (day + timedelta(days=29)).isoformat(),
        }
    )
    started = time.perf_counter()
    client.call("GET", f"/api/v1/availability?{query}")
    timings["API GET availability"].append((time.perf_counter() - started) * 1000)
    hours = centre_day(centre, day)
    bands = [
        datetime.combine(day, hours.opens) + timedelta(minutes=15 * n)  # type: ignore[arg-type]
        for n in range(40)
    ]
    start = random.choice([b.time() for b in bands if is_bookable_time(hours, b.time())])
    body = {
        "center": centre,
        "service": "cert",
        "date": day.isoformat(),
        "start": start.strftime("%H:%M"),
        "party_size": 1,
        "phone": next_phone(),
        "birth_date": "1970-01-01",
        "name": "負荷 試験",
        "kana": "フカ シケン",
    }
    started = time.perf_counter()
    status, _ = client.call("POST", "/api/v1/bookings", body)
    timings["API POST bookings"].append((time.perf_counter() - started) * 1000)
    return status == 201


def run_phase(port: int, *, pages: int, api: int, seconds: float) -> dict[str, Any]:
    """Threads on the pages and on the API for a while; requests, bookings and timings."""
    days, deadline = open_days(), time.monotonic() + seconds
    timings: dict[str, list[float]] = defaultdict(list)
    lock, counts = threading.Lock(), {"pages_bookings": 0, "api_bookings": 0, "errors": 0}

    def worker(kind: str, index: int) -> None:
        rng_day = random.Random(index)
        mine: dict[str, list[float]] = defaultdict(list)
        made = failed = 0
        while time.monotonic() < deadline:
            centre, day = CENTERS[index % 4], rng_day.choice(days)
            try:
                ok = (
                    book_on_pages(Browser(port), centre, day, mine)
                    if kind == "pages"
                    else book_on_api(Client(port), centre, day, mine)
                )
                made += ok
            except (RuntimeError, OSError, EOFError, http.client.HTTPException):
                failed += 1
        with lock:
            counts[f"{kind}_bookings"] += made
            counts["errors"] += failed
            for name, values in mine.items():
                timings[name].extend(values)

    threads = [threading.Thread(target=worker, args=("pages", i)) for i in range(pages)]
    threads += [threading.Thread(target=worker, args=("api", i)) for i in range(api)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return summarise(timings, counts, elapsed)


def summarise(
    timings: dict[str, list[float]], counts: dict[str, int], elapsed: float
) -> dict[str, Any]:
    """Rates and percentiles of one phase."""
    page_samples = [v for k, vs in timings.items() if not k.startswith("API") for v in vs]
    api_samples = [v for k, vs in timings.items() if k.startswith("API") for v in vs]
    return {
        "seconds": round(elapsed, 1),
        "pages_per_s": round(len(page_samples) / elapsed, 1),
        "pages": percentiles(page_samples),
        "api_requests_per_s": round(len(api_samples) / elapsed, 1),
        "api": percentiles(api_samples),
        "bookings_per_s_pages": round(counts["pages_bookings"] / elapsed, 1),
        "bookings_per_s_api": round(counts["api_bookings"] / elapsed, 1),
        "errors": counts["errors"],
        "by_step_p95_ms": {k: percentiles(v)["p95"] for k, v in sorted(timings.items())},
    }


def oversold(url: str) -> tuple[int, int]:
    """(slots over capacity, slots whose booked differs from the active party sizes)."""
    with psycopg.connect(plain(url)) as conn:
        over = conn.execute("SELECT count(*) FROM slot WHERE booked > capacity").fetchone()
        drift = conn.execute(
            "SELECT count(*) FROM slot s WHERE s.booked <> (SELECT coalesce(sum(party_size), 0)"
            " FROM booking b WHERE b.slot_id = s.id AND b.status = 'active')"
        ).fetchone()
    return int(over[0]), int(drift[0])  # type: ignore[index]


def main() -> None:
    """Run the three phases and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    fresh_database(url)
    env = app_env(APP_NOW=NOW.isoformat())
    flask_init(env)
    server, port = start_gunicorn(
        env, workers=args.workers, threads=args.threads, log_name="web_pages"
    )
    try:
        half = max(args.clients // 2, 1)
        run_phase(port, pages=half, api=half, seconds=3)  # warm-up: workers, pools, caches
        phases = {
            "pages": run_phase(port, pages=args.clients, api=0, seconds=args.seconds),
            "api": run_phase(port, pages=0, api=args.clients, seconds=args.seconds),
            "mixed": run_phase(port, pages=half, api=half, seconds=args.seconds),
        }
    finally:
        stop(server)
    over, drift = oversold(url)
    for name, figures in phases.items():
        print_table(
            f"phase {name} ({args.clients} clients, {figures['seconds']} s)",
            [
                ("pages/s", figures["pages_per_s"]),
                ("pages p50 / p95 / p99 ms", "{p50} / {p95} / {p99}".format(**figures["pages"])),
                ("API requests/s", figures["api_requests_per_s"]),
                ("API p50 / p95 / p99 ms", "{p50} / {p95} / {p99}".format(**figures["api"])),
                ("bookings/s via pages", figures["bookings_per_s_pages"]),
                ("bookings/s via API", figures["bookings_per_s_api"]),
                ("errors", figures["errors"]),
            ],
        )
    print_table("p95 by step (phase pages, ms)", list(phases["pages"]["by_step_p95_ms"].items()))
    print_table("integrity", [("slots over capacity", over), ("slots drifted", drift)])
    path = write_results(
        "web_pages", {"args": vars(args), "phases": phases, "oversold": over, "drift": drift}
    )
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
