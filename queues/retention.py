"""The nightly retention run beside each worker: old bookings anonymised, unused accounts
disabled (booking_core.retention), once a day.

A thread looks every ten minutes whether today's run is done; a Redis key taken with SET NX
marks the day, so of several workers only one runs it. The run itself changes nothing when
repeated, so a run lost half-way is simply done again the next day.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, timedelta

from booking_core.calendar import TOKYO
from booking_core.retention import RetentionResult, run_retention
from queues.keys import PREFIX
from runtime.bootstrap import Runtime

log = logging.getLogger(__name__)
EVERY_SECONDS = 600.0
RUN_FROM_HOUR = 2  # Tokyo: after the centres' and the call centre's day
DONE_FOR = timedelta(days=2)


def done_key(day: date) -> str:
    """Taken by the worker that runs the day's retention."""
    return f"{PREFIX}retention:{day.isoformat()}"


def retention_due(runtime: Runtime) -> RetentionResult | None:
    """Run today's retention if it is time and no worker has yet; what was done."""
    now = runtime.clock.now().astimezone(TOKYO)
    if now.hour < RUN_FROM_HOUR:
        return None
    if not runtime.redis.set(done_key(now.date()), "1", nx=True, ex=DONE_FOR):
        return None
    settings = runtime.settings
    try:
        done = run_retention(runtime.uow(), now=now, keep_days=settings.booking_retention_days,
                             inactive_days=settings.staff_inactive_days)  # fmt: skip
    except Exception:
        runtime.redis.delete(done_key(now.date()))  # let the next look try again
        raise
    log.info("retention: %d bookings anonymised, %d accounts disabled",
             done.bookings, len(done.disabled))  # fmt: skip
    return done


class RetentionLoop(threading.Thread):
    """Runs retention_due every ten minutes until stopped."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(name="retention", daemon=True)
        self.runtime = runtime
        self._stop_event = threading.Event()

    def run(self) -> None:
        """Run what is due, then wait; an error is logged and tried on the next look."""
        while not self._stop_event.is_set():
            try:
                retention_due(self.runtime)
            except Exception:
                log.exception("retention failed; trying again later")
            self._stop_event.wait(EVERY_SECONDS)

    def stop(self) -> None:
        """Ask the loop to end."""
        self._stop_event.set()
