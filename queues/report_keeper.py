"""Keeping the city reports: once a day (and a month) has closed, its report is stored.

A thread beside each rq worker looks every few minutes; booking_core.city_reports does the work
and stores a period only once (a unique row), so several workers never store it twice. Before
counting, the day's close-out and the agent queues' half-hours are brought into the database,
so the kept figures hold the last no-shows and the last calls of the day.
`flask --app wsgi report keep` runs it by hand.
"""

from __future__ import annotations

import logging
import threading
from datetime import time

from booking_core.calendar import TOKYO
from booking_core.city_reports import keep_closed_periods
from queues.close_out import close_out_due
from queues.history import persist_intervals
from runtime.bootstrap import Runtime

log = logging.getLogger(__name__)
EVERY_SECONDS = 300.0
# A day is kept from 01:00 the next morning: late status callbacks of calls that ended just
# before midnight have arrived by then.
KEEP_FROM = time(1, 0)


def keep_reports_due(runtime: Runtime, *, force: bool = False) -> list[str]:
    """Store the reports of the periods that have closed; the periods stored now."""
    now = runtime.clock.now()
    if not force and now.astimezone(TOKYO).time() < KEEP_FROM:
        return []
    close_out_due(runtime)
    persist_intervals(runtime.redis, runtime.uow, now)
    kept = keep_closed_periods(runtime.uow(), now=now)
    if kept:
        log.info("city reports kept: %s", ", ".join(kept))
    return kept


class ReportKeeper(threading.Thread):
    """Runs keep_reports_due every few minutes until stopped."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(name="report-keeper", daemon=True)
        self.runtime = runtime
        self._stop_event = threading.Event()

    def run(self) -> None:
        """Keep what is due, then wait; an error is logged and tried on the next tick."""
        while not self._stop_event.is_set():
            try:
                keep_reports_due(self.runtime)
            except Exception:
                log.exception("keeping the city reports failed; trying again later")
            self._stop_event.wait(EVERY_SECONDS)

    def stop(self) -> None:
        """Ask the loop to end."""
        self._stop_event.set()
