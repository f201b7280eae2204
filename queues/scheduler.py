"""The scheduler thread every worker runs: its heartbeat, and due jobs moved to their queues.

rq's own scheduler is a forked process: after a kill -9 of its worker it lived on as an orphan
holding rq's lock, and a restarted worker ran without one for up to 10 minutes. This thread
dies with its process; its lock (queues.liveness) has a short TTL renewed every tick.
"""

from __future__ import annotations

import logging
import threading
from contextlib import suppress

from rq.scheduler import RQScheduler

from queues.liveness import (
    beat_scheduler,
    beat_worker,
    hold_scheduler_lock,
    release_scheduler_lock,
    retry_delay,
)
from runtime.bootstrap import QUEUE_NAMES, Runtime

log = logging.getLogger(__name__)
TICK_SECONDS = 1.0


class SchedulerThread(threading.Thread):
    """Beat for this worker; while holding the lock, enqueue due jobs (rq's retries) each tick."""

    def __init__(self, runtime: Runtime, name: str, *, tick_seconds: float = TICK_SECONDS) -> None:
        super().__init__(name="scheduler", daemon=True)
        self.runtime, self.worker_name, self.tick_seconds = runtime, name, tick_seconds
        self.stopping = threading.Event()
        self.holding = False

    def run(self) -> None:
        """The loop; Redis away is logged and tried again with a growing wait."""
        scheduler = RQScheduler(list(QUEUE_NAMES), connection=self.runtime.redis,
                                logging_level="WARNING")  # fmt: skip
        scheduler.prepare_registries(QUEUE_NAMES)
        failures = 0
        while not self.stopping.is_set():
            try:
                self.tick(scheduler)
                failures = 0
            except Exception as exc:  # keep beating once Redis is back
                failures += 1
                log.error("scheduler tick failed (%d in a row): %s", failures, type(exc).__name__)
            self.stopping.wait(retry_delay(self.tick_seconds, failures))
        with suppress(Exception):  # let another worker's scheduler take over at once
            release_scheduler_lock(self.runtime.redis, self.worker_name)

    def tick(self, scheduler: RQScheduler) -> None:
        """One beat: the worker's heartbeat, then the scheduler's work if this one holds it."""
        redis, now = self.runtime.redis, self.runtime.clock.now()
        beat_worker(redis, self.worker_name, now)
        holding = hold_scheduler_lock(redis, self.worker_name)
        if holding != self.holding:
            log.warning("scheduler %s here", "running" if holding else "no longer running")
            self.holding = holding
        if holding:
            scheduler.enqueue_scheduled_jobs()
            beat_scheduler(redis, self.worker_name, now)

    def stop(self) -> None:
        """End after the current tick and give the lock up."""
        self.stopping.set()
