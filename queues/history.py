"""Half-hour interval history: counters kept in Redis, stored in the database for charts and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

import redis

from booking_core.call_records import INTERVAL_FIELDS, interval_history, store_interval
from booking_core.db import UnitOfWork
from queues import keys, scripts
from queues.timestamps import interval_stamp, parse_stamp
from queues.wallboard import answer_rate, service_level_of

CSV_COLUMNS = ("start", "queue", *INTERVAL_FIELDS, "answer_rate", "service_level",
               "average_wait_seconds")  # fmt: skip


def persist_intervals(r: redis.Redis, new_uow: Callable[[], UnitOfWork], now: datetime) -> int:
    """Store every half-hour with counters (the current one too); finished ones leave Redis."""
    current = interval_stamp(now)
    members = sorted(scripts.text(m) for m in r.smembers(keys.PENDING_INTERVALS_KEY))  # type: ignore[union-attr]
    for member in members:
        queue, stamp = member.split("|", 1)
        counts = scripts.texts(r.hgetall(keys.interval_key(stamp, queue)))  # type: ignore[arg-type]
        store_interval(
            new_uow(),
            queue=queue,
            start=parse_stamp(stamp),
            counts={name: int(counts.get(name) or 0) for name in INTERVAL_FIELDS},
        )
        if stamp < current:
            r.srem(keys.PENDING_INTERVALS_KEY, member)
            r.expire(keys.interval_key(stamp, queue), 7 * 86400)
    return len(members)


PERSIST_LOCK_KEY = "mynacall:intervals:persist_lock"


def persist_if_due(
    r: redis.Redis, new_uow: Callable[[], UnitOfWork], now: datetime, *, every: int = 60
) -> bool:
    """Persist the half-hours at most once a minute across all processes (a Redis lock)."""
    if not r.set(PERSIST_LOCK_KEY, "1", nx=True, ex=every):
        return False
    persist_intervals(r, new_uow, now)
    return True


def history_rows(uow: UnitOfWork, *, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Stored half-hours as plain rows with 応答率, service level (both over the calls offered,
    as on the board) and average wait worked out."""
    rows = []
    for stat in interval_history(uow, start=start, end=end):
        row: dict[str, Any] = {"start": stat.start.isoformat(), "queue": stat.queue}
        row.update({name: getattr(stat, name) for name in INTERVAL_FIELDS})
        answered = stat.answered
        row["answer_rate"] = answer_rate(offered=stat.offered, answered=answered)
        row["service_level"] = service_level_of(
            offered=stat.offered, answered_in_sl=stat.answered_in_sl
        )
        row["average_wait_seconds"] = round(stat.wait_ms / answered / 1000) if answered else 0
        rows.append(row)
    return rows


def to_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV with a header line (UTF-8 text; the view adds a BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in CSV_COLUMNS})
    return buffer.getvalue()
