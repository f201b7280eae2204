"""The evening close-out: once a centre's day has ended, its bookings still active are no-shows.

A thread beside each rq worker looks every minute whether today (or, after a night the workers
were down, yesterday) still has a centre to close out; booking_core.booking_life.close_day does
the work and changes nothing when run again, and a Redis key marks a day whose centres are all
closed out, so several workers do not repeat it. `flask --app wsgi close-day` runs it by hand.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, timedelta

from booking_core.booking_life import ClosedDay, close_day
from booking_core.calendar import TOKYO
from queues.keys import PREFIX
from queues.reminders import reminders_due
from runtime.bootstrap import Runtime

log = logging.getLogger(__name__)
EVERY_SECONDS = 60.0
DONE_FOR = timedelta(days=3)  # how long a closed-out day is remembered


def done_key(day: date) -> str:
    """Set once every centre of the day has been closed out."""
    return f"{PREFIX}close_out:{day.isoformat()}"


def close_out_due(runtime: Runtime) -> list[ClosedDay]:
    """Close out yesterday and today where their centres' days have ended; what was done."""
    now = runtime.clock.now()
    today = now.astimezone(TOKYO).date()
    done = []
    for day in (today - timedelta(days=1), today):
        if runtime.redis.exists(done_key(day)):
            continue
        closed = close_day(runtime.uow(), day=day, now=now)
        if not closed.still_open:
            runtime.redis.set(done_key(day), "1", ex=DONE_FOR)
        if any(closed.no_shows.values()):
            log.info("close-out %s: %s no-shows", day, sum(closed.no_shows.values()))
        done.append(closed)
    return done


class DailyChores(threading.Thread):
    """Every minute until stopped: the evening close-out, and the day's reminders once their
    hour has come (queues.reminders)."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(name="daily-chores", daemon=True)
        self.runtime = runtime
        self._stop_event = threading.Event()

    def run(self) -> None:
        """Do what is due, then wait; an error is logged and tried on the next tick."""
        while not self._stop_event.is_set():
            for chore in (close_out_due, reminders_due):
                try:
                    chore(self.runtime)
                except Exception:
                    log.exception("%s failed; trying again in a minute", chore.__name__)
            self._stop_event.wait(EVERY_SECONDS)

    def stop(self) -> None:
        """Ask the loop to end."""
        self._stop_event.set()
